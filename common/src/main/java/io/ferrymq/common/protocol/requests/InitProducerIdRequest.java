package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;

/**
 * Ask any broker for a producer id and epoch (Kafka's InitProducerId, KIP-98). With
 * {@code producerId} and {@code producerEpoch} both {@code -1} the broker grants a fresh id with epoch
 * 0; with an id and epoch the producer holds (both {@code >= 0}) it bumps the epoch (KIP-360), or
 * grants a fresh id when the epoch would pass {@link Short#MAX_VALUE}. Ferry has no transactions:
 * {@code transactionalId} is always null (anything else is answered {@code INVALID_REQUEST}) and
 * {@code transactionTimeoutMs} is carried only for parity with Kafka. Fields are not checked here
 * but by the broker, so a bad request is answered rather than dropped as undecodable. Immutable.
 */
public record InitProducerIdRequest(String transactionalId, int transactionTimeoutMs, long producerId,
                                    short producerEpoch) implements ApiRequest {

    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;

    /** The request of an idempotent producer that holds no id yet. */
    public static InitProducerIdRequest newProducer() {
        return new InitProducerIdRequest(null, 0, NO_PRODUCER_ID, NO_PRODUCER_EPOCH);
    }

    /** The request of an idempotent producer holding {@code producerId} at {@code producerEpoch}: bump the epoch. */
    public static InitProducerIdRequest bumpEpoch(long producerId, short producerEpoch) {
        return new InitProducerIdRequest(null, 0, producerId, producerEpoch);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.INIT_PRODUCER_ID;
    }
}
