package io.ferrymq.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.broker.server.handler.ProduceHandler;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.SimpleRecord;
import org.junit.jupiter.api.Test;

class ProduceApiTest {

    private static final short[] VERSIONS = {3, 7, 11};

    private final ProduceApi api = new ProduceApi();

    @Test
    void advertisesThreeToEleven() {
        assertThat(api.key()).isEqualTo(ApiKeys.PRODUCE);
        assertThat(api.minVersion()).isEqualTo((short) 3);
        assertThat(api.maxVersion()).isEqualTo((short) 11);
    }

    @Test
    void everyPartitionsRecordsBecomeAViewOfTheReceivedBytes() {
        for (short version : VERSIONS) {
            ProduceRequestData read = KafkaRoundTrip.request(ApiKeys.PRODUCE, request(null, (short) -1), version);

            ProduceRequest ferry = (ProduceRequest) api.toFerry(read, version);

            assertThat(ferry.acks()).isEqualTo((short) -1);
            assertThat(ferry.timeoutMs()).isEqualTo(30_000);
            assertThat(ferry.partitions()).extracting(ProduceRequest.PartitionData::topicPartition)
                    .containsExactly(new TopicPartition("orders", 0), new TopicPartition("orders", 2),
                            new TopicPartition("audit", 1));
            ByteBuffer kafkaBytes = ((MemoryRecords) read.topicData().find("orders").partitionData().get(0).records()).buffer();
            RecordSource records = ferry.partitions().get(0).records();
            assertThat(records.toByteBuffer()).isEqualTo(batch("k0").buffer());
            kafkaBytes.put(kafkaBytes.position() + 20, (byte) 0x7f);
            assertThat(records.toByteBuffer().get(20)).as("v%d shares the frame's bytes", version).isEqualTo((byte) 0x7f);
        }
    }

    @Test
    void acksZeroIsPassedOnSoTheHandlerSendsNoResponse() {
        ProduceRequest ferry = (ProduceRequest) api.toFerry(KafkaRoundTrip.request(ApiKeys.PRODUCE,
                request(null, (short) 0), (short) 11), (short) 11);

        assertThat(ferry.acks()).isZero();
        assertThat(new ProduceHandler(null).expectsResponse(ferry)).isFalse();
    }

