package io.ferrymq.broker.security.sasl;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.AlterUserScramCredentialsRequest;
import io.ferrymq.common.protocol.requests.AlterUserScramCredentialsRequest.Deletion;
import io.ferrymq.common.protocol.requests.AlterUserScramCredentialsRequest.Upsertion;
import io.ferrymq.common.security.ScramCredential;
import io.ferrymq.common.security.ScramMechanism;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The validated form of an AlterUserScramCredentials request, per user in request order: either
 * the credentials to set and delete, or why none of that user's alterations may be applied, with
 * Kafka's codes: {@code UNSUPPORTED_SASL_MECHANISM} (not a SCRAM mechanism),
 * {@code UNACCEPTABLE_CREDENTIAL} (empty user, iterations outside [4096, 16384], empty salt or
 * salted password), {@code DUPLICATE_RESOURCE} (one user and mechanism named twice). A user with
 * any bad alteration gets none applied. Pure; immutable and thread-safe.
 */
public record ScramAlterationPlan(Map<String, UserAlteration> valid, Map<String, ApiError> refused) {

    /** One user's checked alterations: deletions first, then upserts. */
    public record UserAlteration(Map<ScramMechanism, ScramCredential> upserts, Set<ScramMechanism> deletions) {
    }

    public ScramAlterationPlan {
        valid = Collections.unmodifiableMap(new LinkedHashMap<>(valid));
        refused = Collections.unmodifiableMap(new LinkedHashMap<>(refused));
    }

    public static ScramAlterationPlan of(AlterUserScramCredentialsRequest request) {
        Map<String, UserAlteration> valid = new LinkedHashMap<>();
        Map<String, ApiError> refused = new LinkedHashMap<>();
        Set<String> users = new LinkedHashSet<>();
        request.deletions().forEach(d -> users.add(d.user()));
        request.upsertions().forEach(u -> users.add(u.user()));
        for (String user : users) {
            List<Deletion> deletions = request.deletions().stream().filter(d -> d.user().equals(user)).toList();
            List<Upsertion> upsertions = request.upsertions().stream().filter(u -> u.user().equals(user)).toList();
            problem(user, deletions, upsertions).ifPresentOrElse(error -> refused.put(user, error),
                    () -> valid.put(user, alteration(deletions, upsertions)));
        }
        return new ScramAlterationPlan(valid, refused);
    }

    private static Optional<ApiError> problem(String user, List<Deletion> deletions, List<Upsertion> upsertions) {
        if (user.isEmpty()) {
            return Optional.of(new ApiError(ErrorCode.UNACCEPTABLE_CREDENTIAL, "the user name is empty"));
        }
        Set<String> named = new HashSet<>();
        for (Deletion deletion : deletions) {
            Optional<ApiError> problem = mechanismProblem(user, deletion.mechanism(), named);
            if (problem.isPresent()) {
                return problem;
            }
        }
        for (Upsertion upsertion : upsertions) {
            Optional<ApiError> problem = mechanismProblem(user, upsertion.mechanism(), named)
                    .or(() -> credentialProblem(user, upsertion));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<ApiError> mechanismProblem(String user, String mechanism, Set<String> named) {
        if (ScramMechanism.forMechanismName(mechanism).isEmpty()) {
            return Optional.of(new ApiError(ErrorCode.UNSUPPORTED_SASL_MECHANISM, "user '" + user + "': '"
                    + mechanism + "' is not a SCRAM mechanism (SCRAM-SHA-256, SCRAM-SHA-512)"));
        }
        if (!named.add(mechanism)) {
            return Optional.of(new ApiError(ErrorCode.DUPLICATE_RESOURCE, "user '" + user + "': " + mechanism
                    + " is named twice in one request"));
        }
        return Optional.empty();
    }

    private static Optional<ApiError> credentialProblem(String user, Upsertion upsertion) {
        int iterations = upsertion.iterations();
        if (iterations < ScramMechanism.MIN_ITERATIONS || iterations > ScramMechanism.MAX_ITERATIONS) {
            return Optional.of(new ApiError(ErrorCode.UNACCEPTABLE_CREDENTIAL, "user '" + user
                    + "': iterations must be between " + ScramMechanism.MIN_ITERATIONS + " and "
                    + ScramMechanism.MAX_ITERATIONS + ", was " + iterations));
        }
        if (upsertion.salt().length == 0 || upsertion.saltedPassword().length == 0) {
            return Optional.of(new ApiError(ErrorCode.UNACCEPTABLE_CREDENTIAL, "user '" + user
                    + "': salt and salted password must not be empty"));
        }
        return Optional.empty();
    }

    /** The alteration of requests {@link #problem} passed. */
    private static UserAlteration alteration(List<Deletion> deletions, List<Upsertion> upsertions) {
        Set<ScramMechanism> deleted = EnumSet.noneOf(ScramMechanism.class);
        deletions.forEach(d -> deleted.add(ScramMechanism.forMechanismName(d.mechanism()).orElseThrow()));
        Map<ScramMechanism, ScramCredential> upserts = new EnumMap<>(ScramMechanism.class);
        for (Upsertion u : upsertions) {
            ScramMechanism mechanism = ScramMechanism.forMechanismName(u.mechanism()).orElseThrow();
            upserts.put(mechanism, mechanism.credential(u.salt(), u.saltedPassword(), u.iterations()));
        }
        return new UserAlteration(upserts, deleted);
    }
}
