package io.ferrymq.broker.group;

import io.ferrymq.broker.errors.ErrorMapper;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.Failures;
import io.ferrymq.coordinator.group.CommittedOffset;
import io.ferrymq.coordinator.group.GroupFencedException;
import io.ferrymq.coordinator.group.GroupPaths;
import io.ferrymq.coordinator.group.GroupRecord;
import io.ferrymq.coordinator.metadata.Versioned;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker-side group coordinator: serves the group APIs for the groups this broker owns
 * ({@link CoordinatorSelector} over the live brokers), keeping one {@link Group} state machine per
 * loaded group and their durable state in the {@link io.ferrymq.coordinator.group.GroupStore}.
 * Loading a group claims it in ZooKeeper (bumping its znode version), which fences the previous
 * coordinator's commits; a new coordinator starts with no members, so members rejoin.
 *
 * <p>Threads: callers (request threads) never touch ZooKeeper; store calls run on the
 * {@link GroupExecutors} stripe of the group, the ticker drives deadlines. Thread-safe.
 */
public final class GroupCoordinator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCoordinator.class);
    static final int MAX_METADATA_LENGTH = 4096;

    private final GroupCoordinatorContext context;
    private final GroupExecutors executors;
    private final Map<String, CompletableFuture<GroupEntry>> groups = new ConcurrentHashMap<>();
    private final GroupLag lag;
    private volatile long nextExpiryCheckMs;

    public GroupCoordinator(GroupCoordinatorContext context) {
        this.context = context;
        this.executors = new GroupExecutors(context.brokerId());
        this.lag = new GroupLag(context.logEndOffsets(), context.lagGauges());
    }

    /**
     * Starts the ticker that acts on session, join and sync deadlines, refreshes lag gauges, and
     * every {@code offsets.retention.check.interval.ms} expires offsets ({@link #expireOffsets}).
     */
    public void start() {
        nextExpiryCheckMs = context.clock().millis() + context.config().offsetsRetentionCheckIntervalMs();
        executors.startTicker(this::tick);
    }

    public Optional<Integer> coordinatorFor(String groupId) {
        return CoordinatorSelector.coordinatorFor(groupId, context.liveBrokerIds().get());
    }

    public boolean isCoordinatorFor(String groupId) {
        return coordinatorFor(groupId).filter(id -> id == context.brokerId()).isPresent();
    }

    public CompletableFuture<JoinResult> join(String groupId, JoinRequest request) {
        return owned(groupId, true).thenCompose(entry -> entry.orElseThrow().group.join(request))
                .exceptionally(t -> JoinResult.error(errorOf(groupId, t), request.memberId()));
    }

    public CompletableFuture<SyncResult> sync(String groupId, String memberId, int generation,
                                              Map<String, byte[]> assignments) {
        return owned(groupId, false).thenCompose(entry -> entry.isEmpty()
                        ? CompletableFuture.completedFuture(SyncResult.error(ErrorCode.UNKNOWN_MEMBER_ID))
                        : entry.get().group.sync(memberId, generation, assignments))
                .exceptionally(t -> SyncResult.error(errorOf(groupId, t)));
    }

    public CompletableFuture<ErrorCode> heartbeat(String groupId, String memberId, int generation) {
        return owned(groupId, false).thenApply(entry -> entry.map(e -> e.group.heartbeat(memberId, generation))
                        .orElse(ErrorCode.UNKNOWN_MEMBER_ID))
                .exceptionally(t -> errorOf(groupId, t));
    }

    public CompletableFuture<ErrorCode> leave(String groupId, String memberId) {
        return owned(groupId, false).thenApply(entry -> entry.map(e -> e.group.leave(memberId))
                        .orElse(ErrorCode.UNKNOWN_MEMBER_ID))
                .exceptionally(t -> errorOf(groupId, t));
    }

    /** Validates membership and generation, then writes all offsets in one fenced transaction. */
    public CompletableFuture<Map<TopicPartition, ErrorCode>> commitOffsets(
            String groupId, String memberId, int generation, Map<TopicPartition, OffsetCommitEntry> offsets) {
        return owned(groupId, true).thenCompose(found -> {
            GroupEntry entry = found.orElseThrow();
            ErrorCode error = entry.group.validateCommit(memberId, generation);
            if (error != ErrorCode.NONE) {
                return CompletableFuture.completedFuture(sameError(offsets, error));
            }
            Map<TopicPartition, ErrorCode> result = new HashMap<>();
            Map<TopicPartition, CommittedOffset> valid = OffsetValidation.validate(offsets, context.clock().millis(), result);
            if (valid.isEmpty()) {
                return CompletableFuture.completedFuture(result);
            }
            return executors.supply(entry.stripe, () -> {
                context.store().commitOffsets(groupId, entry.zkVersion(), valid);
                valid.forEach((tp, committed) -> entry.committed.put(tp, committed.offset()));
                valid.keySet().forEach(tp -> result.put(tp, ErrorCode.NONE));
                return result;
            });
        }).exceptionally(t -> sameError(offsets, errorOf(groupId, t)));
    }

    /** Committed offsets of {@code partitions} (all when empty), read from the store. */
    public CompletableFuture<OffsetFetchResult> fetchOffsets(String groupId, Optional<Set<TopicPartition>> partitions) {
        return owned(groupId, false).thenCompose(entry -> executors.supply(executors.stripeOf(groupId), () -> {
            Map<TopicPartition, CommittedOffset> all = context.store().fetchOffsets(groupId);
            entry.ifPresent(e -> all.forEach((tp, c) -> e.committed.put(tp, c.offset())));
            Map<TopicPartition, CommittedOffset> wanted = new HashMap<>(all);
            partitions.ifPresent(set -> wanted.keySet().retainAll(set));
            return new OffsetFetchResult(ErrorCode.NONE, wanted);
        })).exceptionally(t -> new OffsetFetchResult(errorOf(groupId, t), Map.of()));
    }

    /** The groups in the store that this broker coordinates, with their state here. */
    public CompletableFuture<List<GroupOverview>> listGroups() {
        return executors.supply(executors.stripeOf(""), () -> context.store().listGroups().stream()
                .filter(this::isCoordinatorFor)
                .map(this::overview)
                .flatMap(Optional::stream)
                .toList());
    }

    private Optional<GroupOverview> overview(String groupId) {
        Optional<GroupEntry> loaded = loadedEntry(groupId);
        if (loaded.isPresent()) {
            GroupDescription d = loaded.get().group.describe();
            return Optional.of(new GroupOverview(groupId, d.protocolType(), d.state()));
        }
        return context.store().load(groupId)
                .map(v -> new GroupOverview(groupId, v.value().protocolType(), GroupState.EMPTY));
    }

    public CompletableFuture<DescribeResult> describe(String groupId) {
        return owned(groupId, false).thenCompose(entry -> {
            if (entry.isPresent()) {
                return CompletableFuture.completedFuture(
                        new DescribeResult(ErrorCode.NONE, Optional.of(entry.get().group.describe())));
            }
            return executors.supply(executors.stripeOf(groupId), () -> {
                Optional<Versioned<GroupRecord>> stored = context.store().load(groupId);
                GroupState state = stored.isPresent() ? GroupState.EMPTY : GroupState.DEAD;
                String type = stored.map(v -> v.value().protocolType()).orElse("");
                int generation = stored.map(v -> v.value().generation()).orElse(0);
                return new DescribeResult(ErrorCode.NONE, Optional.of(
                        new GroupDescription(groupId, state, generation, type, "", "", List.of())));
            });
        }).exceptionally(t -> new DescribeResult(errorOf(groupId, t), Optional.empty()));
    }

    /** Deletes an empty group and its offsets; NON_EMPTY_GROUP while it has members. */
    public CompletableFuture<ErrorCode> deleteGroup(String groupId) {
        return owned(groupId, false).thenCompose(entry -> {
            if (entry.isPresent() && entry.get().group.hasMembers()) {
                return CompletableFuture.completedFuture(ErrorCode.NON_EMPTY_GROUP);
            }
            return executors.supply(executors.stripeOf(groupId), () -> {
                Optional<Versioned<GroupRecord>> stored = context.store().load(groupId);
                if (stored.isEmpty()) {
                    return ErrorCode.GROUP_ID_NOT_FOUND;
                }
                int version = entry.map(GroupEntry::zkVersion).orElse(stored.get().version());
                entry.ifPresent(e -> unload(groupId, "deleted"));
                context.store().deleteGroup(groupId, version);
                return ErrorCode.NONE;
            });
        }).exceptionally(t -> errorOf(groupId, t));
    }

    /** Partition counts of {@code topics} changed: groups subscribed to them rebalance. */
    public void onPartitionsChanged(Set<String> topics) {
        loadedEntries().forEach(entry -> entry.group.onPartitionsChanged(topics));
    }

    /** The live broker set changed: unload the groups this broker no longer coordinates. */
    public void onLiveBrokersChanged() {
        for (GroupEntry entry : loadedEntries()) {
            if (!isCoordinatorFor(entry.groupId)) {
                unload(entry.groupId, "coordinator moved to broker " + coordinatorFor(entry.groupId).orElse(-1));
            }
        }
    }

    /** Lag per partition of a loaded group: log end offset minus committed offset. */
    public Map<TopicPartition, Long> lag(String groupId) {
        return loadedEntry(groupId).map(lag::of).orElse(Map.of());
    }

    private void tick() {
        List<GroupEntry> entries = loadedEntries();
        entries.forEach(entry -> entry.group.tick());
        lag.refresh(entries);
        long now = context.clock().millis();
        if (now >= nextExpiryCheckMs) {
            nextExpiryCheckMs = now + context.config().offsetsRetentionCheckIntervalMs();
            expireOffsets();
        }
    }

    /**
     * Looks at every group this broker coordinates, loaded or not, each on its stripe (so no commit,
     * claim or generation write of that group interleaves): a group without members loses the
     * offsets {@link OffsetExpiry} says have expired, and is deleted once it has none left. Returns
     * when every group was looked at.
     */
    CompletableFuture<Void> expireOffsets() {
        return executors.supply(executors.stripeOf(""), () -> context.store().listGroups()).thenCompose(ids ->
                CompletableFuture.allOf(ids.stream().filter(this::isCoordinatorFor)
                        .map(id -> executors.supply(executors.stripeOf(id), () -> {
                            expireOffsets(id, context.clock().millis());
                            return null;
                        }).exceptionally(t -> {
                            log.warn("Expiring the offsets of group {} failed", id, Failures.unwrap(t));
                            return null;
                        }))
                        .toArray(CompletableFuture[]::new)));
    }

    private void expireOffsets(String groupId, long now) {
        Optional<GroupEntry> entry = loadedEntry(groupId);
        if (entry.isEmpty() && groups.containsKey(groupId) || entry.isPresent() && entry.get().group.hasMembers()) {
            return;
        }
        OptionalInt version = entry.isPresent() ? OptionalInt.of(entry.get().zkVersion())
                : context.store().load(groupId).map(v -> OptionalInt.of(v.version())).orElse(OptionalInt.empty());
        if (version.isEmpty()) {
            return;
        }
        long emptySince = entry.map(e -> e.group.emptySinceMs()).orElse(0L);
        long retention = context.config().offsetsRetentionMs();
        Set<TopicPartition> expired = context.store().expireOffsets(groupId, version.getAsInt(),
                (tp, offset) -> OffsetExpiry.isExpired(offset, emptySince, now, retention));
        if (expired.isEmpty()) {
            return;
        }
        entry.ifPresent(e -> {
            expired.forEach(e.committed::remove);
            lag.forget(e);
        });
        log.info("Group {}: committed offsets of {} expired (empty, offsets.retention.minutes passed)", groupId, expired);
        if (context.store().fetchOffsets(groupId).isEmpty() && entry.map(e -> !e.group.hasMembers()).orElse(true)) {
            entry.ifPresent(e -> unload(groupId, "empty and without offsets"));
            context.store().deleteGroup(groupId, version.getAsInt());
            log.info("Group {} deleted: empty and without offsets", groupId);
        }
    }

    /**
     * The group's entry if this broker coordinates it: loaded (claimed in the store) when
     * {@code load}, else only if already loaded. Fails with NOT_COORDINATOR otherwise.
     */
    private CompletableFuture<Optional<GroupEntry>> owned(String groupId, boolean load) {
        try {
            GroupPaths.validateGroupId(groupId);
        } catch (ApiException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!isCoordinatorFor(groupId)) {
            return CompletableFuture.failedFuture(ErrorCode.NOT_COORDINATOR.exception(
                    "group " + groupId + " is coordinated by broker " + coordinatorFor(groupId).orElse(-1)));
        }
        CompletableFuture<GroupEntry> existing = groups.get(groupId);
        if (existing == null && !load) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<GroupEntry> entry = existing != null ? existing
                : groups.computeIfAbsent(groupId, this::claim);
        entry.whenComplete((loaded, failure) -> {
            if (failure != null) {
                groups.remove(groupId, entry);
            }
        });
        return entry.thenApply(Optional::of);
    }

    private CompletableFuture<GroupEntry> claim(String groupId) {
        Executor stripe = executors.stripeOf(groupId);
        return executors.supply(stripe, () -> {
            Versioned<GroupRecord> claimed = context.store().claim(groupId, context.brokerId());
            GroupEntry entry = new GroupEntry(groupId, claimed.value(), claimed.version(), context, stripe,
                    id -> unload(id, "fenced by another coordinator"));
            context.store().fetchOffsets(groupId).forEach((tp, c) -> entry.committed.put(tp, c.offset()));
            log.info("Broker {} now coordinates group {} (generation {}, coordinator epoch {})",
                    context.brokerId(), groupId, claimed.value().generation(), claimed.value().coordinatorEpoch());
            return entry;
        });
    }

    private void unload(String groupId, String reason) {
        CompletableFuture<GroupEntry> removed = groups.remove(groupId);
        if (removed != null && removed.isDone() && !removed.isCompletedExceptionally()) {
            GroupEntry entry = removed.join();
            entry.group.markDead();
            lag.forget(entry);
            log.info("Broker {} unloaded group {}: {}", context.brokerId(), groupId, reason);
        }
    }

    private Optional<GroupEntry> loadedEntry(String groupId) {
        CompletableFuture<GroupEntry> future = groups.get(groupId);
        return future != null && future.isDone() && !future.isCompletedExceptionally()
                ? Optional.of(future.join()) : Optional.empty();
    }

    private List<GroupEntry> loadedEntries() {
        return groups.keySet().stream().map(this::loadedEntry).flatMap(Optional::stream).toList();
    }

    /** The code for a failed group operation ({@link ErrorMapper#forGroup}); a fenced store write unloads the group. */
    private ErrorCode errorOf(String groupId, Throwable failure) {
        if (Failures.unwrap(failure) instanceof GroupFencedException fenced) {
            unload(groupId, fenced.getMessage());
        }
        return ErrorMapper.forGroup(failure, groupId);
    }

    private static Map<TopicPartition, ErrorCode> sameError(Map<TopicPartition, ?> partitions, ErrorCode error) {
        Map<TopicPartition, ErrorCode> result = new HashMap<>();
        partitions.keySet().forEach(tp -> result.put(tp, error));
        return result;
    }

    /** Stops the ticker and the store threads; loaded groups are unloaded (pending responses: NOT_COORDINATOR). */
    @Override
    public void close() {
        executors.stopTicker();
        groups.keySet().forEach(id -> unload(id, "broker shutting down"));
        executors.close();
    }
}
