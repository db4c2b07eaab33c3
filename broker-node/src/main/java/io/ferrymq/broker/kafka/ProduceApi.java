package io.ferrymq.broker.kafka;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.BaseRecords;
import org.apache.kafka.common.record.MemoryRecords;

/**
 * Produce 3-11. Each partition's records stay a view into the received frame (the codec keeps the
 * frame until the request is done); Ferry's log append validates them. acks=0 is passed through:
 * Ferry's {@code ProduceHandler} then expects no response and the dispatcher sends none, as Kafka's
 * broker does.
 *
 * <p>Ferry has no transactions, so a request with a transactional id is refused as a whole with
 * {@code UNSUPPORTED_VERSION}: what a broker from before transactions (0.10) answers a transactional
 * producer, whose first requests (a transaction coordinator lookup, InitProducerId) it does not
 * support; the producer fails with {@code UnsupportedVersionException}, as against such a broker.
 *
 * <p>The response has per partition the error, base offset, log append time (-1 unless the topic
 * uses LogAppendTime), log start offset (v5+) and, from v8, the error message; Ferry rejects whole
 * batches, so record errors are never listed. Stateless and thread-safe.
 */
final class ProduceApi implements KafkaApi<ProduceRequestData, ProduceResponseData> {

    @Override
    public ApiKeys key() {
        return ApiKeys.PRODUCE;
    }

    @Override
    public short minVersion() {
        return 3;
    }

    @Override
    public short maxVersion() {
        return 11;
    }

    @Override
    public ApiRequest toFerry(ProduceRequestData request, short version) {
        if (request.transactionalId() != null) {
            throw ErrorCode.UNSUPPORTED_VERSION.exception("Ferry has no transactions: transactional id '"
                    + request.transactionalId() + "' is not supported");
        }
        List<ProduceRequest.PartitionData> partitions = new ArrayList<>();
        for (ProduceRequestData.TopicProduceData topic : request.topicData()) {
            for (ProduceRequestData.PartitionProduceData partition : topic.partitionData()) {
                partitions.add(new ProduceRequest.PartitionData(KafkaPartitions.of(topic.name(), partition.index()),
                        records(partition.records())));
            }
        }
        return new ProduceRequest(request.acks(), request.timeoutMs(), partitions);
    }

    @Override
    public ProduceResponseData toKafka(ProduceRequestData request, ApiResponse response, short version) {
        ProduceResponseData.TopicProduceResponseCollection topics = new ProduceResponseData.TopicProduceResponseCollection();
        for (ProduceResponse.PartitionResponse partition : ((ProduceResponse) response).partitions()) {
            String name = partition.topicPartition().topic();
            ProduceResponseData.TopicProduceResponse topic = topics.find(name);
            if (topic == null) {
                topic = new ProduceResponseData.TopicProduceResponse().setName(name);
                topics.add(topic);
            }
            topic.partitionResponses().add(new ProduceResponseData.PartitionProduceResponse()
                    .setIndex(partition.topicPartition().partition())
                    .setErrorCode(partition.error().code())
                    .setBaseOffset(partition.baseOffset())
                    .setLogAppendTimeMs(partition.logAppendTimeMs())
                    .setLogStartOffset(partition.logStartOffset())
                    .setErrorMessage(partition.error() == ErrorCode.NONE ? null : partition.errorMessage()));
        }
        return new ProduceResponseData().setResponses(topics);
    }

    /** The batches as a view of the frame's bytes; never copied. */
    private static RecordSource records(BaseRecords records) {
        if (records == null) {
            return RecordSource.EMPTY;
        }
        if (records instanceof MemoryRecords memory) {
            return RecordSource.of(memory.buffer());
        }
        throw ErrorCode.CORRUPT_MESSAGE.exception("produce records of type " + records.getClass().getSimpleName()
                + " cannot be read");
    }
}
