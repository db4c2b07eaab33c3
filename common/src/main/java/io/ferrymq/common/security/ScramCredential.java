package io.ferrymq.common.security;

import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a server keeps of one user's password for one SCRAM mechanism: the salt, {@code StoredKey},
 * {@code ServerKey} and iteration count (RFC 5802 section 3), never the password. Its text form is
 * Kafka's, the value of a mechanism in {@code /config/users/<user>}:
 * {@code salt=<base64>,stored_key=<base64>,server_key=<base64>,iterations=<n>}.
 *
 * <p>Immutable (arrays are copied in and out) and thread-safe.
 */
public record ScramCredential(byte[] salt, byte[] storedKey, byte[] serverKey, int iterations) {

    public ScramCredential {
        salt = nonEmpty(salt, "salt").clone();
        storedKey = nonEmpty(storedKey, "stored_key").clone();
        serverKey = nonEmpty(serverKey, "server_key").clone();
        ScramMechanism.checkIterations(iterations);
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] storedKey() {
        return storedKey.clone();
    }

    @Override
    public byte[] serverKey() {
        return serverKey.clone();
    }

    /** Kafka's text form. */
    public String toText() {
        Base64.Encoder b64 = Base64.getEncoder();
        return "salt=" + b64.encodeToString(salt) + ",stored_key=" + b64.encodeToString(storedKey)
                + ",server_key=" + b64.encodeToString(serverKey) + ",iterations=" + iterations;
    }

    /** Parses Kafka's text form; the error names the field that is missing or malformed. */
    public static ScramCredential parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("SCRAM credential: expected key=value, was '" + part + "'");
            }
            fields.put(part.substring(0, eq), part.substring(eq + 1));
        }
        String iterations = require(fields, "iterations");
        try {
            return new ScramCredential(base64(fields, "salt"), base64(fields, "stored_key"),
                    base64(fields, "server_key"), Integer.parseInt(iterations));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SCRAM credential: iterations is not a number: '" + iterations + "'", e);
        }
    }

    private static byte[] base64(Map<String, String> fields, String name) {
        String value = require(fields, name);
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SCRAM credential: " + name + " is not base64", e);
        }
    }

    private static String require(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("SCRAM credential: missing " + name + " in " + fields.keySet());
        }
        return value;
    }

    private static byte[] nonEmpty(byte[] value, String name) {
        Objects.requireNonNull(value, name);
        if (value.length == 0) {
            throw new IllegalArgumentException("SCRAM credential: " + name + " is empty");
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ScramCredential that && iterations == that.iterations
                && Arrays.equals(salt, that.salt) && Arrays.equals(storedKey, that.storedKey)
                && Arrays.equals(serverKey, that.serverKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(salt), Arrays.hashCode(storedKey), Arrays.hashCode(serverKey), iterations);
    }

    /** Never the keys: a credential may end up in a log line. */
    @Override
    public String toString() {
        return "ScramCredential(iterations=" + iterations + ")";
    }
}
