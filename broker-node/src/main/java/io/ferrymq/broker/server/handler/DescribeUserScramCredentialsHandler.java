package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.broker.errors.ErrorMapper;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.DescribeUserScramCredentialsRequest;
import io.ferrymq.common.protocol.responses.DescribeUserScramCredentialsResponse;
import io.ferrymq.common.protocol.responses.DescribeUserScramCredentialsResponse.CredentialInfo;
import io.ferrymq.common.protocol.responses.DescribeUserScramCredentialsResponse.UserResult;
import io.ferrymq.common.security.ScramCredential;
import io.ferrymq.common.security.ScramMechanism;
import io.ferrymq.coordinator.credentials.ZkUserCredentials;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeUserScramCredentials: each user's mechanisms and iteration counts, read from ZooKeeper
 * (not the cache, so a tool sees its own write at once); never a salt or key. An empty request
 * lists every user; a named user without credentials is {@code RESOURCE_NOT_FOUND}, a user named
 * twice {@code DUPLICATE_RESOURCE}, as in Kafka. A ZooKeeper failure fails the whole request.
 *
 * <p>Thread-safe.
 */
public final class DescribeUserScramCredentialsHandler implements RequestHandler<DescribeUserScramCredentialsRequest> {

    private final ZkUserCredentials credentials;

    public DescribeUserScramCredentialsHandler(ZkUserCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_USER_SCRAM_CREDENTIALS;
    }

    @Override
    public CompletableFuture<DescribeUserScramCredentialsResponse> handle(RequestContext context,
                                                                          DescribeUserScramCredentialsRequest request) {
        try {
            List<UserResult> results = request.users().isEmpty() ? describeAll() : describe(request.users());
            return CompletableFuture.completedFuture(new DescribeUserScramCredentialsResponse(ErrorCode.NONE, "", results));
        } catch (RuntimeException e) {
            ApiError error = ErrorMapper.forZooKeeperCall(e, "the users' credentials");
            return CompletableFuture.completedFuture(errorResponse(request, error.error(), error.message()));
        }
    }

    private List<UserResult> describeAll() {
        List<UserResult> results = new ArrayList<>();
        credentials.describeAll().forEach((user, stored) -> results.add(found(user, stored)));
        return results;
    }

    private List<UserResult> describe(List<String> users) {
        List<UserResult> results = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String user : users) {
            if (!seen.add(user)) {
                results.add(new UserResult(user, ErrorCode.DUPLICATE_RESOURCE, "user '" + user + "' is named twice",
                        List.of()));
                continue;
            }
            Map<ScramMechanism, ScramCredential> stored = credentials.describe(user);
            results.add(stored.isEmpty()
                    ? new UserResult(user, ErrorCode.RESOURCE_NOT_FOUND, "user '" + user + "' has no SCRAM credentials",
                            List.of())
                    : found(user, stored));
        }
        return results;
    }

    private static UserResult found(String user, Map<ScramMechanism, ScramCredential> stored) {
        List<CredentialInfo> infos = new ArrayList<>();
        stored.forEach((mechanism, credential) -> infos.add(
                new CredentialInfo(mechanism.mechanismName(), credential.iterations())));
        return new UserResult(user, ErrorCode.NONE, "", infos);
    }

    @Override
    public DescribeUserScramCredentialsResponse errorResponse(DescribeUserScramCredentialsRequest request,
                                                              ErrorCode error, String message) {
        return new DescribeUserScramCredentialsResponse(error, message, List.of());
    }
}
