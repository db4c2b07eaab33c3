package io.ferrymq.broker.replication;

import io.ferrymq.broker.partition.Partition;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first half of a controlled shutdown: every partition led here refuses new appends (producers
 * get the retriable {@code NOT_LEADER_OR_FOLLOWER} and go to the next leader), then the broker waits
 * until each such partition's high watermark reaches its log end — every in-sync follower has the
 * whole log and every pending acks=all request has been answered — or the configured bound runs
 * out. Then leaving the latches hands leadership to a caught-up in-sync follower, with no
 * acknowledged write lost and no appended-but-unanswered write for a producer to duplicate.
 *
 * <p>Runs on the caller's thread; not reusable.
 */
final class ControlledShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(ControlledShutdown.class);
    private static final long POLL_MS = 10;

    private final ReplicationConfig config;
    private final Clock clock;
    private final HostedPartitions partitions;

    ControlledShutdown(ReplicationConfig config, Clock clock, HostedPartitions partitions) {
        this.config = config;
        this.clock = clock;
        this.partitions = partitions;
    }

    void drainLeaders() {
        List<Partition> led = partitions.leaders();
        led.forEach(Partition::beginResign);
        long deadline = clock.millis() + config.controlledShutdownTimeout().toMillis();
        List<Partition> waiting = pending(led);
        while (!waiting.isEmpty() && clock.millis() < deadline) {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            waiting = pending(waiting);
        }
        if (waiting.isEmpty()) {
            LOG.info("Controlled shutdown: all {} led partitions fully replicated; handing over", led.size());
        } else {
            LOG.warn("Controlled shutdown: {} of {} led partitions still not fully replicated after {} ms: {}",
                    waiting.size(), led.size(), config.controlledShutdownTimeout().toMillis(),
                    waiting.stream().map(Partition::topicPartition).toList());
        }
    }

    private static List<Partition> pending(List<Partition> partitions) {
        return partitions.stream().filter(p -> p.isLeader() && !p.isFullyCommitted()).toList();
    }
}
