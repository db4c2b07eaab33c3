package io.ferrymq.client.common.internals;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.BrokerNode;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.requests.CreatePartitionsRequest;
import io.ferrymq.common.protocol.requests.CreateTopicsRequest;
import io.ferrymq.common.protocol.requests.DeleteTopicsRequest;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.ListOffsetsRequest;
import io.ferrymq.common.protocol.requests.MetadataRequest;
import io.ferrymq.common.protocol.requests.ProduceRequest;
import io.ferrymq.common.protocol.responses.CreatePartitionsResponse;
import io.ferrymq.common.protocol.responses.CreateTopicsResponse;
import io.ferrymq.common.protocol.responses.DeleteTopicsResponse;
import io.ferrymq.common.protocol.responses.DescribeClusterResponse;
import io.ferrymq.common.protocol.responses.FetchResponse;
import io.ferrymq.common.protocol.responses.ListOffsetsResponse;
import io.ferrymq.common.protocol.responses.MetadataResponse;
import io.ferrymq.common.protocol.responses.ProduceResponse;
import io.ferrymq.common.record.Record;
import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatches;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-memory fake of the brokers behind {@link RequestChannel}, for client unit tests: it
 * answers Metadata, Produce, Fetch, ListOffsets and the topic admin APIs from per-partition lists of batches, on its own
 * thread like a network client would, and can be told to answer the next produce requests for a
 * partition with an error or to drop requests (connection errors). Thread-safe.
 */
public final class InMemoryCluster implements RequestChannel {

