package io.ferrymq.broker.replication;

import io.ferrymq.broker.partition.Partition;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.MetadataStore;
import io.ferrymq.coordinator.metadata.PartitionReassignment;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.coordinator.metadata.ReassignmentPolicy;
import io.ferrymq.coordinator.metadata.TopicMetadata;
import io.ferrymq.coordinator.metadata.Versioned;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's step of a partition reassignment (DESIGN.md, "Reassignment"): once every target
 * replica is in the ISR that ZooKeeper holds, write the target as the partition's assignment
 * ({@link MetadataStore#completeReassignment}, a conditional write of the topic znode). The rest
 * follows from other rules: replicas no longer assigned are dropped from the ISR by the next shrink
 * ({@code LeaderState}) and delete themselves ({@link ReplicaLifecycle}), a removed leader resigning
 * by leaving its latch. Checked on the ISR thread after every ISR change, after a change of the
 * topic and at every periodic shrink check, so a new leader after a crash re-does the step.
 *
 * <p>Used only on the ISR thread; holds no state.
 */
final class ReassignmentDriver {

    private static final Logger LOG = LoggerFactory.getLogger(ReassignmentDriver.class);

    private final MetadataStore metadata;
    private final int brokerId;

    ReassignmentDriver(MetadataStore metadata, int brokerId) {
        this.metadata = metadata;
        this.brokerId = brokerId;
    }

    /** Completes the partition's reassignment if this broker leads it and every target replica is in the ISR. */
    void maybeComplete(Partition partition) {
        TopicPartition tp = partition.topicPartition();
        Optional<TopicMetadata> topic = metadata.topic(tp.topic());
        Optional<PartitionReassignment> running = topic.flatMap(t -> t.reassignment(tp.partition()));
        if (running.isEmpty() || !partition.isLeader()) {
            return;
        }
        ReassignmentPolicy.Assignment assignment = topic.get().assignmentOf(tp.partition());
        Optional<PartitionState> state = metadata.partitionState(tp).map(Versioned::value);
        if (state.isPresent() && ReassignmentPolicy.shouldComplete(brokerId, assignment, state.get())) {
            boolean written = metadata.completeReassignment(tp, running.get());
            LOG.info("{}: every target replica of {} is in the ISR {}; completing the reassignment: {}", tp,
                    ReassignmentPolicy.target(assignment), state.get().isr(), written ? "written" : "already changed");
        }
    }
}
