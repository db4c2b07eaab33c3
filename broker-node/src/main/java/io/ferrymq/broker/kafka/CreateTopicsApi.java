package io.ferrymq.broker.kafka;

import io.ferrymq.broker.server.handler.ConfigDescriber;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest.TopicSpec;
import io.ferrymq.common.protocol.responses.CreateTopicsResponse;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse.ConfigEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableReplicaAssignment;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopicConfig;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicConfigs;
import org.apache.kafka.common.message.CreateTopicsResponseData.CreatableTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * CreateTopics 2-7: counts of -1 take the broker defaults, manual assignments and configs pass
 * through, {@code validateOnly} checks only. From v5 a created (or validated) topic's answer carries
 * its partition count, replication factor and effective configuration: the request's configs as
 * topic overrides over the broker's settings ({@link ConfigDescriber}, as DescribeConfigs reports
 * them); from v7 its topic id (zero when this broker's metadata cache has not seen the new topic
 * yet). A config with a null value is refused ({@code INVALID_CONFIG}, as Kafka refuses it). Stateless.
 */
final class CreateTopicsApi implements KafkaApi<CreateTopicsRequestData, CreateTopicsResponseData> {

    private final TopicIds topicIds;
    private final ConfigDescriber configs;

    CreateTopicsApi(TopicIds topicIds, ConfigDescriber configs) {
        this.topicIds = topicIds;
        this.configs = configs;
    }

    @Override
    public ApiKeys key() {
        return ApiKeys.CREATE_TOPICS;
    }

    @Override
    public short minVersion() {
        return 2;
    }

    @Override
    public short maxVersion() {
        return 7;
    }

    @Override
    public ApiRequest toFerry(CreateTopicsRequestData request, short version) {
        List<TopicSpec> topics = new ArrayList<>(request.topics().size());
        for (CreatableTopic topic : request.topics()) {
            Map<Integer, List<Integer>> assignment = new TreeMap<>();
            for (CreatableReplicaAssignment a : topic.assignments()) {
                assignment.put(a.partitionIndex(), a.brokerIds());
            }
            topics.add(new TopicSpec(topic.name(), topic.numPartitions(), topic.replicationFactor(),
                    configsOf(topic), assignment));
        }
        return new CreateTopicsRequest(topics, request.timeoutMs(), request.validateOnly());
    }

    @Override
    public CreateTopicsResponseData toKafka(CreateTopicsRequestData request, ApiResponse response, short version) {
        CreateTopicsResponseData out = new CreateTopicsResponseData();
        for (CreateTopicsResponse.TopicResult topic : ((CreateTopicsResponse) response).topics()) {
            CreatableTopicResult result = new CreatableTopicResult().setName(topic.name())
                    .setErrorCode(topic.error().code()).setErrorMessage(ErrorMessages.orNull(topic.errorMessage()));
            if (version >= 5 && topic.error() == ErrorCode.NONE) {
                result.setNumPartitions(topic.numPartitions()).setReplicationFactor(topic.replicationFactor())
                        .setConfigs(effectiveConfigs(request.topics().find(topic.name())));
            }
            if (version >= 7 && topic.error() == ErrorCode.NONE && !request.validateOnly()) {
                result.setTopicId(topicIds.idOf(topic.name()));
            }
            out.topics().add(result);
        }
        return out;
    }

    private List<CreatableTopicConfigs> effectiveConfigs(CreatableTopic requested) {
        Map<String, String> overrides = requested == null ? Map.of() : configsOf(requested);
        List<CreatableTopicConfigs> out = new ArrayList<>();
        for (ConfigEntry entry : configs.topic(overrides, List.of(), false, false)) {
            out.add(new CreatableTopicConfigs().setName(entry.name()).setValue(entry.value())
                    .setReadOnly(entry.readOnly()).setConfigSource(entry.source()).setIsSensitive(entry.sensitive()));
        }
        return out;
    }

    private static Map<String, String> configsOf(CreatableTopic topic) {
        Map<String, String> out = new HashMap<>();
        for (CreatableTopicConfig config : topic.configs()) {
            if (config.value() == null) {
                throw ErrorCode.INVALID_CONFIG.exception("topic " + topic.name() + ": config " + config.name()
                        + " has a null value");
            }
            out.put(config.name(), config.value());
        }
        return out;
    }
}
