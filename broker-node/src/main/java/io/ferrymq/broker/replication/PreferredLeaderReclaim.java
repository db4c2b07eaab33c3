package io.ferrymq.broker.replication;

import io.ferrymq.common.ElectionType;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.coordinator.election.ElectionResult;
import io.ferrymq.coordinator.election.LeaderElectionService;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.TopicListener;
import io.ferrymq.coordinator.metadata.Versioned;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives this broker its preferred leaderships back soon after it returns to their ISR, instead of at
 * the next preferred-leader rebalance ({@code leader.imbalance.check.interval.seconds}, 300 s by
 * default). After a restart of every broker, the broker that shut down last is the only ISR member of
 * most partitions (each leader drops a follower that deregistered) and leads them all; the others
 * catch up in seconds, but until the rebalance ran, one broker led 9,896 of 10,000 partitions.
 *
 * <p>A partition is reclaimed ({@link #shouldReclaim}) when this broker is its preferred replica (first
 * in the assignment), is in its ISR and another broker leads it. Such partitions, seen through the
 * metadata store's state notifications, are collected for {@link #DELAY} (the replica joins its latch
 * meanwhile: its elector saw the same state) and then asked for in one on-demand preferred election
 * ({@link LeaderElectionService#electLeaders}: every broker hosting them runs one rebalance round, so
 * the leader hands over once, with epoch+1). One not elected is asked for again, at most
 * {@link #MAX_ATTEMPTS} times until this broker leads it again; the periodic rebalance remains for
 * the rest. Runs only with {@code auto.leader.rebalance.enable}.
 *
 * <p>Thread-safe: notifications arrive on the metadata-event thread, requests run on the named
 * thread {@code ferry-leader-reclaim-<brokerId>}.
 */
final class PreferredLeaderReclaim implements TopicListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PreferredLeaderReclaim.class);

    /** How long partitions are collected before one election is asked for them. */
    static final Duration DELAY = Duration.ofSeconds(3);
    /** How often one partition is asked for before this broker leads it again. */
    static final int MAX_ATTEMPTS = 3;
    private static final Duration ELECTION_TIMEOUT = Duration.ofSeconds(20);

    private final int self;
    private final Function<TopicPartition, Optional<List<Integer>>> hostedReplicas;
    private final LeaderElectionService elections;
    private final ScheduledExecutorService thread;
    private final Set<TopicPartition> pending = ConcurrentHashMap.newKeySet();
    private final Map<TopicPartition, Integer> attempts = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    /** @param hostedReplicas the assignment of a partition hosted here (preferred replica first), empty if not hosted */
    PreferredLeaderReclaim(int self, Function<TopicPartition, Optional<List<Integer>>> hostedReplicas,
                           LeaderElectionService elections) {
        this.self = self;
        this.hostedReplicas = hostedReplicas;
        this.elections = elections;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "ferry-leader-reclaim-" + self));
    }

    /** Whether broker {@code self} should ask for the leadership of a partition with these replicas and state. */
    static boolean shouldReclaim(int self, List<Integer> replicas, PartitionState state) {
        return replicas.get(0) == self && state.isInIsr(self) && state.hasLeader() && state.leader() != self;
    }

    @Override
    public void onPartitionStateChanged(TopicPartition tp, Versioned<PartitionState> versioned) {
        PartitionState state = versioned.value();
        Optional<List<Integer>> replicas = hostedReplicas.apply(tp);
        if (replicas.isEmpty()) {
            return;
        }
        if (state.leader() == self) {
            attempts.remove(tp);
        } else if (shouldReclaim(self, replicas.get(), state) && attempts.getOrDefault(tp, 0) < MAX_ATTEMPTS) {
            askSoon(tp);
        }
    }

    @Override
    public void onTopicDeleted(String topic) {
        attempts.keySet().removeIf(tp -> tp.topic().equals(topic));
    }

    private void askSoon(TopicPartition tp) {
        pending.add(tp);
        if (scheduled.compareAndSet(false, true)) {
            try {
                thread.schedule(this::ask, DELAY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                LOG.debug("closed: leaderships not reclaimed");
            }
        }
    }

    private void ask() {
        scheduled.set(false);
        Map<TopicPartition, List<Integer>> asked = new HashMap<>();
        for (Iterator<TopicPartition> it = pending.iterator(); it.hasNext(); ) {
            TopicPartition tp = it.next();
            it.remove();
            hostedReplicas.apply(tp).filter(r -> r.get(0) == self).ifPresent(r -> {
                asked.put(tp, r);
                attempts.merge(tp, 1, Integer::sum);
            });
        }
        if (asked.isEmpty()) {
            return;
        }
        LOG.info("Broker {} is back in the ISR of {} partitions it is the preferred replica of; asking for their "
                + "preferred election", self, asked.size());
        elections.electLeaders(ElectionType.PREFERRED, asked, ELECTION_TIMEOUT).whenComplete((results, error) -> {
            if (error != null) {
                LOG.warn("Preferred election of {} partitions failed; the periodic rebalance is left", asked.size(),
                        error);
                return;
            }
            retryNotElected(results);
        });
    }

    private void retryNotElected(Map<TopicPartition, ElectionResult> results) {
        int elected = 0;
        for (Map.Entry<TopicPartition, ElectionResult> result : results.entrySet()) {
            ErrorCode error = result.getValue().error();
            if (error == ErrorCode.NONE || error == ErrorCode.ELECTION_NOT_NEEDED) {
                elected++;
            } else if (error == ErrorCode.REQUEST_TIMED_OUT
                    && attempts.getOrDefault(result.getKey(), MAX_ATTEMPTS) < MAX_ATTEMPTS) {
                askSoon(result.getKey());
            }
        }
        LOG.info("Broker {} leads {} of {} partitions it asked for", self, elected, results.size());
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
