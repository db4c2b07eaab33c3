package io.ferrymq.client.admin;

import io.ferrymq.common.Cluster;
import io.ferrymq.common.Node;
import io.ferrymq.client.common.errors.InterruptException;
import io.ferrymq.client.common.errors.TimeoutException;
import io.ferrymq.client.common.internals.ErrorMapping;
import io.ferrymq.client.common.internals.Metadata;
import io.ferrymq.client.network.NetworkChannel;
import io.ferrymq.client.common.internals.RequestChannel;
import io.ferrymq.client.common.internals.Requests;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.Failures;
import io.ferrymq.common.acl.AclBinding;
import io.ferrymq.common.acl.AclBindingFilter;
import io.ferrymq.common.protocol.AclBindingData;
import io.ferrymq.common.protocol.AclFilterData;
import io.ferrymq.common.protocol.requests.CreateAclsRequest;
import io.ferrymq.common.protocol.requests.CreatePartitionsRequest;
import io.ferrymq.common.protocol.requests.ElectLeadersRequest;
import io.ferrymq.common.protocol.requests.DeleteAclsRequest;
import io.ferrymq.common.protocol.requests.DescribeAclsRequest;
import io.ferrymq.common.protocol.responses.CreateAclsResponse;
import io.ferrymq.common.protocol.responses.DeleteAclsResponse;
import io.ferrymq.common.protocol.responses.DescribeAclsResponse;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.common.protocol.requests.DeleteTopicsRequest;
import io.ferrymq.common.protocol.requests.DescribeClusterRequest;
import io.ferrymq.common.protocol.requests.DescribeReplicaChecksumsRequest;
import io.ferrymq.common.protocol.requests.DescribeUserScramCredentialsRequest;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.responses.CreatePartitionsResponse;
import io.ferrymq.common.protocol.responses.ElectLeadersResponse;
import io.ferrymq.common.protocol.responses.CreateTopicsResponse;
import io.ferrymq.common.protocol.responses.DeleteTopicsResponse;
import io.ferrymq.common.protocol.responses.AlterUserScramCredentialsResponse;
import io.ferrymq.common.protocol.responses.DescribeClusterResponse;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse;
import io.ferrymq.common.protocol.responses.IncrementalAlterConfigsResponse;
import io.ferrymq.common.protocol.responses.DescribeReplicaChecksumsResponse;
import io.ferrymq.common.protocol.responses.DescribeReplicaChecksumsResponse.PartitionChecksum;
import io.ferrymq.common.ElectionType;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.responses.DescribeUserScramCredentialsResponse;
import io.ferrymq.common.security.ScramMechanism;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The admin client: each call sends one request to some broker (bootstrap addresses first, then
 * the brokers it learnt), retrying network failures and retriable errors on the next broker
 * until {@code default.api.timeout.ms}. Per-topic errors are raised as
 * {@link ApiException}s naming the topic.
 *
 * <p>Thread-safe: calls block the calling thread only.
 */
public final class FerryAdmin implements Admin {

    private final AdminConfig config;
    private final RequestChannel channel;
    private final Optional<RequestChannel> ownChannel;
    private final Clock clock;
    private final AtomicInteger nextAddress = new AtomicInteger();
    private volatile List<Node> knownNodes = List.of();

    /** For tests and tools: an explicit channel (null = the network client) and clock. */
    public FerryAdmin(AdminConfig config, RequestChannel channel, Clock clock) {
        this.config = config;
        this.ownChannel = channel != null ? Optional.empty()
                : Optional.of(NetworkChannel.open(config.clientId(), config.requestTimeoutMs(), config.security()));
        this.channel = ownChannel.orElse(channel);
        this.clock = clock;
    }

    public static Admin create(Map<String, ?> props) {
        return new FerryAdmin(AdminConfig.parse(props), null, Clock.systemUTC());
    }

