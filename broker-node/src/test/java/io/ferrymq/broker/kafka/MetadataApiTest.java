package io.ferrymq.broker.kafka;

import static io.ferrymq.broker.kafka.WireRoundTrip.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse.PartitionMetadata;
import io.ferrymq.common.protocol.responses.MetadataResponse.TopicMetadata;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataRequestData.MetadataRequestTopic;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class MetadataApiTest {

    private static final Uuid ORDERS_ID = WireRoundTrip.uuid("orders");
    private final MetadataApi api = new MetadataApi(WireRoundTrip.ids(Map.of("orders", ORDERS_ID)));

    private static final MetadataResponse ANSWER = new MetadataResponse(
            List.of(new BrokerNode(2, "h2", 9093, Optional.of("r2")), new BrokerNode(1, "h1", 9092)), "cluster-a",
            List.of(new TopicMetadata(ErrorCode.NONE, "orders", List.of(
                            new PartitionMetadata(ErrorCode.NONE, 0, 1, 7, List.of(1, 2), List.of(1), List.of(2)))),
                    new TopicMetadata(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "missing", List.of())));

    @Test
    void advertisesZeroToTwelve() {
        assertThat(api.minVersion()).isEqualTo((short) 0);
        assertThat(api.maxVersion()).isEqualTo((short) 12);
    }

    @Test
    void emptyListAtV0AndNullListLaterAskForAllTopics() {
        MetadataRequestData v0 = read(new MetadataRequestData().setTopics(List.of()), 0);
        assertThat(api.toFerry(v0, (short) 0)).isEqualTo(new MetadataRequest(List.of(), true, true));
        MetadataRequestData v12 = read(new MetadataRequestData().setTopics(null).setAllowAutoTopicCreation(false), 12);
        assertThat(api.toFerry(v12, (short) 12)).isEqualTo(new MetadataRequest(List.of(), true, false));
        MetadataRequestData v4 = read(new MetadataRequestData().setTopics(List.of()).setAllowAutoTopicCreation(false), 4);
        assertThat(api.toFerry(v4, (short) 4)).isEqualTo(new MetadataRequest(List.of(), false, false));
    }

    @Test
    void namedTopicsAndTopicIdsBecomeNames() {
        MetadataRequestData v1 = read(new MetadataRequestData().setTopics(List.of(new MetadataRequestTopic().setName("a"))), 1);
        assertThat(api.toFerry(v1, (short) 1)).isEqualTo(new MetadataRequest(List.of("a"), false, true));
        MetadataRequestData v12 = read(new MetadataRequestData().setAllowAutoTopicCreation(true).setTopics(List.of(
                new MetadataRequestTopic().setName(null).setTopicId(ORDERS_ID),
                new MetadataRequestTopic().setName(null).setTopicId(Uuid.randomUuid()),
                new MetadataRequestTopic().setName("b"))), 12);
        MetadataRequestData asKafkaClientsAsk = read(new org.apache.kafka.common.requests.MetadataRequest.Builder(
                List.of(ORDERS_ID)).build((short) 12).data(), 12);
        assertThat(api.toFerry(asKafkaClientsAsk, (short) 12)).isEqualTo(new MetadataRequest(List.of("orders"), false,
                asKafkaClientsAsk.allowAutoTopicCreation()));
        assertThat(api.toFerry(v12, (short) 12)).isEqualTo(new MetadataRequest(List.of("orders", "b"), false, true));
    }

    @Test
    void aTopicWithNeitherNameNorIdIsAnInvalidRequest() {
        MetadataRequestData request = new MetadataRequestData().setTopics(List.of(new MetadataRequestTopic().setName(null)));
        assertThatThrownBy(() -> api.toFerry(request, (short) 12)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }

    @Test
    void v0CarriesBrokersTopicsAndPartitionsOnly() {
        MetadataResponseData out = write(api.toKafka(new MetadataRequestData(), ANSWER, (short) 0), 0);
        assertThat(out.brokers()).extracting(b -> b.nodeId() + "@" + b.host() + ":" + b.port())
                .containsExactlyInAnyOrder("2@h2:9093", "1@h1:9092");
        MetadataResponsePartition p = out.topics().find("orders").partitions().get(0);
        assertThat(p.leaderId()).isEqualTo(1);
        assertThat(p.replicaNodes()).containsExactly(1, 2);
        assertThat(p.isrNodes()).containsExactly(1);
        assertThat(out.topics().find("missing").errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
    }

    @Test
    void v7HasControllerClusterIdRackOfflineReplicasAndLeaderEpoch() {
        MetadataResponseData out = write(api.toKafka(new MetadataRequestData(), ANSWER, (short) 7), 7);
        assertThat(out.controllerId()).as("lowest live broker").isEqualTo(1);
        assertThat(out.clusterId()).isEqualTo("cluster-a");
        assertThat(out.brokers().find(2).rack()).isEqualTo("r2");
        assertThat(out.brokers().find(1).rack()).isNull();
        MetadataResponsePartition p = out.topics().find("orders").partitions().get(0);
        assertThat(p.offlineReplicas()).containsExactly(2);
        assertThat(p.leaderEpoch()).isEqualTo(7);
        assertThat(out.topics().find("orders").topicAuthorizedOperations()).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void v12HasTopicIdsAndAnswersUnknownIdsWithUnknownTopicId() {
        Uuid gone = Uuid.randomUuid();
        MetadataRequestData request = new MetadataRequestData().setTopics(List.of(
                new MetadataRequestTopic().setName(null).setTopicId(ORDERS_ID),
                new MetadataRequestTopic().setTopicId(gone)));
        MetadataResponse answer = new MetadataResponse(ANSWER.brokers(), "cluster-a", List.of(ANSWER.topics().get(0)));
        MetadataResponseData out = write(api.toKafka(request, answer, (short) 12), 12);
        assertThat(out.topics()).hasSize(2);
        assertThat(out.topics().find("orders").topicId()).isEqualTo(ORDERS_ID);
        MetadataResponseTopic unknown = out.topics().stream().filter(t -> t.topicId().equals(gone)).findFirst().orElseThrow();
        assertThat(unknown.errorCode()).isEqualTo(Errors.UNKNOWN_TOPIC_ID.code());
        assertThat(unknown.name()).isNull();
        assertThat(out.clusterAuthorizedOperations()).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void theHandlersRefusalIsAnErrorOnEveryTopicWithNoBrokers() {
        MetadataRequestData request = new MetadataRequestData().setTopics(List.of(new MetadataRequestTopic().setName("x")));
        MetadataResponse refused = new MetadataResponse(List.of(), "cluster-a", List.of(
                new TopicMetadata(ErrorCode.CLUSTER_AUTHORIZATION_FAILED, "x", List.of())));
        for (short version : new short[] {1, 9, 12}) {
            MetadataResponseData out = write(api.toKafka(request, refused, version), version);
            assertThat(out.topics().find("x").errorCode()).isEqualTo(Errors.CLUSTER_AUTHORIZATION_FAILED.code());
            assertThat(out.brokers()).isEmpty();
        }
    }

    @Test
    void everyVersionWritesTheFullAnswer() {
        for (short version = 0; version <= 12; version++) {
            MetadataResponseData out = write(api.toKafka(new MetadataRequestData(), ANSWER, version), version);
            assertThat(out.topics()).hasSize(2);
        }
    }

    private static MetadataRequestData read(MetadataRequestData request, int version) {
        return roundTrip(request, (short) version, MetadataRequestData::new);
    }

    private static MetadataResponseData write(MetadataResponseData response, int version) {
        return roundTrip(response, (short) version, MetadataResponseData::new);
    }
}
