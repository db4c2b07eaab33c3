package io.ferrymq.tools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses Kafka's {@code --replica-assignment} syntax: partitions separated by commas in partition
 * order, the broker ids of one partition's replicas by colons, the first being the preferred
 * leader ({@code 0:1:2,1:2:0} is partitions 0 and 1 with three replicas each). Refuses an empty
 * partition, an id that is not a non-negative integer, a broker listed twice in one partition and
 * partitions with different replica counts, naming the partition at fault. Whether the brokers
 * exist is the broker's check. Stateless and thread-safe.
 */
final class ReplicaAssignmentParser {

    private ReplicaAssignmentParser() {
    }

    /**
     * @return partition → replicas, partitions numbered 0..n-1 in the order given
     * @throws IllegalArgumentException naming what is wrong
     */
    static Map<Integer, List<Integer>> parse(String text) {
        String[] groups = text.split(",", -1);
        Map<Integer, List<Integer>> assignment = new LinkedHashMap<>();
        for (int p = 0; p < groups.length; p++) {
            List<Integer> replicas = parsePartition(p, groups[p].trim());
            int expected = p == 0 ? replicas.size() : assignment.get(0).size();
            if (replicas.size() != expected) {
                throw new IllegalArgumentException("partition " + p + " has " + replicas.size() + " replicas ("
                        + groups[p].trim() + ") but partition 0 has " + expected
                        + "; every partition needs the same number of replicas");
            }
            assignment.put(p, replicas);
        }
        return assignment;
    }

    private static List<Integer> parsePartition(int partition, String group) {
        if (group.isEmpty()) {
            throw new IllegalArgumentException("partition " + partition
                    + " has no replicas (an empty entry between commas)");
        }
        List<Integer> replicas = new ArrayList<>();
        for (String id : group.split(":", -1)) {
            int broker = parseBrokerId(partition, id.trim());
            if (replicas.contains(broker)) {
                throw new IllegalArgumentException("partition " + partition + " lists broker " + broker
                        + " more than once (" + group + ")");
            }
            replicas.add(broker);
        }
        return replicas;
    }

    private static int parseBrokerId(int partition, String id) {
        try {
            int broker = Integer.parseInt(id);
            if (broker >= 0) {
                return broker;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("partition " + partition + ": broker id '" + id
                    + "' is not a non-negative integer", e);
        }
        throw new IllegalArgumentException("partition " + partition + ": broker id " + id + " is negative");
    }
}
