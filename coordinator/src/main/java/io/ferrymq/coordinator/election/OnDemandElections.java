package io.ferrymq.coordinator.election;

import io.ferrymq.common.ElectionType;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.json.Json;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.coordinator.zk.ZkPaths;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEvent;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On-demand leader elections (Kafka's ElectLeaders; DESIGN.md, "On-demand leader election"), both
 * sides. The requester ({@link #electLeaders}) checks each partition against
 * {@link ElectionPolicy#refusal}, writes one {@code /admin/elections/election-<seq>} node
 * ({@link ElectionRequest}) for the rest, polls their {@code state} until each shows the outcome
 * ({@link ElectionPolicy#isElected}) or the timeout passes, then deletes the node. Every broker
 * watches {@code /admin/elections} and acts once per node for the replicas it hosts: preferred, one
 * round of the preferred-leader rebalance; unclean, the replica may lead from outside the ISR once
 * ({@link ElectionPolicy#allowUncleanOnce}), a permission withdrawn when the node goes. A node lives
 * at most {@link ElectionConfig#electionRequestExpiry()} after its creation: every broker that read it
 * deletes it then (a requester that died would otherwise leave it, and its unclean permission, for
 * good), and one first seen older than that is deleted at once.
 *
 * <p>Thread-safety: the watch side is confined to the election thread; requests run on the
 * thread {@code ferry-elect-leaders-<brokerId>}, which may block on ZooKeeper.
 */
final class OnDemandElections implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OnDemandElections.class);

    private static final Duration POLL = Duration.ofMillis(200);

    private final ElectorContext context;
    private final CuratorFramework curator;
    private final Function<TopicPartition, Optional<ZkLeaderElector>> electors;
    private final Clock clock;
    private final ScheduledExecutorService requests;
    private final Map<String, ElectionRequest> seen = new HashMap<>();

    OnDemandElections(ElectorContext context, Function<TopicPartition, Optional<ZkLeaderElector>> electors,
                      Clock clock) {
        this.context = context;
        this.curator = context.curator();
        this.electors = electors;
        this.clock = clock;
        this.requests = new ScheduledThreadPoolExecutor(1,
                r -> new Thread(r, "ferry-elect-leaders-" + context.config().brokerId()));
    }

    /** Starts watching {@code /admin/elections}. */
    void start() {
        try {
            curator.create().creatingParentsIfNeeded().forPath(ZkPaths.ELECTIONS);
        } catch (KeeperException.NodeExistsException exists) {
            log.debug("{} exists", ZkPaths.ELECTIONS);
        } catch (Exception e) {
            log.warn("creating {} failed; the watch retries", ZkPaths.ELECTIONS, e);
        }
        context.onThread(this::readRequests);
    }

    /** Lists the request nodes again (after a new session, whose watches are gone). */
    void rewatch() {
        context.onThread(this::readRequests);
    }

    private void readRequests() {
        try {
            curator.getChildren().usingWatcher(context.watcher(this::readRequests))
                    .inBackground((client, event) -> onRequests(event), context.executor()).forPath(ZkPaths.ELECTIONS);
        } catch (Exception e) {
            retryLater(e);
        }
    }

    private void onRequests(CuratorEvent event) {
        if (event.getResultCode() != KeeperException.Code.OK.intValue()) {
            retryLater(KeeperException.create(KeeperException.Code.get(event.getResultCode()), ZkPaths.ELECTIONS));
            return;
        }
        List<String> children = event.getChildren();
        for (Iterator<Map.Entry<String, ElectionRequest>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, ElectionRequest> entry = it.next();
            if (!children.contains(entry.getKey())) {
                it.remove();
                if (entry.getValue().type() == ElectionType.UNCLEAN) {
                    entry.getValue().partitions().forEach(tp -> electors.apply(tp).ifPresent(ZkLeaderElector::disarmUnclean));
                }
            }
        }
        children.stream().filter(child -> !seen.containsKey(child)).forEach(this::readRequest);
    }

    private void readRequest(String child) {
        try {
            curator.getData().inBackground((client, event) -> onRequest(child, event), context.executor())
                    .forPath(ZkPaths.election(child));
        } catch (Exception e) {
            retryLater(e);
        }
    }

    private void onRequest(String child, CuratorEvent event) {
        if (event.getResultCode() != KeeperException.Code.OK.intValue() || seen.containsKey(child)) {
            return;
        }
        String path = ZkPaths.election(child);
        Duration expiry = context.config().electionRequestExpiry();
        long expiresInMs = event.getStat().getCtime() + expiry.toMillis() - clock.millis();
        if (expiresInMs <= 0) {
            log.info("{}: election request older than {}; deleting it", path, expiry);
            deleteInBackground(path);
            return;
        }
        ElectionRequest request;
        try {
            request = ElectionRequest.fromJson(path, event.getData());
        } catch (IllegalArgumentException e) {
            log.warn("{}: unreadable election request; deleting it", path, e);
            deleteInBackground(path);
            return;
        }
        seen.put(child, request);
        context.executor().schedule(() -> {
            if (seen.containsKey(child)) {
                log.info("{}: election request older than {}; deleting it", path, expiry);
                deleteInBackground(path);
            }
        }, expiresInMs, TimeUnit.MILLISECONDS);
        for (TopicPartition tp : request.partitions()) {
            electors.apply(tp).ifPresent(elector -> elector.onElectionRequest(request.type()));
        }
    }

    private void deleteInBackground(String path) {
        try {
            curator.delete().guaranteed().inBackground().forPath(path);
        } catch (Exception e) {
            log.warn("{}: deleting failed", path, e);
        }
    }

    private void retryLater(Exception cause) {
        log.warn("watching {} failed; retrying in 1 s", ZkPaths.ELECTIONS, cause);
        context.executor().schedule(this::readRequests, 1, TimeUnit.SECONDS);
    }

    /**
     * Runs an election of {@code type} for {@code partitions} (each with its assignment, preferred
     * first) and answers per partition once each shows the outcome or {@code timeout} passed.
     */
    CompletableFuture<Map<TopicPartition, ElectionResult>> electLeaders(ElectionType type,
            Map<TopicPartition, List<Integer>> partitions, Duration timeout) {
        CompletableFuture<Map<TopicPartition, ElectionResult>> done = new CompletableFuture<>();
        long deadline = clock.millis() + Math.max(0, timeout.toMillis());
        requests.execute(() -> {
            try {
                Map<TopicPartition, ElectionResult> results = new LinkedHashMap<>();
                Map<TopicPartition, List<Integer>> pending = new LinkedHashMap<>();
                partitions.forEach((tp, replicas) -> readState(tp).ifPresentOrElse(
                        state -> ElectionPolicy.refusal(type, state, replicas, context.registry().brokersServing(tp))
                                .ifPresentOrElse(refused -> results.put(tp, refused), () -> pending.put(tp, replicas)),
                        () -> results.put(tp, new ElectionResult(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, tp + " does not exist"))));
                if (pending.isEmpty()) {
                    done.complete(results);
                    return;
                }
                String node = create(new ElectionRequest(type, List.copyOf(pending.keySet())));
                log.info("{} election requested for {} as {}", type.lowerName(), pending.keySet(), node);
                poll(new Run(type, node, pending, results, deadline, done));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private record Run(ElectionType type, String node, Map<TopicPartition, List<Integer>> pending,
                       Map<TopicPartition, ElectionResult> results, long deadline,
                       CompletableFuture<Map<TopicPartition, ElectionResult>> done) {
    }

    private void poll(Run run) {
        try {
            for (Iterator<Map.Entry<TopicPartition, List<Integer>>> it = run.pending().entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<TopicPartition, List<Integer>> entry = it.next();
                Optional<PartitionState> state = readState(entry.getKey());
                if (state.isPresent() && ElectionPolicy.isElected(run.type(), state.get(), entry.getValue(),
                        context.registry().brokersServing(entry.getKey()))) {
                    run.results().put(entry.getKey(), ElectionResult.DONE);
                    it.remove();
                }
            }
            if (!run.pending().isEmpty() && clock.millis() < run.deadline()) {
                requests.schedule(() -> poll(run), POLL.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            run.pending().keySet().forEach(tp -> run.results().put(tp, new ElectionResult(ErrorCode.REQUEST_TIMED_OUT,
                    tp + ": the " + run.type().lowerName() + " election did not complete within the timeout")));
            delete(run.node());
            run.done().complete(run.results());
        } catch (RuntimeException e) {
            deleteInBackground(run.node());
            run.done().completeExceptionally(e);
        }
    }

    private Optional<PartitionState> readState(TopicPartition tp) {
        String path = ZkPaths.state(tp);
        try {
            return Optional.of(PartitionState.fromJson(Json.parseObject(path, curator.getData().forPath(path))));
        } catch (KeeperException.NoNodeException gone) {
            return Optional.empty();
        } catch (Exception e) {
            throw CoordinatorException.wrap("reading " + path, e);
        }
    }

    private String create(ElectionRequest request) {
        try {
            return curator.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                    .forPath(ZkPaths.ELECTION_PREFIX, request.toJson());
        } catch (Exception e) {
            throw CoordinatorException.wrap("writing an election request", e);
        }
    }

    private void delete(String node) {
        try {
            curator.delete().forPath(node);
        } catch (KeeperException.NoNodeException expired) {
            log.debug("{} was already deleted", node);
        } catch (Exception e) {
            throw CoordinatorException.wrap("deleting " + node, e);
        }
    }

    @Override
    public void close() {
        requests.shutdownNow();
    }
}
