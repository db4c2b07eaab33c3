package io.ferrymq.broker.server;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.DescribeConfigsRequest;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest;
import io.ferrymq.common.protocol.requests.ListOffsetsRequest;
import io.ferrymq.common.protocol.requests.OffsetCommitRequest;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse;
import io.ferrymq.common.protocol.responses.FetchResponse;
import io.ferrymq.common.protocol.responses.IncrementalAlterConfigsResponse;
import io.ferrymq.common.protocol.responses.ListOffsetsResponse;
import io.ferrymq.common.protocol.responses.OffsetCommitResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Takes denied topics out of the requests {@link AccessRules#isSplitByTopic} names (Produce, a
 * consumer's Fetch, ListOffsets, OffsetCommit, Metadata, DescribeConfigs, IncrementalAlterConfigs) and puts them back into the
 * response as {@code TOPIC_AUTHORIZATION_FAILED}, per partition (per topic resource) as Kafka answers.
 *
 * <p>Stateless and thread-safe.
 */
final class TopicSplits {

    private static final ErrorCode DENIED = ErrorCode.TOPIC_AUTHORIZATION_FAILED;

    private TopicSplits() {
    }

    static ApiRequest without(ApiRequest request, Set<String> denied) {
        if (request instanceof ProduceRequest produce) {
            return new ProduceRequest(produce.acks(), produce.timeoutMs(), produce.partitions().stream()
                    .filter(p -> !denied.contains(p.topicPartition().topic())).toList());
        }
        if (request instanceof FetchRequest fetch) {
            return fetch.withPartitions(
                    fetch.partitions().stream().filter(p -> !denied.contains(p.topicPartition().topic())).toList());
        }
        if (request instanceof ListOffsetsRequest list) {
            return new ListOffsetsRequest(list.replicaId(), list.partitions().stream()
                    .filter(p -> !denied.contains(p.topicPartition().topic())).toList());
        }
        if (request instanceof OffsetCommitRequest commit) {
            return new OffsetCommitRequest(commit.groupId(), commit.generationId(), commit.memberId(),
                    commit.partitions().stream().filter(p -> !denied.contains(p.topicPartition().topic())).toList());
        }
        if (request instanceof DescribeConfigsRequest describe) {
            return new DescribeConfigsRequest(describe.resources().stream().filter(r -> !isDeniedTopic(r, denied))
                    .toList(), describe.includeSynonyms(), describe.includeDocumentation());
        }
        if (request instanceof IncrementalAlterConfigsRequest alter) {
            return new IncrementalAlterConfigsRequest(alter.resources().stream()
                    .filter(r -> !isDeniedTopic(r, denied)).toList(), alter.validateOnly());
        }
        throw new IllegalArgumentException(request.apiKey() + " is not split by topic");
    }

    static ApiResponse withDenied(ApiResponse response, ApiRequest request, Set<String> denied, String message) {
        if (denied.isEmpty()) {
            return response;
        }
        if (request instanceof ProduceRequest produce) {
            List<ProduceResponse.PartitionResponse> all = new ArrayList<>(((ProduceResponse) response).partitions());
            deniedPartitions(produce.partitions().stream().map(ProduceRequest.PartitionData::topicPartition).toList(),
                    denied).forEach(tp -> all.add(ProduceResponse.PartitionResponse.error(tp, DENIED, message)));
            return new ProduceResponse(all);
        }
        if (request instanceof FetchRequest fetch) {
            FetchResponse served = (FetchResponse) response;
            List<FetchResponse.PartitionData> all = new ArrayList<>(served.partitions());
            deniedPartitions(fetch.partitions().stream().map(FetchRequest.PartitionData::topicPartition).toList(),
                    denied).forEach(tp -> all.add(FetchResponse.PartitionData.error(tp, DENIED)));
            return new FetchResponse(served.error(), all, served.sessionId());
        }
        if (request instanceof ListOffsetsRequest list) {
            List<ListOffsetsResponse.PartitionResponse> all = new ArrayList<>(((ListOffsetsResponse) response).partitions());
            deniedPartitions(list.partitions().stream().map(ListOffsetsRequest.PartitionData::topicPartition).toList(),
                    denied).forEach(tp -> all.add(new ListOffsetsResponse.PartitionResponse(tp, DENIED, -1L, -1L, -1)));
            return new ListOffsetsResponse(all);
        }
        if (request instanceof OffsetCommitRequest commit) {
            List<OffsetCommitResponse.PartitionResponse> all = new ArrayList<>(((OffsetCommitResponse) response).partitions());
            deniedPartitions(commit.partitions().stream().map(OffsetCommitRequest.PartitionData::topicPartition).toList(),
                    denied).forEach(tp -> all.add(new OffsetCommitResponse.PartitionResponse(tp, DENIED)));
            return new OffsetCommitResponse(all);
        }
        if (request instanceof MetadataRequest) {
            MetadataResponse served = (MetadataResponse) response;
            List<MetadataResponse.TopicMetadata> all = new ArrayList<>(served.topics());
            denied.forEach(topic -> all.add(new MetadataResponse.TopicMetadata(DENIED, topic, List.of())));
            return new MetadataResponse(served.brokers(), served.clusterId(), all);
        }
        if (request instanceof DescribeConfigsRequest describe) {
            List<DescribeConfigsResponse.ResourceResult> all = new ArrayList<>(((DescribeConfigsResponse) response).results());
            describe.resources().stream().filter(r -> isDeniedTopic(r, denied)).forEach(r -> all.add(
                    new DescribeConfigsResponse.ResourceResult(r.type(), r.name(), DENIED, message, List.of())));
            return new DescribeConfigsResponse(all);
        }
        if (request instanceof IncrementalAlterConfigsRequest alter) {
            List<IncrementalAlterConfigsResponse.ResourceResult> all =
                    new ArrayList<>(((IncrementalAlterConfigsResponse) response).results());
            alter.resources().stream().filter(r -> isDeniedTopic(r, denied)).forEach(r -> all.add(
                    new IncrementalAlterConfigsResponse.ResourceResult(r.type(), r.name(), DENIED, message)));
            return new IncrementalAlterConfigsResponse(all);
        }
        throw new IllegalArgumentException(request.apiKey() + " is not split by topic");
    }

    private static boolean isDeniedTopic(DescribeConfigsRequest.Resource resource, Set<String> denied) {
        return resource.type() == DescribeConfigsRequest.Resource.TOPIC && denied.contains(resource.name());
    }

    private static boolean isDeniedTopic(IncrementalAlterConfigsRequest.Resource resource, Set<String> denied) {
        return resource.type() == IncrementalAlterConfigsRequest.Resource.TOPIC && denied.contains(resource.name());
    }

    /** {@code response} listing only the topics {@code visible} accepts. */
    static MetadataResponse onlyTopics(MetadataResponse response, Predicate<String> visible) {
        return new MetadataResponse(response.brokers(), response.clusterId(),
                response.topics().stream().filter(t -> visible.test(t.name())).toList());
    }

    private static List<TopicPartition> deniedPartitions(List<TopicPartition> requested, Set<String> denied) {
        return requested.stream().filter(tp -> denied.contains(tp.topic())).toList();
    }
}
