package io.ferrymq.coordinator.election;

import io.ferrymq.coordinator.registry.BrokerRegistry;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;

/** What one broker's electors share (see {@link LeaderElectionService}). Immutable holder; thread-safe parts. */
record ElectorContext(
        CuratorFramework curator,
        BrokerRegistry registry,
        ElectionConfig config,
        LeadershipListener listener,
        ScheduledExecutorService executor,
        AtomicLong uncleanElections,
        AtomicReference<Thread> electionThread) {

    boolean isElectionThread() {
        return Thread.currentThread() == electionThread.get();
    }
}
