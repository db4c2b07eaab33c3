package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.InitProducerIdRequest;
import io.ferrymq.common.protocol.responses.InitProducerIdResponse;
import io.ferrymq.coordinator.producer.ProducerIdAndEpoch;
import io.ferrymq.coordinator.producer.ProducerIdManager;
import io.ferrymq.coordinator.zk.CoordinatorException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * InitProducerId for idempotent producers, served by any broker from its {@link ProducerIdManager}:
 * {@code producerId -1, producerEpoch -1} gets a fresh id with epoch 0; an id and epoch both
 * {@code >= 0} get the same id with the next epoch (KIP-360), or a fresh id when the epoch is at
 * {@link Short#MAX_VALUE}. Ferry has no transactions, so a transactional id, like an id without an
 * epoch or the reverse, is {@code INVALID_REQUEST}. When no block of ids can be claimed from
 * ZooKeeper the answer is {@code COORDINATOR_NOT_AVAILABLE}, which the producer retries (the same
 * mapping as a group's ZooKeeper failure). Claiming a block blocks the request thread for one
 * ZooKeeper round trip per thousand ids.
 *
 * <p>Thread-safe.
 */
public final class InitProducerIdHandler implements RequestHandler<InitProducerIdRequest> {

    private static final Logger log = LoggerFactory.getLogger(InitProducerIdHandler.class);

    private final ProducerIdManager producerIds;

    public InitProducerIdHandler(ProducerIdManager producerIds) {
        this.producerIds = producerIds;
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.INIT_PRODUCER_ID;
    }

    @Override
    public CompletableFuture<InitProducerIdResponse> handle(RequestContext context, InitProducerIdRequest request) {
        return CompletableFuture.completedFuture(answer(request));
    }

    @Override
    public ApiResponse errorResponse(InitProducerIdRequest request, ErrorCode error, String message) {
        return InitProducerIdResponse.error(error, message);
    }

    private InitProducerIdResponse answer(InitProducerIdRequest request) {
        if (request.transactionalId() != null) {
            return InitProducerIdResponse.error(ErrorCode.INVALID_REQUEST,
                    "Ferry has no transactions: transactionalId must be null, not '" + request.transactionalId() + "'");
        }
        Optional<ProducerIdAndEpoch> current;
        if (request.producerId() == InitProducerIdRequest.NO_PRODUCER_ID
                && request.producerEpoch() == InitProducerIdRequest.NO_PRODUCER_EPOCH) {
            current = Optional.empty();
        } else if (request.producerId() >= 0 && request.producerEpoch() >= 0) {
            current = Optional.of(new ProducerIdAndEpoch(request.producerId(), request.producerEpoch()));
        } else {
            return InitProducerIdResponse.error(ErrorCode.INVALID_REQUEST, "producerId " + request.producerId()
                    + " with producerEpoch " + request.producerEpoch() + ": give both (>= 0) or neither (-1)");
        }
        try {
            ProducerIdAndEpoch granted = producerIds.grant(current);
            return InitProducerIdResponse.granted(granted.producerId(), granted.epoch());
        } catch (CoordinatorException e) {
            log.warn("Cannot grant a producer id: {}", e.getMessage());
            return InitProducerIdResponse.error(ErrorCode.COORDINATOR_NOT_AVAILABLE,
                    "no producer id block available: " + e.getMessage());
        }
    }
}
