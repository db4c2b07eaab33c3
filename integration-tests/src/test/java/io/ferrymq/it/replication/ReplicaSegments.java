package io.ferrymq.it.replication;

import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatches;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a stopped broker's segment files of one partition straight from disk (no broker code) and
 * describes each batch by base offset, last offset, leader epoch and CRC, so the replicas of a
 * partition can be compared batch for batch. Stateless.
 */
public final class ReplicaSegments {

    /** One stored batch. */
    public record BatchId(long baseOffset, long lastOffset, int leaderEpoch, long crc) {
    }

    private ReplicaSegments() {
    }

    /** Every batch of {@code <dataDir>/<topic>-<partition>/*.log} whose last offset is below {@code endOffset}. */
    public static List<BatchId> batchesBelow(Path dataDir, String topic, int partition, long endOffset) {
        Path dir = dataDir.resolve(topic + "-" + partition);
        List<BatchId> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path segment : files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList()) {
                ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
                for (RecordBatch batch : RecordBatches.wrap(bytes)) {
                    if (batch.lastOffset() < endOffset) {
                        batch.ensureValid();
                        out.add(new BatchId(batch.baseOffset(), batch.lastOffset(), batch.partitionLeaderEpoch(),
                                batch.crc()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading segments of " + dir, e);
        }
        return out;
    }
}
