package io.ferrymq.tools.reassign;

import io.ferrymq.common.TopicPartition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code --verify} reports for each partition of a plan, as Kafka's tool words it: completed
 * (no reassignment runs and the replicas are the target), still in progress (listed by
 * ListPartitionReassignments), or neither (no reassignment runs but the replicas differ, e.g. after a
 * cancel or a later plan). Pure. Immutable.
 *
 * @param lines one line per partition, in plan order
 * @param allComplete whether every partition of the plan is completed
 */
public record ReassignmentStatus(List<String> lines, boolean allComplete) {

    public ReassignmentStatus {
        lines = List.copyOf(lines);
    }

    /**
     * @param plan the target of each partition
     * @param current each partition's replicas now (absent: the partition does not exist)
     * @param inProgress the partitions being reassigned now
     */
    public static ReassignmentStatus of(ReassignmentPlan plan, Map<TopicPartition, List<Integer>> current,
                                        Set<TopicPartition> inProgress) {
        List<String> lines = new ArrayList<>();
        boolean allComplete = true;
        for (Map.Entry<TopicPartition, List<Integer>> entry : plan.partitions().entrySet()) {
            TopicPartition tp = entry.getKey();
            String name = tp.topic() + "-" + tp.partition();
            List<Integer> replicas = current.get(tp);
            if (inProgress.contains(tp)) {
                lines.add("Reassignment of partition " + name + " is still in progress.");
                allComplete = false;
            } else if (replicas == null) {
                lines.add("Partition " + name + " does not exist.");
                allComplete = false;
            } else if (replicas.equals(entry.getValue())) {
                lines.add("Reassignment of partition " + name + " is completed.");
            } else {
                lines.add("There is no active reassignment of partition " + name + ", but replica set is "
                        + replicas + " rather than " + entry.getValue() + ".");
                allComplete = false;
            }
        }
        return new ReassignmentStatus(lines, allComplete);
    }
}
