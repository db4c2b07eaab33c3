package io.ferrymq.broker.kafka;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
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
 * <p>Records a Kafka broker refuses per partition before appending (from v3 exactly one batch of
 * magic 2 per partition, ZStandard only from v7) are refused here the same way and never reach
 * Ferry's handler.
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
                TopicPartition tp = KafkaPartitions.of(topic.name(), partition.index());
                if (refusal(partition.records(), version, tp).isEmpty()) {
                    partitions.add(new ProduceRequest.PartitionData(tp, records(partition.records())));
                }
            }
        }
        return new ProduceRequest(request.acks(), request.timeoutMs(), partitions);
    }

    @Override
    public ProduceResponseData toKafka(ProduceRequestData request, ApiResponse response, short version) {
        Map<TopicPartition, ProduceResponse.PartitionResponse> answers = new HashMap<>();
        for (ProduceResponse.PartitionResponse answer : ((ProduceResponse) response).partitions()) {
            answers.putIfAbsent(answer.topicPartition(), answer);
        }
        ProduceResponseData.TopicProduceResponseCollection topics = new ProduceResponseData.TopicProduceResponseCollection();
        for (ProduceRequestData.TopicProduceData topicData : request.topicData()) {
            for (ProduceRequestData.PartitionProduceData partitionData : topicData.partitionData()) {
                TopicPartition tp = KafkaPartitions.of(topicData.name(), partitionData.index());
                ProduceResponse.PartitionResponse answer = refusal(partitionData.records(), version, tp)
                        .map(refused -> ProduceResponse.PartitionResponse.error(tp, refused.error(), refused.getMessage()))
                        .orElseGet(() -> answers.getOrDefault(tp, ProduceResponse.PartitionResponse.error(tp,
                                ErrorCode.UNKNOWN_SERVER_ERROR, "no answer for " + tp)));
                add(topics, answer);
            }
        }
        return new ProduceResponseData().setResponses(topics);
    }

    /**
     * Kafka's per-version check of a partition's records ({@code ProduceRequest.validateRecords}: from
     * v3 exactly one batch of magic 2, ZStandard only from v7), which Kafka's broker answers per
     * partition; such a partition does not reach Ferry's handler.
     */
    private static Optional<ApiException> refusal(BaseRecords records, short version, TopicPartition tp) {
        try {
            org.apache.kafka.common.requests.ProduceRequest.validateRecords(version, records);
            return Optional.empty();
        } catch (org.apache.kafka.common.errors.ApiException e) {
            return Optional.of(ErrorCode.forCode(Errors.forException(e).code()).exception(tp + ": " + e.getMessage()));
        }
    }

    private static void add(ProduceResponseData.TopicProduceResponseCollection topics,
                            ProduceResponse.PartitionResponse partition) {
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
