package io.ferrymq.client.admin;

import java.util.Objects;

/** One SCRAM credential a user has: its mechanism's SASL name and iteration count (Kafka's). Immutable. */
public record ScramCredentialInfo(String mechanism, int iterations) {

    public ScramCredentialInfo {
        Objects.requireNonNull(mechanism, "mechanism");
    }
}
