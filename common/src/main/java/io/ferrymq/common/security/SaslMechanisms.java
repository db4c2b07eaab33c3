package io.ferrymq.common.security;

import io.ferrymq.common.errors.ErrorCode;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;

/**
 * The SASL mechanisms Ferry implements, by their SASL names, and the one place that builds their
 * client and server sides with fresh random nonces. Thread-safe ({@link SecureRandom} is).
 */
public final class SaslMechanisms {

    /** Every mechanism name Ferry implements, as Kafka spells them. */
    public static final List<String> SUPPORTED = List.of(PlainServer.MECHANISM,
            ScramMechanism.SCRAM_SHA_256.mechanismName(), ScramMechanism.SCRAM_SHA_512.mechanismName());

    private static final SecureRandom RANDOM = new SecureRandom();

    private SaslMechanisms() {
    }

    /** A printable random nonce without ',' (as Kafka's: 130 random bits in base 36). */
    public static String nonce() {
        return new BigInteger(130, RANDOM).toString(Character.MAX_RADIX);
    }

    /** {@code count} random bytes: a new credential's salt. */
    public static byte[] salt(int count) {
        byte[] salt = new byte[count];
        RANDOM.nextBytes(salt);
        return salt;
    }

    /** Refuses a mechanism name Ferry does not implement, listing those it does. */
    public static String requireSupported(String mechanism) {
        if (!SUPPORTED.contains(mechanism)) {
            throw ErrorCode.UNSUPPORTED_SASL_MECHANISM.exception("SASL mechanism '" + mechanism
                    + "' is not supported; supported: " + SUPPORTED);
        }
        return mechanism;
    }

    public static SaslServerMechanism server(String mechanism, ScramCredentialLookup credentials) {
        requireSupported(mechanism);
        return ScramMechanism.forMechanismName(mechanism)
                .<SaslServerMechanism>map(scram -> new ScramServer(scram, credentials, SaslMechanisms::nonce))
                .orElseGet(() -> new PlainServer(credentials));
    }

    public static SaslClientMechanism client(String mechanism, String username, String password) {
        requireSupported(mechanism);
        return ScramMechanism.forMechanismName(mechanism)
                .<SaslClientMechanism>map(scram -> new ScramClient(scram, username, password, nonce()))
                .orElseGet(() -> new PlainClient(username, password));
    }
}