    @Override
    public void createTopics(Collection<NewTopic> topics) {
        List<CreateTopicsRequest.TopicSpec> specs = topics.stream().map(t -> new CreateTopicsRequest.TopicSpec(t.name(),
                t.numPartitions().orElse(-1), t.replicationFactor().orElse((short) -1), t.configs(),
                t.replicaAssignment())).toList();
        CreateTopicsResponse response = call("creating topics " + names(specs, CreateTopicsRequest.TopicSpec::name),
                new CreateTopicsRequest(specs, config.requestTimeoutMs(), false), CreateTopicsResponse.class);
        response.topics().forEach(t -> check(t.error(), "Cannot create topic '" + t.name() + "'", t.errorMessage()));
    }

    @Override
    public void deleteTopics(Collection<String> topics) {
        DeleteTopicsResponse response = call("deleting topics " + topics,
                new DeleteTopicsRequest(List.copyOf(topics), config.requestTimeoutMs()), DeleteTopicsResponse.class);
        response.topics().forEach(t -> check(t.error(), "Cannot delete topic '" + t.name() + "'", t.errorMessage()));
    }

    @Override
    public Set<String> listTopics() {
        MetadataResponse response = call("listing topics", MetadataRequest.forAllTopics(), MetadataResponse.class);
        Set<String> names = new TreeSet<>();
        response.topics().forEach(t -> names.add(t.name()));
        return names;
    }

    @Override
    public Map<String, TopicDescription> describeTopics(Collection<String> topics) {
        MetadataResponse response = call("describing topics " + topics,
                MetadataRequest.forTopics(List.copyOf(topics), false), MetadataResponse.class);
        response.topics().forEach(t -> check(t.error(), "Cannot describe topic '" + t.name() + "'",
                t.error() == ErrorCode.UNKNOWN_TOPIC_OR_PARTITION ? "the topic does not exist" : ""));
        Cluster cluster = Metadata.toCluster(response);
        Map<String, TopicDescription> result = new LinkedHashMap<>();
        topics.stream().sorted().forEach(name ->
                result.put(name, new TopicDescription(name, cluster.partitionsForTopic(name))));
        return result;
    }

    @Override
    public void createPartitions(Map<String, Integer> totalCounts) {
        List<CreatePartitionsRequest.TopicSpec> specs = new ArrayList<>();
        totalCounts.forEach((name, count) -> specs.add(new CreatePartitionsRequest.TopicSpec(name, count)));
        CreatePartitionsResponse response = call("adding partitions to " + totalCounts.keySet(),
                new CreatePartitionsRequest(specs, config.requestTimeoutMs(), false), CreatePartitionsResponse.class);
        response.topics().forEach(t -> check(t.error(), "Cannot add partitions to topic '" + t.name() + "'",
                t.errorMessage()));
    }

    @Override
    public List<ElectLeadersResponse.PartitionResult> electLeaders(ElectionType type, Set<TopicPartition> partitions) {
        // The broker answers within the election's timeout; a quarter of the request timeout is left for the reply.
        int electionTimeoutMs = config.requestTimeoutMs() * 3 / 4;
        ElectLeadersResponse response = call(type.lowerName() + " leader election",
                new ElectLeadersRequest(type.value(), partitions.isEmpty(), List.copyOf(partitions), electionTimeoutMs),
                ElectLeadersResponse.class);
        check(response.error(), "Cannot elect leaders", "");
        return response.partitions();
    }

    @Override
    public ClusterDescription describeCluster() {
        DescribeClusterResponse response = call("describing the cluster", new DescribeClusterRequest(),
                DescribeClusterResponse.class);
        check(response.error(), "Cannot describe the cluster", response.errorMessage());
        List<Node> nodes = response.brokers().stream().map(Metadata::toNode)
                .sorted(Comparator.comparingInt(Node::id)).toList();
        return new ClusterDescription(response.clusterId(), nodes);
    }

    @Override
    public List<PartitionChecksum> describeReplicaChecksums(int brokerId, Map<TopicPartition, Long> upToOffsets) {
        Node broker = describeCluster().nodes().stream().filter(n -> n.id() == brokerId).findFirst()
                .orElseThrow(() -> new ApiException(ErrorCode.BROKER_NOT_AVAILABLE, "Broker " + brokerId + " is not live"));
        List<DescribeReplicaChecksumsRequest.PartitionQuery> queries = new ArrayList<>();
        upToOffsets.forEach((tp, offset) -> queries.add(new DescribeReplicaChecksumsRequest.PartitionQuery(tp, offset)));
        InetSocketAddress address = Requests.address(broker);
        return call("describing the replica checksums of broker " + brokerId, new DescribeReplicaChecksumsRequest(queries),
                DescribeReplicaChecksumsResponse.class, () -> address).partitions();
    }