    private final List<BrokerNode> brokers;
    private final Map<String, Integer> topics = new ConcurrentHashMap<>();
    private final Map<TopicPartition, List<ByteBuffer>> logs = new ConcurrentHashMap<>();
    private final Map<TopicPartition, Deque<ErrorCode>> produceErrors = new ConcurrentHashMap<>();
    private final ScheduledExecutorService io = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "in-memory-cluster"));
    private final List<CreateTopicsRequest.TopicSpec> createTopicSpecs = new CopyOnWriteArrayList<>();
    private final AtomicInteger metadataRequests = new AtomicInteger();
    private final AtomicInteger produceRequests = new AtomicInteger();
    private final AtomicInteger fetchRequests = new AtomicInteger();
    private volatile int lastFetchWithRecords;
    private volatile long produceDelayMs;
    private final Map<Integer, AtomicInteger> brokerInFlight = new ConcurrentHashMap<>();
    private final AtomicInteger maxProducesInFlight = new AtomicInteger();
    private final Map<TopicPartition, AtomicInteger> partitionInFlight = new ConcurrentHashMap<>();
    private final AtomicInteger maxPartitionInFlight = new AtomicInteger();
    private volatile int leaderShift;
    private volatile boolean unreachable;

    public InMemoryCluster(int brokerCount) {
        List<BrokerNode> nodes = new ArrayList<>();
        for (int id = 1; id <= brokerCount; id++) {
            nodes.add(new BrokerNode(id, "broker" + id, 9000 + id));
        }
        this.brokers = List.copyOf(nodes);
    }

    public void createTopic(String topic, int partitions) {
        topics.put(topic, partitions);
        for (int p = 0; p < partitions; p++) {
            logs.put(new TopicPartition(topic, p), new ArrayList<>());
        }
    }

    /** The next produce requests for {@code tp} get these errors, one each, before appends succeed again. */
    public void failNextProduces(TopicPartition tp, ErrorCode... errors) {
        produceErrors.computeIfAbsent(tp, k -> new ArrayDeque<>()).addAll(List.of(errors));
    }

    /** Moves every leader to the next broker (clients must refresh metadata to follow). */
    public void moveLeaders() {
        leaderShift++;
    }

    public void setUnreachable(boolean unreachable) {
        this.unreachable = unreachable;
    }

    /** Every topic spec received in a CreateTopics request, in arrival order. */
    public List<CreateTopicsRequest.TopicSpec> createTopicSpecs() {
        return List.copyOf(createTopicSpecs);
    }

    public int metadataRequests() {
        return metadataRequests.get();
    }

    public int produceRequests() {
        return produceRequests.get();
    }

    /** Produce responses are sent this long after the request arrives (a slow broker). */
    public void setProduceDelayMs(long delayMs) {
        this.produceDelayMs = delayMs;
    }

    /** The most produce requests that were unanswered at once on one broker. */
    public int maxProducesInFlight() {
        return maxProducesInFlight.get();
    }

    /** The most unanswered produce requests that carried the same partition at once. */
    public int maxPartitionInFlight() {
        return maxPartitionInFlight.get();
    }

    /** Fetch requests sent so far (counted when sent, numbered from 1). */
    public int fetchRequests() {
        return fetchRequests.get();
    }

    /** The number of the latest fetch whose response carried records. */
    public int lastFetchWithRecords() {
        return lastFetchWithRecords;
    }

    /** Every record appended to {@code tp}, in offset order. */
    public synchronized List<Record> records(TopicPartition tp) {
        List<Record> records = new ArrayList<>();
        for (ByteBuffer batch : logs.get(tp)) {
            RecordBatch.wrap(batch.duplicate()).forEach(records::add);
        }
        return records;
    }

    @Override
    public CompletableFuture<ApiResponse> send(InetSocketAddress broker, ApiRequest request) {
        CompletableFuture<ApiResponse> future = new CompletableFuture<>();
        if (unreachable) {
            io.schedule(() -> future.completeExceptionally(
                    new ApiException(ErrorCode.NETWORK_EXCEPTION, "connection to " + broker + " refused")), 5,
                    TimeUnit.MILLISECONDS);
            return future;
        }
        Function<ApiRequest, ApiResponse> handler = switch (request.apiKey()) {
            case METADATA -> r -> metadata((MetadataRequest) r);
            case PRODUCE -> r -> produce(broker, (ProduceRequest) r);
            case FETCH -> {
                int sequence = fetchRequests.incrementAndGet();
                yield r -> fetch((FetchRequest) r, sequence);
            }
            case LIST_OFFSETS -> r -> listOffsets((ListOffsetsRequest) r);
            case CREATE_TOPICS -> r -> createTopics((CreateTopicsRequest) r);
            case DELETE_TOPICS -> r -> deleteTopics((DeleteTopicsRequest) r);
            case CREATE_PARTITIONS -> r -> createPartitions((CreatePartitionsRequest) r);
            case DESCRIBE_CLUSTER -> r -> new DescribeClusterResponse(ErrorCode.NONE, "", "in-memory", brokers);
            default -> r -> {
                throw new ApiException(ErrorCode.UNKNOWN_API_KEY, "not faked: " + r.apiKey());
            };
        };
        long delay = request instanceof ProduceRequest ? produceDelayMs : 0;
        Runnable answered = request instanceof ProduceRequest produce ? trackInFlight(broker.getPort(), produce) : () -> { };
        io.schedule(() -> {
            try {
                ApiResponse response = handler.apply(request);
                answered.run();
                future.complete(response);
            } catch (RuntimeException e) {
                answered.run();
                future.completeExceptionally(e);
            }
        }, delay, TimeUnit.MILLISECONDS);
        return future;
    }

    /** Counts the request as in flight; the returned action ends that, and must run before the client sees the answer. */
    private Runnable trackInFlight(int port, ProduceRequest request) {
        AtomicInteger onBroker = brokerInFlight.computeIfAbsent(port, k -> new AtomicInteger());
        maxProducesInFlight.accumulateAndGet(onBroker.incrementAndGet(), Math::max);
        for (ProduceRequest.PartitionData data : request.partitions()) {
            AtomicInteger count = partitionInFlight.computeIfAbsent(data.topicPartition(), k -> new AtomicInteger());
            maxPartitionInFlight.accumulateAndGet(count.incrementAndGet(), Math::max);
        }
        return () -> {
            onBroker.decrementAndGet();
            request.partitions().forEach(d -> partitionInFlight.get(d.topicPartition()).decrementAndGet());
        };
    }

    private int leaderOf(TopicPartition tp) {
        return brokers.get((tp.partition() + leaderShift) % brokers.size()).id();
    }

    private MetadataResponse metadata(MetadataRequest request) {
        metadataRequests.incrementAndGet();
        List<String> names = request.allTopics() ? List.copyOf(topics.keySet()) : request.topics();
        List<MetadataResponse.TopicMetadata> result = new ArrayList<>();
        for (String name : names) {
            Integer count = topics.get(name);
            if (count == null) {
                result.add(new MetadataResponse.TopicMetadata(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, name, List.of()));
                continue;
            }
            List<MetadataResponse.PartitionMetadata> partitions = new ArrayList<>();
            for (int p = 0; p < count; p++) {
                int leader = leaderOf(new TopicPartition(name, p));
                partitions.add(new MetadataResponse.PartitionMetadata(ErrorCode.NONE, p, leader, leaderShift,
                        List.of(leader), List.of(leader), List.of()));
            }
            result.add(new MetadataResponse.TopicMetadata(ErrorCode.NONE, name, partitions));
        }
        return new MetadataResponse(brokers, "in-memory", result);
    }

    private synchronized ProduceResponse produce(InetSocketAddress broker, ProduceRequest request) {
        produceRequests.incrementAndGet();
        List<ProduceResponse.PartitionResponse> responses = new ArrayList<>();
        for (ProduceRequest.PartitionData data : request.partitions()) {
            TopicPartition tp = data.topicPartition();
            Deque<ErrorCode> errors = produceErrors.get(tp);
            ErrorCode error = errors == null || errors.isEmpty() ? ErrorCode.NONE : errors.poll();
            if (error == ErrorCode.NONE && (!logs.containsKey(tp) || broker.getPort() != 9000 + leaderOf(tp))) {
                error = logs.containsKey(tp) ? ErrorCode.NOT_LEADER_OR_FOLLOWER : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
            }
            if (error != ErrorCode.NONE) {
                responses.add(ProduceResponse.PartitionResponse.error(tp, error, "injected " + error + " for " + tp));
                continue;
            }
            responses.add(new ProduceResponse.PartitionResponse(tp, ErrorCode.NONE, "", append(tp, data.records()), -1, 0));
        }
        return new ProduceResponse(responses);
    }

    private long append(TopicPartition tp, RecordSource records) {
        List<ByteBuffer> log = logs.get(tp);
        long base = nextOffset(log);
        long next = base;
        ByteBuffer copy = ByteBuffer.allocate(records.sizeInBytes()).put(records.toByteBuffer()).flip();
        for (RecordBatch batch : RecordBatches.wrap(copy)) {
            batch.ensureValid();
            batch.setBaseOffset(next);
            next += batch.recordCount();
            log.add(batch.buffer().duplicate());
        }
        return base;
    }

    private static long nextOffset(List<ByteBuffer> log) {
        return log.isEmpty() ? 0 : RecordBatch.wrap(log.get(log.size() - 1).duplicate()).nextOffset();
    }

    private synchronized FetchResponse fetch(FetchRequest request, int sequence) {
        List<FetchResponse.PartitionData> result = new ArrayList<>();
        for (FetchRequest.PartitionData data : request.partitions()) {
            List<ByteBuffer> log = logs.get(data.topicPartition());
            if (log == null) {
                result.add(FetchResponse.PartitionData.error(data.topicPartition(), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
                continue;
            }
            long end = nextOffset(log);
            if (data.fetchOffset() > end) {
                result.add(FetchResponse.PartitionData.error(data.topicPartition(), ErrorCode.OFFSET_OUT_OF_RANGE));
                continue;
            }
            List<RecordSource> parts = new ArrayList<>();
            int size = 0;
            for (ByteBuffer batch : log) {
                RecordBatch view = RecordBatch.wrap(batch.duplicate());
                if (view.lastOffset() >= data.fetchOffset() && (size == 0 || size + view.sizeInBytes() <= data.partitionMaxBytes())) {
                    parts.add(RecordSource.of(batch.duplicate()));
                    size += view.sizeInBytes();
                }
            }
            if (!parts.isEmpty()) {
                lastFetchWithRecords = Math.max(lastFetchWithRecords, sequence);
            }
            result.add(new FetchResponse.PartitionData(data.topicPartition(), ErrorCode.NONE, end, 0, leaderShift,
                    parts.isEmpty() ? RecordSource.EMPTY : RecordSource.concat(parts)));
        }
        return new FetchResponse(ErrorCode.NONE, result);
    }

    private synchronized ListOffsetsResponse listOffsets(ListOffsetsRequest request) {
        List<ListOffsetsResponse.PartitionResponse> result = new ArrayList<>();
        for (ListOffsetsRequest.PartitionData data : request.partitions()) {
            List<ByteBuffer> log = logs.get(data.topicPartition());
            long offset = data.timestamp() == ListOffsetsRequest.EARLIEST_TIMESTAMP ? 0 : nextOffset(log);
            result.add(new ListOffsetsResponse.PartitionResponse(data.topicPartition(), ErrorCode.NONE, -1, offset, 0));
        }
        return new ListOffsetsResponse(result);
    }

    private synchronized CreateTopicsResponse createTopics(CreateTopicsRequest request) {
        List<CreateTopicsResponse.TopicResult> results = new ArrayList<>();
        for (CreateTopicsRequest.TopicSpec spec : request.topics()) {
            createTopicSpecs.add(spec);
            int partitions = !spec.assignment().isEmpty() ? spec.assignment().size()
                    : spec.numPartitions() < 0 ? 1 : spec.numPartitions();
            if (topics.containsKey(spec.name())) {
                results.add(new CreateTopicsResponse.TopicResult(spec.name(), ErrorCode.TOPIC_ALREADY_EXISTS,
                        "Topic '" + spec.name() + "' already exists.", -1, (short) -1));
            } else if (spec.replicationFactor() > brokers.size()) {
                results.add(new CreateTopicsResponse.TopicResult(spec.name(), ErrorCode.INVALID_REPLICATION_FACTOR,
                        "Replication factor " + spec.replicationFactor() + " larger than " + brokers.size() + " brokers",
                        -1, (short) -1));
            } else {
                createTopic(spec.name(), partitions);
                results.add(new CreateTopicsResponse.TopicResult(spec.name(), ErrorCode.NONE, "", partitions,
                        spec.replicationFactor()));
            }
        }
        return new CreateTopicsResponse(results);
    }

    private synchronized DeleteTopicsResponse deleteTopics(DeleteTopicsRequest request) {
        List<DeleteTopicsResponse.TopicResult> results = new ArrayList<>();
        for (String name : request.topics()) {
            Integer count = topics.remove(name);
            results.add(new DeleteTopicsResponse.TopicResult(name,
                    count == null ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.NONE, ""));
        }
        return new DeleteTopicsResponse(results);
    }

    private synchronized CreatePartitionsResponse createPartitions(CreatePartitionsRequest request) {
        List<CreatePartitionsResponse.TopicResult> results = new ArrayList<>();
        for (CreatePartitionsRequest.TopicSpec spec : request.topics()) {
            Integer count = topics.get(spec.name());
            if (count == null || spec.totalCount() <= count) {
                results.add(new CreatePartitionsResponse.TopicResult(spec.name(),
                        count == null ? ErrorCode.UNKNOWN_TOPIC_OR_PARTITION : ErrorCode.INVALID_PARTITIONS,
                        "Topic currently has " + count + " partitions"));
                continue;
            }
            for (int p = count; p < spec.totalCount(); p++) {
                logs.put(new TopicPartition(spec.name(), p), new ArrayList<>());
            }
            topics.put(spec.name(), spec.totalCount());
            results.add(new CreatePartitionsResponse.TopicResult(spec.name(), ErrorCode.NONE, ""));
        }
        return new CreatePartitionsResponse(results);
    }

    @Override
    public void close() {
        io.shutdownNow();
    }
}
