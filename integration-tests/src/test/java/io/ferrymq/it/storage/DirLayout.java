package io.ferrymq.it.storage;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.metadata.PartitionState;
import io.ferrymq.it.harness.FerryCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Where one broker's replicas of a topic live before a fault: the partitions whose directory is in the
 * failing log dir, split by whether the broker leads them (those leaderships must move) or follows them,
 * and the partitions it leads from its healthy log dirs (those must stay). Immutable.
 */
record DirLayout(Set<Integer> ledOnFailingDir, Set<Integer> followedOnFailingDir, Set<Integer> ledElsewhere) {

    /** Reads the partition directories of {@code failingDir} and the leaders from ZooKeeper. */
    static DirLayout read(FerryCluster cluster, String topic, int partitions, int broker, Path failingDir) {
        Set<Integer> onDir = partitionsIn(failingDir, topic);
        Set<Integer> led = new TreeSet<>();
        Set<Integer> followed = new TreeSet<>();
        Set<Integer> ledElsewhere = new TreeSet<>();
        for (int p = 0; p < partitions; p++) {
            PartitionState state = cluster.partitionState(new TopicPartition(topic, p)).orElseThrow();
            boolean leads = state.leader() == broker;
            if (onDir.contains(p)) {
                (leads ? led : followed).add(p);
            } else if (leads) {
                ledElsewhere.add(p);
            }
        }
        return new DirLayout(Set.copyOf(led), Set.copyOf(followed), Set.copyOf(ledElsewhere));
    }

    /** Every partition with a replica in the failing dir. */
    Set<Integer> onFailingDir() {
        Set<Integer> all = new TreeSet<>(ledOnFailingDir);
        all.addAll(followedOnFailingDir);
        return all;
    }

    private static Set<Integer> partitionsIn(Path logDir, String topic) {
        try (Stream<Path> dirs = Files.list(logDir)) {
            Set<Integer> out = new TreeSet<>();
            dirs.map(d -> d.getFileName().toString()).filter(n -> n.startsWith(topic + "-"))
                    .forEach(n -> out.add(Integer.parseInt(n.substring(topic.length() + 1))));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + logDir, e);
        }
    }
}
