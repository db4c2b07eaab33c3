package io.ferrymq.common.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SCRAM mechanisms Ferry speaks (RFC 5802, RFC 7677) and their primitives over the JDK's
 * {@code javax.crypto}: {@code Hi} is PBKDF2 with the mechanism's HMAC, {@code ClientKey = HMAC(SaltedPassword,
 * "Client Key")}, {@code StoredKey = H(ClientKey)}, {@code ServerKey = HMAC(SaltedPassword, "Server Key")}.
 * Iteration counts below {@link #MIN_ITERATIONS} (Kafka's floor) or above {@link #MAX_ITERATIONS} are refused.
 *
 * <p>Immutable and thread-safe: every call gets its own {@link Mac} / {@link MessageDigest}.
 */
public enum ScramMechanism {
    SCRAM_SHA_256("SCRAM-SHA-256", "SHA-256", "HmacSHA256", "PBKDF2WithHmacSHA256", 256),
    SCRAM_SHA_512("SCRAM-SHA-512", "SHA-512", "HmacSHA512", "PBKDF2WithHmacSHA512", 512);

    public static final int MIN_ITERATIONS = 4096;
    public static final int MAX_ITERATIONS = 16384;

    private final String mechanismName;
    private final String hashAlgorithm;
    private final String macAlgorithm;
    private final String pbkdf2Algorithm;
    private final int keyBits;

    ScramMechanism(String mechanismName, String hashAlgorithm, String macAlgorithm, String pbkdf2Algorithm,
                   int keyBits) {
        this.mechanismName = mechanismName;
        this.hashAlgorithm = hashAlgorithm;
        this.macAlgorithm = macAlgorithm;
        this.pbkdf2Algorithm = pbkdf2Algorithm;
        this.keyBits = keyBits;
    }

    /** The SASL name, e.g. {@code SCRAM-SHA-256}: what clients ask for and what ZooKeeper stores. */
    public String mechanismName() {
        return mechanismName;
    }

    /** The mechanism with SASL name {@code name}, empty for any other. */
    public static Optional<ScramMechanism> forMechanismName(String name) {
        return Arrays.stream(values()).filter(m -> m.mechanismName.equals(name)).findFirst();
    }

    /** Refuses iteration counts outside [{@link #MIN_ITERATIONS}, {@link #MAX_ITERATIONS}]. */
    public static void checkIterations(int iterations) {
        if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("SCRAM iterations must be between " + MIN_ITERATIONS + " and "
                    + MAX_ITERATIONS + ", was " + iterations);
        }
    }

    /** {@code Hi(password, salt, iterations)}: the salted password. */
    public byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, keyBits);
            return SecretKeyFactory.getInstance(pbkdf2Algorithm).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(pbkdf2Algorithm + " is not available in this JDK", e);
        }
    }

    public byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new SecretKeySpec(key, macAlgorithm));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(macAlgorithm + " is not available in this JDK", e);
        }
    }

    public byte[] hash(byte[] data) {
        try {
            return MessageDigest.getInstance(hashAlgorithm).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hashAlgorithm + " is not available in this JDK", e);
        }
    }

    public byte[] clientKey(byte[] saltedPassword) {
        return hmac(saltedPassword, "Client Key".getBytes(StandardCharsets.US_ASCII));
    }

    public byte[] serverKey(byte[] saltedPassword) {
        return hmac(saltedPassword, "Server Key".getBytes(StandardCharsets.US_ASCII));
    }

    /** The credential a server keeps for {@code saltedPassword}: never the password itself. */
    public ScramCredential credential(byte[] salt, byte[] saltedPassword, int iterations) {
        return new ScramCredential(salt, hash(clientKey(saltedPassword)), serverKey(saltedPassword), iterations);
    }

    /** Whether {@code password} is the one {@code credential} was made from (PLAIN's check); constant time. */
    public boolean matches(ScramCredential credential, String password) {
        byte[] salted = saltedPassword(password, credential.salt(), credential.iterations());
        return MessageDigest.isEqual(hash(clientKey(salted)), credential.storedKey());
    }

    static byte[] xor(byte[] a, byte[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("lengths differ: " + a.length + " and " + b.length);
        }
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }
}
