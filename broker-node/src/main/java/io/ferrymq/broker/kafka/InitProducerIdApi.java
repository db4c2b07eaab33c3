package io.ferrymq.broker.kafka;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.InitProducerIdRequest;
import io.ferrymq.common.protocol.responses.InitProducerIdResponse;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * InitProducerId 0-5 for idempotent producers: a fresh producer id, or (v3+, KIP-360) the epoch of the
 * id and epoch the producer holds bumped, by Ferry's handler. A transactional id is refused with
 * {@code UNSUPPORTED_VERSION}, as {@link ProduceApi} explains. Stateless and thread-safe.
 */
final class InitProducerIdApi implements KafkaApi<InitProducerIdRequestData, InitProducerIdResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.INIT_PRODUCER_ID;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 5;
    }

    @Override
    public ApiRequest toFerry(InitProducerIdRequestData request, short version) {
        if (request.transactionalId() != null) {
            throw ErrorCode.UNSUPPORTED_VERSION.exception("Ferry has no transactions: transactional id '"
                    + request.transactionalId() + "' is not supported");
        }
        // Before v3 the fields are absent and read as their defaults, -1: a new producer.
        return new InitProducerIdRequest(null, request.transactionTimeoutMs(), request.producerId(),
                request.producerEpoch());
    }

    @Override
    public InitProducerIdResponseData toKafka(InitProducerIdRequestData request, ApiResponse response, short version) {
        InitProducerIdResponse ferry = (InitProducerIdResponse) response;
        return new InitProducerIdResponseData().setErrorCode(ferry.error().code())
                .setProducerId(ferry.producerId()).setProducerEpoch(ferry.producerEpoch());
    }
}
