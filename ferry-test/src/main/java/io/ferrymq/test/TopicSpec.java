package io.ferrymq.test;

/**
 * A topic a {@link FerryTestCluster} creates when it starts: its name, partition count and
 * replication factor (at most the number of brokers). Immutable.
 */
public record TopicSpec(String name, int partitions, int replicationFactor) {

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a topic needs a name");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1, not " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("topic " + name + ": the replication factor must be at least 1, not "
                    + replicationFactor);
        }
    }
}
