package io.ferrymq.common.config;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The value of a topic's {@code leader.replication.throttled.replicas} or
 * {@code follower.replication.throttled.replicas}, Kafka's format: {@code *} (every replica of the
 * topic) or a list of {@code partition:broker} pairs ({@code 0:101,0:102,1:101}); an empty list throttles
 * nothing. Parsed by {@link #parse}, which also serves as the keys' {@link Validator}
 * ({@link #VALIDATOR}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param all {@code *}: every replica of the topic is throttled
 * @param replicas the listed {@code (partition, broker)} pairs when not {@code all}
 */
public record ThrottledReplicas(boolean all, Set<Replica> replicas) {

    /** Nothing throttled. */
    public static final ThrottledReplicas NONE = new ThrottledReplicas(false, Set.of());

    /** Checks a parsed list value by {@link #parse}. */
    public static final Validator VALIDATOR = new Validator() {
        @Override
        public void ensureValid(String key, Object value) {
            List<?> items = (List<?>) value;
            parse(key, items.stream().map(String::valueOf).toList());
        }

        @Override
        public String describe() {
            return "* or a list of partition:broker";
        }
    };

    public ThrottledReplicas {
        replicas = Set.copyOf(replicas);
    }

    /** One replica: partition {@code partition}'s copy on broker {@code broker}. */
    public record Replica(int partition, int broker) {
    }

    /**
     * Parses the items of the list value of {@code key}; throws a {@link ConfigException} naming the key
     * and the first item that is neither {@code *} alone nor {@code partition:broker} with two
     * non-negative ints.
     */
    public static ThrottledReplicas parse(String key, List<String> items) {
        List<String> trimmed = items.stream().map(String::trim).filter(item -> !item.isEmpty()).toList();
        if (trimmed.size() == 1 && trimmed.get(0).equals("*")) {
            return new ThrottledReplicas(true, Set.of());
        }
        return new ThrottledReplicas(false, trimmed.stream().map(item -> replica(key, items, item))
                .collect(Collectors.toSet()));
    }

    private static Replica replica(String key, List<String> items, String item) {
        int colon = item.indexOf(':');
        try {
            if (colon > 0) {
                int partition = Integer.parseInt(item.substring(0, colon).trim());
                int broker = Integer.parseInt(item.substring(colon + 1).trim());
                if (partition >= 0 && broker >= 0) {
                    return new Replica(partition, broker);
                }
            }
        } catch (NumberFormatException e) {
            // reported below with the whole value
        }
        throw ConfigException.invalid(key, String.join(",", items), "'" + item + "' is not partition:broker; "
                + "expected * or a list of partition:broker (e.g. 0:101,1:102)");
    }

    /** Whether partition {@code partition}'s replica on {@code broker} is throttled. */
    public boolean includes(int partition, int broker) {
        return all || replicas.contains(new Replica(partition, broker));
    }
}
