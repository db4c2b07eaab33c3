package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Delete and upsert SCRAM credentials (Kafka's AlterUserScramCredentials). As in Kafka, the client
 * sends the salt and the salted password ({@code Hi(password, salt, iterations)}), never the
 * password; the broker derives and stores the keys. Immutable.
 */
public record AlterUserScramCredentialsRequest(List<Deletion> deletions, List<Upsertion> upsertions)
        implements ApiRequest {

    public AlterUserScramCredentialsRequest {
        deletions = List.copyOf(deletions);
        upsertions = List.copyOf(upsertions);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.ALTER_USER_SCRAM_CREDENTIALS;
    }

    /** Remove {@code user}'s credential for {@code mechanism} (a SASL name). */
    public record Deletion(String user, String mechanism) {
        public Deletion {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(mechanism, "mechanism");
        }
    }

    /** Set {@code user}'s credential for {@code mechanism}; arrays are copied in and out. */
    public record Upsertion(String user, String mechanism, int iterations, byte[] salt, byte[] saltedPassword) {
        public Upsertion {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(mechanism, "mechanism");
            salt = Objects.requireNonNull(salt, "salt").clone();
            saltedPassword = Objects.requireNonNull(saltedPassword, "saltedPassword").clone();
        }

        @Override
        public byte[] salt() {
            return salt.clone();
        }

        @Override
        public byte[] saltedPassword() {
            return saltedPassword.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Upsertion that && user.equals(that.user) && mechanism.equals(that.mechanism)
                    && iterations == that.iterations && Arrays.equals(salt, that.salt)
                    && Arrays.equals(saltedPassword, that.saltedPassword);
        }

        @Override
        public int hashCode() {
            return Objects.hash(user, mechanism, iterations, Arrays.hashCode(salt), Arrays.hashCode(saltedPassword));
        }

        /** Never the salted password. */
        @Override
        public String toString() {
            return "Upsertion(" + user + ", " + mechanism + ", iterations=" + iterations + ")";
        }
    }
}