    @Override
    public Map<ConfigResource, List<ConfigEntry>> describeConfigs(Collection<ConfigResource> resources) {
        Map<ConfigResource, List<ConfigEntry>> out = new LinkedHashMap<>();
        byTarget(resources).forEach((target, group) -> out.putAll(ConfigRequests.described(call(
                "describing the configs of " + group, ConfigRequests.describe(group), DescribeConfigsResponse.class,
                target))));
        Map<ConfigResource, List<ConfigEntry>> ordered = new LinkedHashMap<>();
        resources.forEach(resource -> ordered.put(resource, out.getOrDefault(resource, List.of())));
        return ordered;
    }

    @Override
    public void incrementalAlterConfigs(Map<ConfigResource, ? extends Collection<AlterConfigOp>> changes) {
        byTarget(changes.keySet()).forEach((target, group) -> {
            Map<ConfigResource, Collection<AlterConfigOp>> some = new LinkedHashMap<>();
            group.forEach(resource -> some.put(resource, changes.get(resource)));
            ConfigRequests.checkAltered(call("altering the configs of " + group, ConfigRequests.alter(some),
                    IncrementalAlterConfigsResponse.class, target));
        });
    }

    /** Resources grouped by where they must be sent: a broker's to that broker, the others to any broker. */
    private Map<Supplier<InetSocketAddress>, List<ConfigResource>> byTarget(Collection<ConfigResource> resources) {
        Map<String, List<ConfigResource>> groups = new LinkedHashMap<>();
        for (ConfigResource resource : resources) {
            String key = resource.type() == ConfigResource.Type.BROKER && !resource.isClusterDefault()
                    ? resource.name() : "";
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(resource);
        }
        Map<Supplier<InetSocketAddress>, List<ConfigResource>> out = new LinkedHashMap<>();
        groups.forEach((brokerId, group) -> out.put(brokerId.isEmpty() ? this::target : brokerAddress(brokerId), group));
        return out;
    }

    private Supplier<InetSocketAddress> brokerAddress(String brokerId) {
        Node broker = describeCluster().nodes().stream().filter(n -> Integer.toString(n.id()).equals(brokerId))
                .findFirst().orElseThrow(() -> new ApiException(ErrorCode.BROKER_NOT_AVAILABLE,
                        "Broker " + brokerId + " is not live"));
        InetSocketAddress address = Requests.address(broker);
        return () -> address;
    }

    @Override
    public void createAcls(Collection<AclBinding> bindings) {
        List<AclBindingData> creations = bindings.stream().map(AclBindingData::of).toList();
        CreateAclsResponse response = call("creating ACLs", new CreateAclsRequest(creations), CreateAclsResponse.class);
        for (int i = 0; i < response.results().size(); i++) {
            CreateAclsResponse.Result result = response.results().get(i);
            check(result.error(), "Cannot create ACL " + (i < creations.size() ? creations.get(i).toBinding() : ""),
                    result.errorMessage());
        }
    }

    @Override
    public List<AclBinding> describeAcls(AclBindingFilter filter) {
        DescribeAclsResponse response = call("describing ACLs", new DescribeAclsRequest(AclFilterData.of(filter)),
                DescribeAclsResponse.class);
        check(response.error(), "Cannot describe ACLs", response.errorMessage());
        return response.bindings().stream().map(AclBindingData::toBinding).toList();
    }

    @Override
    public List<AclBinding> deleteAcls(Collection<AclBindingFilter> filters) {
        DeleteAclsResponse response = call("deleting ACLs",
                new DeleteAclsRequest(filters.stream().map(AclFilterData::of).toList()), DeleteAclsResponse.class);
        List<AclBinding> deleted = new ArrayList<>();
        for (DeleteAclsResponse.FilterResult result : response.results()) {
            check(result.error(), "Cannot delete ACLs", result.errorMessage());
            result.deleted().forEach(d -> deleted.add(d.toBinding()));
        }
        return deleted;
    }

