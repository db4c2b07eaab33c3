package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.broker.errors.ErrorMapper;
import io.ferrymq.broker.security.sasl.ScramAlterationPlan;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.AlterUserScramCredentialsRequest;
import io.ferrymq.common.protocol.responses.AlterUserScramCredentialsResponse;
import io.ferrymq.common.protocol.responses.AlterUserScramCredentialsResponse.UserResult;
import io.ferrymq.coordinator.credentials.ZkUserCredentials;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AlterUserScramCredentials: checks the request ({@link ScramAlterationPlan}), then writes each
 * valid user's changes to ZooKeeper in one versioned update ({@link ZkUserCredentials}); every
 * broker's credential cache picks them up by its watch. Logs who changed which user and mechanism,
 * never a salt or key. Blocks the request thread for one ZooKeeper round trip per user.
 *
 * <p>Thread-safe.
 */
public final class AlterUserScramCredentialsHandler implements RequestHandler<AlterUserScramCredentialsRequest> {

    private static final Logger log = LoggerFactory.getLogger(AlterUserScramCredentialsHandler.class);

    private final ZkUserCredentials credentials;

    public AlterUserScramCredentialsHandler(ZkUserCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.ALTER_USER_SCRAM_CREDENTIALS;
    }

    @Override
    public CompletableFuture<AlterUserScramCredentialsResponse> handle(RequestContext context,
                                                                       AlterUserScramCredentialsRequest request) {
        ScramAlterationPlan plan = ScramAlterationPlan.of(request);
        List<UserResult> results = new ArrayList<>();
        plan.refused().forEach((user, error) -> results.add(new UserResult(user, error.error(), error.message())));
        plan.valid().forEach((user, alteration) -> {
            ApiError outcome = apply(user, alteration);
            if (outcome.isSuccess()) {
                log.info("{} altered SCRAM credentials of user '{}': set {}, deleted {}", context.principal(), user,
                        alteration.upserts().keySet(), alteration.deletions());
            }
            results.add(new UserResult(user, outcome.error(), outcome.message()));
        });
        return CompletableFuture.completedFuture(new AlterUserScramCredentialsResponse(results));
    }

    private ApiError apply(String user, ScramAlterationPlan.UserAlteration alteration) {
        try {
            credentials.alter(user, alteration.upserts(), alteration.deletions());
            return ApiError.NONE;
        } catch (RuntimeException e) {
            return ErrorMapper.forZooKeeperCall(e, "the credentials of user '" + user + "'");
        }
    }

    @Override
    public ApiResponse errorResponse(AlterUserScramCredentialsRequest request, ErrorCode error, String message) {
        Set<String> users = new LinkedHashSet<>();
        request.deletions().forEach(d -> users.add(d.user()));
        request.upsertions().forEach(u -> users.add(u.user()));
        return new AlterUserScramCredentialsResponse(users.stream().map(u -> new UserResult(u, error, message)).toList());
    }
}
