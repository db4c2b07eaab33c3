package io.ferrymq.broker.group;

import io.ferrymq.common.Murmur2;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Which broker coordinates a group: the live broker at index
 * {@code toPositive(murmur2(utf8(groupId))) % liveCount} of the live broker ids in ascending order.
 * Every broker computes the same answer from the same live set; when the set changes, some groups
 * move and their members re-find the coordinator. Stateless and thread-safe.
 */
public final class CoordinatorSelector {

    private CoordinatorSelector() {
    }

    public static Optional<Integer> coordinatorFor(String groupId, Collection<Integer> liveBrokerIds) {
        if (liveBrokerIds.isEmpty()) {
            return Optional.empty();
        }
        List<Integer> sorted = liveBrokerIds.stream().sorted().toList();
        return Optional.of(sorted.get(stripe(groupId, sorted.size())));
    }

    /** {@code toPositive(murmur2(utf8(key))) % buckets}. */
    public static int stripe(String key, int buckets) {
        return Murmur2.toPositive(Murmur2.hash(key.getBytes(StandardCharsets.UTF_8))) % buckets;
    }
}
