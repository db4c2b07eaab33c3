package io.ferrymq.broker.replication;

import io.ferrymq.broker.log.LogDirFailureChannel.OfflineLogDir;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.registry.BrokerInfo;
import io.ferrymq.coordinator.registry.BrokerRegistry;
import io.ferrymq.coordinator.registry.LogDirEventNotifications;
import io.ferrymq.coordinator.registry.OfflineStorage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that acts on a failed log dir (KIP-112), on the named thread
 * {@code ferry-log-dir-failure-<brokerId>}, for each dir the {@link io.ferrymq.broker.log.LogDirFailureChannel}
 * reports, in this order:
 * <ol>
 *   <li>its replicas stop serving (requests get {@code KAFKA_STORAGE_ERROR}), leaders stop taking
 *       appends, followers stop fetching ({@link ReplicaLifecycle#takeOffline});</li>
 *   <li>the registration lists the offline dirs and replicas, so other brokers drop the replicas from
 *       ISRs and elections;</li>
 *   <li>the replicas leave their partition latches for good, so in-sync followers take over;</li>
 *   <li>a log-dir event notification is created (after the latches: it is a record, not a signal);</li>
 *   <li>the dir's logs are closed without writing to them;</li>
 *   <li>with no dir left online, the broker shuts down ({@code onEveryDirOffline}).</li>
 * </ol>
 * A ZooKeeper failure in step 2 or 4 is logged and the later steps still run: leadership moves anyway, and
 * other leaders then drop the replicas from ISRs after {@code replica.lag.time.max.ms}.
 *
 * <p>Thread-safety: {@link #start} and {@link #close} from the broker's thread; the work runs on the
 * handler's thread only.
 */
final class LogDirFailureHandler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogDirFailureHandler.class);
    private static final Duration POLL = Duration.ofMillis(200);

    /** What the handler works with. */
    record Deps(ReplicaLogStore logs, ReplicaLifecycle lifecycle, HostedPartitions partitions,
                BrokerRegistry registry, LogDirEventNotifications notifications) {
    }

    private final Deps deps;
    private final BrokerInfo registered;
    private final Runnable onEveryDirOffline;
    private final Thread thread;
    private volatile boolean running = true;

    LogDirFailureHandler(Deps deps, BrokerInfo registered, Runnable onEveryDirOffline) {
        this.deps = deps;
        this.registered = registered;
        this.onEveryDirOffline = onEveryDirOffline;
        this.thread = new Thread(this::run, "ferry-log-dir-failure-" + registered.id());
    }

    void start() {
        thread.start();
    }

    private void run() {
        while (running) {
            try {
                Optional<OfflineLogDir> next = deps.logs().failureChannel().pollNextOfflineLogDir(POLL);
                if (next.isPresent()) {
                    handle(next.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Handling a log dir failure failed", e);
            }
        }
    }

    /** Steps 1-6 of the class comment for one dir. */
    void handle(OfflineLogDir failed) {
        Path dir = failed.dir();
        Set<TopicPartition> replicas = deps.logs().partitionsIn(dir);
        LOG.error("Broker {}: log dir {} failed ({}); taking its {} replicas offline: {}", registered.id(), dir,
                failed.reason(), replicas.size(), new TreeSet<>(replicas));
        deps.lifecycle().takeOffline(replicas, dir);
        updateRegistration();
        deps.lifecycle().leaveLatches(replicas);
        recordEvent();
        deps.logs().handleLogDirFailure(dir);
        if (deps.logs().onlineLogDirs().isEmpty()) {
            LOG.error("Broker {}: every log dir is offline ({}); shutting down", registered.id(),
                    deps.logs().offlineLogDirs());
            running = false;
            onEveryDirOffline.run();
        }
    }

    /** Writes the offline dirs and replicas into the registration. */
    private void updateRegistration() {
        OfflineStorage offline = new OfflineStorage(
                deps.logs().offlineLogDirs().stream().map(Path::toString).collect(Collectors.toCollection(TreeSet::new)),
                new TreeSet<>(deps.partitions().offline()));
        try {
            deps.registry().updateRegistration(registered.withOffline(offline));
        } catch (RuntimeException e) {
            LOG.error("Broker {}: could not record offline log dirs {} in its registration", registered.id(),
                    offline.logDirs(), e);
        }
    }

    private void recordEvent() {
        try {
            deps.notifications().recordFailure(registered.id());
        } catch (RuntimeException e) {
            LOG.error("Broker {}: could not create a log dir event notification", registered.id(), e);
        }
    }

    /** Stops the thread (bounded wait); a failure being handled completes first. */
    @Override
    public void close() {
        running = false;
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(POLL.multipliedBy(25).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{} did not stop within {} ms", thread.getName(), POLL.multipliedBy(25).toMillis());
        }
    }
}
