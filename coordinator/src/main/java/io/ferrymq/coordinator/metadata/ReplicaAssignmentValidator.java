package io.ferrymq.coordinator.metadata;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pure validation of an explicit replica assignment (partition → broker ids, preferred leader
 * first), with Kafka's rules: at least one partition; partitions numbered 0..n-1 without gaps;
 * every partition with the same, non-zero number of replicas; no broker twice in one partition;
 * every broker id registered. Every failure is an {@link io.ferrymq.common.errors.ApiException}
 * with {@link ErrorCode#INVALID_REPLICA_ASSIGNMENT} and a message naming the partition or brokers
 * at fault. Stateless and thread-safe.
 */
public final class ReplicaAssignmentValidator {

    private ReplicaAssignmentValidator() {
    }

    /**
     * @param registeredBrokers ids of the brokers registered now
     * @return the replication factor (replicas per partition)
     */
    public static int validate(Map<Integer, List<Integer>> assignment, Set<Integer> registeredBrokers) {
        if (assignment.isEmpty()) {
            throw invalid("the replica assignment has no partitions");
        }
        TreeSet<Integer> partitions = new TreeSet<>(assignment.keySet());
        if (partitions.first() != 0 || partitions.last() != partitions.size() - 1) {
            throw invalid("partitions must be numbered 0.." + (partitions.size() - 1) + " without gaps, got "
                    + partitions);
        }
        int replicationFactor = assignment.get(0).size();
        Set<Integer> unknown = new TreeSet<>();
        for (int p : partitions) {
            List<Integer> replicas = assignment.get(p);
            checkPartition(p, replicas, replicationFactor);
            replicas.stream().filter(id -> !registeredBrokers.contains(id)).forEach(unknown::add);
        }
        if (!unknown.isEmpty()) {
            throw invalid("unknown broker(s) " + unknown + " in the replica assignment; registered brokers are "
                    + new TreeSet<>(registeredBrokers));
        }
        return replicationFactor;
    }

    private static void checkPartition(int partition, List<Integer> replicas, int replicationFactor) {
        if (replicas.isEmpty()) {
            throw invalid("partition " + partition + " has no replicas");
        }
        if (replicas.size() != replicationFactor) {
            throw invalid("partition " + partition + " has " + replicas.size() + " replicas " + replicas
                    + " but partition 0 has " + replicationFactor + "; every partition needs the same number");
        }
        if (new HashSet<>(replicas).size() != replicas.size()) {
            throw invalid("partition " + partition + " lists a broker more than once: " + replicas);
        }
    }

    private static ApiException invalid(String message) {
        return ErrorCode.INVALID_REPLICA_ASSIGNMENT.exception(message);
    }
}
