package io.ferrymq.common.security;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The four SCRAM messages of RFC 5802 section 7, built and parsed. Only the GS2 header {@code n,,}
 * (no channel binding, no authorization identity) is accepted, as Kafka's. Usernames are escaped as
 * the RFC requires ({@code ,} as {@code =2C}, {@code =} as {@code =3D}). Extensions after the nonce
 * are tolerated and ignored. A malformed message is a {@code SASL_AUTHENTICATION_FAILED}
 * {@link ApiException} saying which attribute was wrong.
 *
 * <p>Stateless; the message records are immutable.
 */
public final class ScramMessages {

    /** The only GS2 header Ferry accepts: no channel binding, no authorization identity. */
    public static final String GS2_HEADER = "n,,";
    static final String CHANNEL_BINDING = Base64.getEncoder().encodeToString(GS2_HEADER.getBytes(StandardCharsets.US_ASCII));

    private ScramMessages() {
    }

    /** {@code n,,n=<user>,r=<nonce>}; {@code bare} is the part after the GS2 header. */
    public record ClientFirst(String username, String nonce, String bare) {
        public static ClientFirst of(String username, String nonce) {
            return new ClientFirst(username, nonce, "n=" + escape(username) + ",r=" + nonce);
        }

        public String text() {
            return GS2_HEADER + bare;
        }
    }

    /** {@code r=<nonce>,s=<salt>,i=<iterations>}. */
    public record ServerFirst(String nonce, byte[] salt, int iterations, String text) {
        public static ServerFirst of(String nonce, byte[] salt, int iterations) {
            return new ServerFirst(nonce, salt, iterations,
                    "r=" + nonce + ",s=" + Base64.getEncoder().encodeToString(salt) + ",i=" + iterations);
        }
    }

    /** {@code c=biws,r=<nonce>,p=<proof>}; {@code withoutProof} enters the AuthMessage. */
    public record ClientFinal(String nonce, byte[] proof, String withoutProof) {
        public static ClientFinal of(String nonce, byte[] proof) {
            return new ClientFinal(nonce, proof, "c=" + CHANNEL_BINDING + ",r=" + nonce);
        }

        public String text() {
            return withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
        }
    }

    public static ClientFirst parseClientFirst(String text) {
        if (!text.startsWith(GS2_HEADER)) {
            throw failure("client-first-message must start with the GS2 header 'n,,' (no channel binding,"
                    + " no authorization id)");
        }
        String bare = text.substring(GS2_HEADER.length());
        Map<String, String> attrs = attributes(bare, "client-first-message");
        return new ClientFirst(unescape(require(attrs, "n", "client-first-message")),
                require(attrs, "r", "client-first-message"), bare);
    }

    public static ServerFirst parseServerFirst(String text) {
        Map<String, String> attrs = attributes(text, "server-first-message");
        if (attrs.containsKey("e")) {
            throw failure("the server refused: " + attrs.get("e"));
        }
        String iterations = require(attrs, "i", "server-first-message");
        try {
            return new ServerFirst(require(attrs, "r", "server-first-message"),
                    base64(require(attrs, "s", "server-first-message"), "s"), Integer.parseInt(iterations), text);
        } catch (NumberFormatException e) {
            throw failure("server-first-message: iteration count is not a number: '" + iterations + "'");
        }
    }

    public static ClientFinal parseClientFinal(String text) {
        int proofAt = text.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw failure("client-final-message has no proof (p=)");
        }
        String withoutProof = text.substring(0, proofAt);
        Map<String, String> attrs = attributes(withoutProof, "client-final-message");
        if (!CHANNEL_BINDING.equals(require(attrs, "c", "client-final-message"))) {
            throw failure("client-final-message: channel binding must be '" + CHANNEL_BINDING + "', was '"
                    + attrs.get("c") + "'");
        }
        return new ClientFinal(require(attrs, "r", "client-final-message"),
                base64(text.substring(proofAt + 3), "p"), withoutProof);
    }

    /** {@code v=<signature>} on success, {@code e=<reason>} on failure. */
    public static String serverFinal(byte[] serverSignature) {
        return "v=" + Base64.getEncoder().encodeToString(serverSignature);
    }

    /** The server signature of a server-final-message; a server-sent error becomes the exception's message. */
    public static byte[] parseServerFinal(String text) {
        Map<String, String> attrs = attributes(text, "server-final-message");
        if (attrs.containsKey("e")) {
            throw failure("the server refused: " + attrs.get("e"));
        }
        return base64(require(attrs, "v", "server-final-message"), "v");
    }

    static ApiException failure(String message) {
        return ErrorCode.SASL_AUTHENTICATION_FAILED.exception(message);
    }

    private static Map<String, String> attributes(String text, String what) {
        Map<String, String> attrs = new LinkedHashMap<>();
        for (String part : text.split(",", -1)) {
            if (part.length() < 2 || part.charAt(1) != '=') {
                throw failure(what + ": expected attribute 'x=value', was '" + part + "'");
            }
            attrs.putIfAbsent(part.substring(0, 1), part.substring(2));
        }
        return attrs;
    }

    private static String require(Map<String, String> attrs, String name, String what) {
        String value = attrs.get(name);
        if (value == null || value.isEmpty()) {
            throw failure(what + ": missing attribute '" + name + "'");
        }
        return value;
    }

    private static byte[] base64(String value, String name) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw failure("attribute '" + name + "' is not base64");
        }
    }

    static String escape(String username) {
        return username.replace("=", "=3D").replace(",", "=2C");
    }

    static String unescape(String saslName) {
        String stripped = saslName.replace("=2C", "").replace("=3D", "");
        if (stripped.indexOf('=') >= 0) {
            throw failure("username has an '=' that is not '=2C' or '=3D'");
        }
        return saslName.replace("=2C", ",").replace("=3D", "=");
    }
}
