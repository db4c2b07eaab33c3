package io.ferrymq.broker.kafka;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseBroker;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponsePartition;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * Metadata 0-12. All topics are asked for by an empty list at v0 and by a null list from v1; from v10
 * a topic may be named by id (a non-zero id wins over the name, which clients leave empty), which
 * {@link TopicIds} resolves (an id no topic has now is answered {@code UNKNOWN_TOPIC_ID}). The brokers are those of the listener the request came on (the handler
 * picks them). Ferry has no controller: the controller id is the lowest live broker id, which clients
 * only use to route controller-bound admin requests that every Ferry broker serves alike. Authorized
 * operations are not computed ({@code Integer.MIN_VALUE}, as Kafka answers when not asked). Stateless.
 */
final class MetadataApi implements KafkaApi<MetadataRequestData, MetadataResponseData> {

    private final TopicIds topicIds;

    MetadataApi(TopicIds topicIds) {
        this.topicIds = topicIds;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.METADATA;
    }

    @Override
    public short minVersion() {
        return 0;
    }

    @Override
    public short maxVersion() {
        return 12;
    }

    @Override
    public ApiRequest toFerry(MetadataRequestData request, short version) {
        // read below v4, the field keeps its default: true, as those clients expect
        boolean autoCreate = request.allowAutoTopicCreation();
        if (request.topics() == null || (version == 0 && request.topics().isEmpty())) {
            return new MetadataRequest(List.of(), true, autoCreate);
        }
        List<String> names = new ArrayList<>();
        for (MetadataRequestData.MetadataRequestTopic topic : request.topics()) {
            // kafka-clients leaves the name at its default "" when it asks by id
            if (!isZero(topic.topicId())) {
                topicIds.nameOf(topic.topicId()).ifPresent(names::add);
            } else if (topic.name() == null) {
                throw ErrorCode.INVALID_REQUEST.exception("a Metadata topic needs a name or a topic id");
            } else {
                names.add(topic.name());
            }
        }
        return new MetadataRequest(names, false, autoCreate);
    }

    @Override
    public MetadataResponseData toKafka(MetadataRequestData request, ApiResponse response, short version) {
        MetadataResponse ferry = (MetadataResponse) response;
        MetadataResponseData out = new MetadataResponseData();
        for (BrokerNode node : ferry.brokers()) {
            MetadataResponseBroker broker = new MetadataResponseBroker().setNodeId(node.id())
                    .setHost(node.host()).setPort(node.port());
            if (version >= 1) {
                broker.setRack(node.rack().orElse(null));
            }
            out.brokers().add(broker);
        }
        if (version >= 1) {
            out.setControllerId(DescribeClusterApi.controllerId(ferry.brokers()));
        }
        if (version >= 2) {
            out.setClusterId(ferry.clusterId());
        }
        Set<Uuid> answeredIds = new HashSet<>();
        for (MetadataResponse.TopicMetadata topic : ferry.topics()) {
            MetadataResponseTopic kafkaTopic = topic(topic, version);
            answeredIds.add(kafkaTopic.topicId());
            out.topics().add(kafkaTopic);
        }
        for (Uuid unknown : unresolvedIds(request, answeredIds)) {
            out.topics().add(new MetadataResponseTopic().setTopicId(unknown).setName(version >= 12 ? null : "")
                    .setErrorCode(Errors.UNKNOWN_TOPIC_ID.code()));
        }
        return out;
    }

    private MetadataResponseTopic topic(MetadataResponse.TopicMetadata topic, short version) {
        MetadataResponseTopic out = new MetadataResponseTopic().setErrorCode(topic.error().code()).setName(topic.name());
        if (version >= 10) {
            out.setTopicId(topicIds.idOf(topic.name()));
        }
        for (MetadataResponse.PartitionMetadata partition : topic.partitions()) {
            MetadataResponsePartition p = new MetadataResponsePartition().setErrorCode(partition.error().code())
                    .setPartitionIndex(partition.partition()).setLeaderId(partition.leaderId())
                    .setReplicaNodes(partition.replicas()).setIsrNodes(partition.isr());
            if (version >= 5) {
                p.setOfflineReplicas(partition.offlineReplicas());
            }
            if (version >= 7) {
                p.setLeaderEpoch(partition.leaderEpoch());
            }
            out.partitions().add(p);
        }
        return out;
    }

    /** Ids asked for without a name (v10+) that no topic in the answer has. */
    private static List<Uuid> unresolvedIds(MetadataRequestData request, Set<Uuid> answered) {
        if (request.topics() == null) {
            return List.of();
        }
        return request.topics().stream()
                .filter(t -> !isZero(t.topicId()) && !answered.contains(t.topicId()))
                .map(MetadataRequestData.MetadataRequestTopic::topicId).distinct().toList();
    }

    private static boolean isZero(Uuid id) {
        return id == null || Uuid.ZERO_UUID.equals(id);
    }
}
