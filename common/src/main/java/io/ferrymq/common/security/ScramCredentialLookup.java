package io.ferrymq.common.security;

import java.util.Optional;

/**
 * Where a SASL server finds a user's stored SCRAM credential: the broker's watched cache of
 * {@code /config/users}, or a map in tests. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ScramCredentialLookup {

    /** The credential of {@code username} for {@code mechanism}, empty when the user has none. */
    Optional<ScramCredential> credential(String username, ScramMechanism mechanism);
}
