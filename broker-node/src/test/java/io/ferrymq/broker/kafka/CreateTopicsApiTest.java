package io.ferrymq.broker.kafka;

import static io.ferrymq.broker.kafka.WireRoundTrip.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.broker.config.BrokerConfig;
import io.ferrymq.broker.server.handler.ConfigDescriber;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest.TopicSpec;
import io.ferrymq.common.protocol.responses.CreateTopicsResponse;
import io.ferrymq.common.protocol.responses.CreateTopicsResponse.TopicResult;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableReplicaAssignment;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableReplicaAssignmentCollection;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicCollection;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfigCollection;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.junit.jupiter.api.Test;

class CreateTopicsApiTest {

    private static final Uuid ORDERS_ID = WireRoundTrip.uuid("orders");
    private final CreateTopicsApi api = new CreateTopicsApi(WireRoundTrip.ids(Map.of("orders", ORDERS_ID)),
            new ConfigDescriber(BrokerConfig.of(Map.of("broker.id", "1", "zookeeper.connect", "zk:2181",
                    "min.insync.replicas", "2"))));

    private static final CreateTopicsResponse ANSWER = new CreateTopicsResponse(List.of(
            new TopicResult("orders", ErrorCode.NONE, "", 6, (short) 3),
            new TopicResult("pinned", ErrorCode.TOPIC_ALREADY_EXISTS, "exists", -1, (short) -1)));

    @Test
    void countsAssignmentsConfigsTimeoutAndValidateOnlyPassThrough() {
        for (short version : new short[] {2, 5, 7}) {
            CreateTopicsRequestData request = roundTrip(request(true), version, CreateTopicsRequestData::new);
            assertThat(api.toFerry(request, version)).isEqualTo(new CreateTopicsRequest(List.of(
                    new TopicSpec("orders", -1, (short) -1, Map.of("compression.type", "lz4")),
                    TopicSpec.withAssignment("pinned", Map.of(0, List.of(1, 2), 1, List.of(2, 1)), Map.of())),
                    15_000, true));
        }
    }

    @Test
    void aNullConfigValueIsAnInvalidConfig() {
        CreateTopicsRequestData request = new CreateTopicsRequestData().setTopics(new CreatableTopicCollection(List.of(
                new CreatableTopic().setName("x").setNumPartitions(1).setReplicationFactor((short) 1).setConfigs(
                        new CreatableTopicConfigCollection(List.of(new CreatableTopicConfig().setName("retention.ms")
                                .setValue(null)).iterator()))).iterator()));
        assertThatThrownBy(() -> api.toFerry(request, (short) 7)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(ErrorCode.INVALID_CONFIG));
    }

    @Test
    void v2AnswersErrorsAndMessagesOnly() {
        CreateTopicsResponseData out = roundTrip(api.toKafka(request(false), ANSWER, (short) 2), (short) 2,
                CreateTopicsResponseData::new);
        assertThat(out.topics().find("orders").errorCode()).isZero();
        assertThat(out.topics().find("orders").errorMessage()).isNull();
        assertThat(out.topics().find("pinned").errorCode()).isEqualTo(Errors.TOPIC_ALREADY_EXISTS.code());
        assertThat(out.topics().find("pinned").errorMessage()).isEqualTo("exists");
    }

    @Test
    void v5AddsCountsAndTheEffectiveConfigs() {
        CreateTopicsResponseData out = roundTrip(api.toKafka(request(false), ANSWER, (short) 5), (short) 5,
                CreateTopicsResponseData::new);
        CreatableTopicResult orders = out.topics().find("orders");
        assertThat(orders.numPartitions()).isEqualTo(6);
        assertThat(orders.replicationFactor()).isEqualTo((short) 3);
        CreatableTopicConfigs compression = config(orders, "compression.type");
        assertThat(compression.value()).isEqualTo("lz4");
        assertThat(compression.configSource()).isEqualTo(ConfigSource.TOPIC_CONFIG.id());
        CreatableTopicConfigs minIsr = config(orders, "min.insync.replicas");
        assertThat(minIsr.value()).isEqualTo("2");
        assertThat(minIsr.configSource()).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG.id());
        assertThat(out.topics().find("pinned").numPartitions()).isEqualTo(-1);
    }

    @Test
    void v7AddsTheTopicIdOfACreatedTopic() {
        CreateTopicsResponseData out = roundTrip(api.toKafka(request(false), ANSWER, (short) 7), (short) 7,
                CreateTopicsResponseData::new);
        assertThat(out.topics().find("orders").topicId()).isEqualTo(ORDERS_ID);
        assertThat(out.topics().find("pinned").topicId()).isEqualTo(Uuid.ZERO_UUID);
        CreateTopicsResponseData validated = roundTrip(api.toKafka(request(true), ANSWER, (short) 7), (short) 7,
                CreateTopicsResponseData::new);
        assertThat(validated.topics().find("orders").topicId()).as("validateOnly creates nothing")
                .isEqualTo(Uuid.ZERO_UUID);
    }

    private static CreatableTopicConfigs config(CreatableTopicResult result, String name) {
        return result.configs().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static CreateTopicsRequestData request(boolean validateOnly) {
        CreatableTopic orders = new CreatableTopic().setName("orders").setNumPartitions(-1)
                .setReplicationFactor((short) -1).setConfigs(new CreatableTopicConfigCollection(List.of(
                        new CreatableTopicConfig().setName("compression.type").setValue("lz4")).iterator()));
        CreatableTopic pinned = new CreatableTopic().setName("pinned").setNumPartitions(-1)
                .setReplicationFactor((short) -1).setAssignments(new CreatableReplicaAssignmentCollection(List.of(
                        new CreatableReplicaAssignment().setPartitionIndex(0).setBrokerIds(List.of(1, 2)),
                        new CreatableReplicaAssignment().setPartitionIndex(1).setBrokerIds(List.of(2, 1))).iterator()));
        return new CreateTopicsRequestData().setTimeoutMs(15_000).setValidateOnly(validateOnly)
                .setTopics(new CreatableTopicCollection(List.of(orders, pinned).iterator()));
    }
}
