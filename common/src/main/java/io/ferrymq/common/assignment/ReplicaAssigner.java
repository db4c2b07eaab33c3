package io.ferrymq.common.assignment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pure replica-assignment function. Brokers are ordered by id, or, when every broker has a
 * rack, interleaved across racks (first broker of each rack, then the second, ...). Partition
 * {@code p}'s leader (first replica) is {@code order[(startIndex + p) % n]}: round robin with a
 * start the caller chooses (at random for a new topic, as Kafka does, so topics do not all start
 * on the same broker), so leader counts differ by at most one. Followers are then picked per
 * partition: distinct brokers, on racks not yet used by the partition while any remain, among
 * those the broker whose remaining quota is most urgent (fewest partitions left where it could
 * still take a follower), ties broken by a distance from the leader that shifts every {@code n}
 * partitions. Quotas make total replica counts per broker differ by at most one without racks
 * (with racks, rack spreading comes first and counts may differ by two).
 *
 * <p>Stateless and thread-safe; no I/O, no randomness, no clock.
 */
public final class ReplicaAssigner {

    private ReplicaAssigner() {
    }

    /**
     * Assigns partitions {@code firstPartition .. firstPartition+count-1}.
     *
     * @throws IllegalArgumentException when brokers are empty or duplicated, count &lt; 0, or the
     *     replication factor is not within [1, number of brokers]
     */
    public static Map<Integer, List<Integer>> assign(List<BrokerPlacement> brokers, int replicationFactor,
                                                     int firstPartition, int count, int startIndex) {
        validate(brokers, replicationFactor, firstPartition, count);
        List<BrokerPlacement> order = order(brokers);
        int n = order.size();
        int start = Math.floorMod(startIndex, n);
        int last = firstPartition + count - 1;
        int[] quota = followerQuotas(n, replicationFactor, firstPartition, count, start);
        Map<Integer, List<Integer>> assignment = new LinkedHashMap<>();
        for (int p = firstPartition; p <= last; p++) {
            assignment.put(p, replicasOf(order, quota, p, last, start, replicationFactor));
        }
        return assignment;
    }

    private static List<Integer> replicasOf(List<BrokerPlacement> order, int[] quota, int p, int last,
                                            int start, int replicationFactor) {
        int n = order.size();
        int leaderIndex = (start + p) % n;
        int shift = n > 1 ? (p / n) % (n - 1) : 0;
        List<Integer> chosen = new ArrayList<>(List.of(leaderIndex));
        Set<String> usedRacks = new HashSet<>();
        order.get(leaderIndex).rack().ifPresent(usedRacks::add);
        for (int j = 1; j < replicationFactor; j++) {
            boolean freeRackExists = false;
            for (int i = 0; i < n; i++) {
                freeRackExists |= !chosen.contains(i) && isOnFreeRack(order.get(i), usedRacks);
            }
            int pick = -1;
            long pickKey = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                if (chosen.contains(i) || (freeRackExists && !isOnFreeRack(order.get(i), usedRacks))) {
                    continue;
                }
                long key = urgency(i, quota[i], p, last, start, n, leaderIndex, shift);
                if (key < pickKey) {
                    pick = i;
                    pickKey = key;
                }
            }
            chosen.add(pick);
            quota[pick]--;
            order.get(pick).rack().ifPresent(usedRacks::add);
        }
        return chosen.stream().map(i -> order.get(i).id()).toList();
    }

    /**
     * Orders follower candidates: those with quota left first, then the most urgent (fewest remaining
     * partitions where the broker could still take a follower, relative to its quota), then by a
     * distance from the leader that shifts every n partitions. Smaller is picked first.
     */
    private static long urgency(int index, int quota, int p, int last, int start, int n, int leaderIndex, int shift) {
        long exhausted = quota <= 0 ? 1 : 0;
        long slack = remainingSlots(index, p, last, start, n) - quota + (1L << 31);
        long distance = Math.floorMod(index - leaderIndex - 1 - shift, n);
        return (exhausted << 62) | (slack << 16) | distance;
    }

    private static boolean isOnFreeRack(BrokerPlacement broker, Set<String> usedRacks) {
        return broker.rack().isEmpty() || !usedRacks.contains(broker.rack().get());
    }

    /** Partitions after {@code p} (up to {@code last}) not led by the broker at {@code index}. */
    private static int remainingSlots(int index, int p, int last, int start, int n) {
        int remaining = last - p;
        return remaining - countCongruent(p + 1, last, Math.floorMod(index - start, n), n);
    }

    /** How many integers in [lo, hi] are congruent to r modulo n. */
    private static int countCongruent(int lo, int hi, int r, int n) {
        if (lo > hi) {
            return 0;
        }
        int first = lo + Math.floorMod(r - lo, n);
        return first > hi ? 0 : (hi - first) / n + 1;
    }

    /** Follower slots per broker index, so that totals are within one, the extra slots going to the most-leading brokers. */
    private static int[] followerQuotas(int n, int replicationFactor, int firstPartition, int count, int start) {
        int[] leaders = new int[n];
        for (int p = firstPartition; p < firstPartition + count; p++) {
            leaders[(start + p) % n]++;
        }
        long total = (long) count * replicationFactor;
        int base = (int) (total / n);
        int extra = (int) (total % n);
        List<Integer> byLeaders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byLeaders.add(i);
        }
        byLeaders.sort(Comparator.comparingInt((Integer i) -> -leaders[i])
                .thenComparingInt(i -> Math.floorMod(i - start, n)));
        int[] quota = new int[n];
        for (int rank = 0; rank < n; rank++) {
            int i = byLeaders.get(rank);
            quota[i] = base + (rank < extra ? 1 : 0) - leaders[i];
        }
        return quota;
    }

    private static List<BrokerPlacement> order(List<BrokerPlacement> brokers) {
        List<BrokerPlacement> byId = new ArrayList<>(brokers);
        byId.sort(Comparator.comparingInt(BrokerPlacement::id));
        if (byId.stream().anyMatch(b -> b.rack().isEmpty())) {
            return byId.stream().map(b -> BrokerPlacement.of(b.id())).toList();
        }
        TreeMap<String, List<BrokerPlacement>> byRack = new TreeMap<>();
        byId.forEach(b -> byRack.computeIfAbsent(b.rack().get(), r -> new ArrayList<>()).add(b));
        List<BrokerPlacement> interleaved = new ArrayList<>(byId.size());
        for (int round = 0; interleaved.size() < byId.size(); round++) {
            for (List<BrokerPlacement> rack : byRack.values()) {
                if (round < rack.size()) {
                    interleaved.add(rack.get(round));
                }
            }
        }
        return interleaved;
    }

    private static void validate(List<BrokerPlacement> brokers, int replicationFactor, int firstPartition, int count) {
        if (brokers.isEmpty()) {
            throw new IllegalArgumentException("no live brokers to assign replicas to");
        }
        if (brokers.stream().map(BrokerPlacement::id).distinct().count() != brokers.size()) {
            throw new IllegalArgumentException("duplicate broker ids in " + brokers);
        }
        if (replicationFactor < 1 || replicationFactor > brokers.size()) {
            throw new IllegalArgumentException("replication factor " + replicationFactor + " must be within [1, "
                    + brokers.size() + "] (live brokers)");
        }
        if (count < 0 || firstPartition < 0) {
            throw new IllegalArgumentException("partitions to assign must be >= 0, was " + count + " from " + firstPartition);
        }
    }
}
