package io.ferrymq.broker.log;

import io.ferrymq.common.TopicPartition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A per-log-dir checkpoint of one offset per partition ({@code recovery-point-offset-checkpoint},
 * {@code replication-offset-checkpoint}): Kafka's format, entries {@code <topic> <partition> <offset>},
 * written atomically through {@link CheckpointFile}. Thread-safe: writes are serialized on this object.
 */
public final class OffsetCheckpointFile {

    private final Path file;

    public OffsetCheckpointFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public synchronized void write(Map<TopicPartition, Long> offsets) {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(offsets).forEach((tp, offset) -> lines.add(tp.topic() + " " + tp.partition() + " " + offset));
        CheckpointFile.write(file, lines);
    }

    /**
     * The checkpointed offsets; empty when the file does not exist.
     *
     * @throws CorruptCheckpointException when a line does not parse
     */
    public synchronized Map<TopicPartition, Long> read() {
        Map<TopicPartition, Long> offsets = new TreeMap<>();
        for (String line : CheckpointFile.read(file).orElse(List.of())) {
            String[] parts = line.strip().split(" ");
            try {
                if (parts.length != 3) {
                    throw new NumberFormatException("expected 3 fields");
                }
                offsets.put(new TopicPartition(parts[0], Integer.parseInt(parts[1])), Long.parseLong(parts[2]));
            } catch (RuntimeException e) {
                throw new CorruptCheckpointException("checkpoint " + file + " has a bad line '" + line + "': "
                        + e.getMessage());
            }
        }
        return offsets;
    }
}