    @Override
    public Map<String, List<ScramCredentialInfo>> describeUserScramCredentials(Collection<String> users) {
        return ScramCredentialRequests.described(call("describing the SCRAM credentials of " + (users.isEmpty()
                ? "every user" : users), new DescribeUserScramCredentialsRequest(List.copyOf(users)),
                DescribeUserScramCredentialsResponse.class));
    }

    @Override
    public void upsertUserScramCredential(String user, ScramMechanism mechanism, int iterations, String password) {
        ScramCredentialRequests.check(call("setting the " + mechanism.mechanismName() + " credential of user '"
                + user + "'", ScramCredentialRequests.upsert(user, mechanism, iterations, password),
                AlterUserScramCredentialsResponse.class));
    }

    @Override
    public void deleteUserScramCredential(String user, ScramMechanism mechanism) {
        ScramCredentialRequests.check(call("deleting the " + mechanism.mechanismName() + " credential of user '"
                + user + "'", ScramCredentialRequests.delete(user, mechanism), AlterUserScramCredentialsResponse.class));
    }

    static void check(ErrorCode error, String what, String message) {
        if (error != ErrorCode.NONE) {
            throw error.exception(what + ": " + (message == null || message.isEmpty() ? error.defaultMessage() : message));
        }
    }

    private static <T> String names(List<T> items, java.util.function.Function<T, String> name) {
        return items.stream().map(name).toList().toString();
    }

    /** Sends {@code request} to brokers in turn until one answers, retrying retriable failures until the deadline. */
    private <R extends ApiResponse> R call(String what, ApiRequest request, Class<R> type) {
        return call(what, request, type, this::target);
    }

    private <R extends ApiResponse> R call(String what, ApiRequest request, Class<R> type,
                                          Supplier<InetSocketAddress> targets) {
        long deadline = clock.millis() + config.defaultApiTimeoutMs();
        while (true) {
            InetSocketAddress target = targets.get();
            RuntimeException failure;
            try {
                long waitMs = Math.max(1, Math.min(config.requestTimeoutMs(), deadline - clock.millis()));
                ApiResponse response = Requests.send(channel, target, request).get(waitMs, TimeUnit.MILLISECONDS);
                learnNodes(response);
                return type.cast(response);
            } catch (ExecutionException e) {
                Throwable cause = Failures.unwrap(e);
                if (cause instanceof ApiException api && !api.isRetriable()) {
                    throw api;
                }
                failure = new ApiException(ErrorMapping.codeOf(cause), what + " via " + target + ": " + cause.getMessage());
            } catch (java.util.concurrent.TimeoutException e) {
                failure = new TimeoutException("No response from " + target + " while " + what);
            } catch (InterruptedException e) {
                throw new InterruptException("Interrupted while " + what, e);
            }
            if (clock.millis() + config.retryBackoffMs() >= deadline) {
                throw new TimeoutException("Timed out after " + config.defaultApiTimeoutMs() + " ms " + what
                        + "; last error: " + failure.getMessage(), failure);
            }
            pause(config.retryBackoffMs());
        }
    }

    private void learnNodes(ApiResponse response) {
        if (response instanceof MetadataResponse metadata && !metadata.brokers().isEmpty()) {
            knownNodes = metadata.brokers().stream().map(Metadata::toNode).toList();
        } else if (response instanceof DescribeClusterResponse cluster && !cluster.brokers().isEmpty()) {
            knownNodes = cluster.brokers().stream().map(Metadata::toNode).toList();
        }
    }

    private InetSocketAddress target() {
        List<Node> nodes = knownNodes;
        int index = Math.floorMod(nextAddress.getAndIncrement(), config.bootstrapServers().size() + nodes.size());
        if (index < config.bootstrapServers().size()) {
            return config.bootstrapServers().get(index);
        }
        return Requests.address(nodes.get(index - config.bootstrapServers().size()));
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new InterruptException("Interrupted during an admin retry backoff", e);
        }
    }

    @Override
    public void close() {
        ownChannel.ifPresent(RequestChannel::close);
    }
}