    @Test
    void aTransactionalProduceIsRefusedAsABrokerWithoutTransactionsWould() {
        ProduceRequestData read = KafkaRoundTrip.request(ApiKeys.PRODUCE, request("tx-1", (short) -1), (short) 11);

        assertThatThrownBy(() -> api.toFerry(read, (short) 11)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.error()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION));
    }

    @Test
    void theResponseCarriesWhatEachVersionHas() {
        ProduceResponse ferry = new ProduceResponse(List.of(
                new ProduceResponse.PartitionResponse(new TopicPartition("orders", 0), ErrorCode.NONE, "", 100L, -1L, 5L),
                ProduceResponse.PartitionResponse.error(new TopicPartition("orders", 2), ErrorCode.NOT_LEADER_OR_FOLLOWER,
                        "broker 1 does not lead orders-2"),
                new ProduceResponse.PartitionResponse(new TopicPartition("audit", 1), ErrorCode.NONE, "", 7L, 1_700L, 0L)));
        for (short version : VERSIONS) {
            ProduceResponseData kafka = KafkaRoundTrip.response(ApiKeys.PRODUCE,
                    api.toKafka(request(null, (short) 1), ferry, version), version);

            ProduceResponseData.PartitionProduceResponse ok = kafka.responses().find("orders").partitionResponses().get(0);
            ProduceResponseData.PartitionProduceResponse refused = kafka.responses().find("orders").partitionResponses().get(1);
            ProduceResponseData.PartitionProduceResponse appendTime = kafka.responses().find("audit").partitionResponses().get(0);
            assertThat(kafka.responses()).hasSize(2);
            assertThat(ok.index()).isZero();
            assertThat(ok.errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(ok.baseOffset()).isEqualTo(100L);
            assertThat(ok.logAppendTimeMs()).isEqualTo(-1L);
            assertThat(ok.logStartOffset()).isEqualTo(version >= 5 ? 5L : -1L);
            assertThat(ok.errorMessage()).isNull();
            assertThat(refused.index()).isEqualTo(2);
            assertThat(refused.errorCode()).isEqualTo(Errors.NOT_LEADER_OR_FOLLOWER.code());
            assertThat(refused.errorMessage()).isEqualTo(version >= 8 ? "broker 1 does not lead orders-2" : null);
            assertThat(refused.recordErrors()).isEmpty();
            assertThat(appendTime.baseOffset()).isEqualTo(7L);
            assertThat(appendTime.logAppendTimeMs()).isEqualTo(1_700L);
        }
    }

    @Test
    void recordsKafkaRefusesPerPartitionAreAnsweredWithoutReachingFerry() {
        for (short version : new short[] {3, 6, 7, 11}) {
            ByteBuffer twoBatches = ByteBuffer.allocate(batch("x").sizeInBytes() * 2);
            twoBatches.put(batch("x").buffer()).put(batch("y").buffer()).flip();
            MemoryRecords zstd = MemoryRecords.withRecords(Compression.zstd().build(),
                    new SimpleRecord(1_000L, "k".getBytes(), "v".getBytes()));
            ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
            topics.add(new ProduceRequestData.TopicProduceData().setName("orders").setPartitionData(List.of(
                    new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(MemoryRecords.readableRecords(twoBatches)),
                    new ProduceRequestData.PartitionProduceData().setIndex(1).setRecords(zstd),
                    new ProduceRequestData.PartitionProduceData().setIndex(2).setRecords(batch("ok")))));
            ProduceRequestData kafka = KafkaRoundTrip.request(ApiKeys.PRODUCE,
                    new ProduceRequestData().setAcks((short) 1).setTimeoutMs(1_000).setTopicData(topics), version);

            ProduceRequest ferry = (ProduceRequest) api.toFerry(kafka, version);
            ProduceResponseData response = KafkaRoundTrip.response(ApiKeys.PRODUCE, api.toKafka(kafka, new ProduceResponse(
                    ferry.partitions().stream().map(p -> new ProduceResponse.PartitionResponse(p.topicPartition(),
                            ErrorCode.NONE, "", 40L, -1L, 0L)).toList()), version), version);

            boolean zstdAllowed = version >= 7;
            assertThat(ferry.partitions()).extracting(p -> p.topicPartition().partition())
                    .as("v%d", version).containsExactlyElementsOf(zstdAllowed ? List.of(1, 2) : List.of(2));
            List<ProduceResponseData.PartitionProduceResponse> answers = response.responses().find("orders").partitionResponses();
            assertThat(answers).extracting(ProduceResponseData.PartitionProduceResponse::index).containsExactly(0, 1, 2);
            assertThat(answers.get(0).errorCode()).isEqualTo(Errors.INVALID_RECORD.code());
            assertThat(answers.get(1).errorCode()).isEqualTo(zstdAllowed ? Errors.NONE.code()
                    : Errors.UNSUPPORTED_COMPRESSION_TYPE.code());
            assertThat(answers.get(2).errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(answers.get(2).baseOffset()).isEqualTo(40L);
        }
    }

    private static ProduceRequestData request(String transactionalId, short acks) {
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(new ProduceRequestData.TopicProduceData().setName("orders").setPartitionData(List.of(
                new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(batch("k0")),
                new ProduceRequestData.PartitionProduceData().setIndex(2).setRecords(batch("k2")))));
        topics.add(new ProduceRequestData.TopicProduceData().setName("audit").setPartitionData(List.of(
                new ProduceRequestData.PartitionProduceData().setIndex(1).setRecords(batch("a1")))));
        return new ProduceRequestData().setTransactionalId(transactionalId).setAcks(acks).setTimeoutMs(30_000)
                .setTopicData(topics);
    }

    private static MemoryRecords batch(String key) {
        return MemoryRecords.withRecords(Compression.NONE, new SimpleRecord(1_000L, key.getBytes(), "value".getBytes()));
    }
}
