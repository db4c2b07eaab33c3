package io.ferrymq.it.storage;

import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatches;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A checksum of one replica, read from a stopped broker's files with no broker code: the SHA-256 of
 * the bytes of every stored batch whose last offset is below an end offset (the high watermark), in
 * offset order over the partition's segment files, whichever of the broker's log dirs holds them. Two
 * replicas with equal digests hold byte-identical batches below that offset, whatever their segment
 * boundaries. Stateless.
 */
final class ReplicaDigests {

    /** The digest of one replica and how many batches and bytes went into it. */
    record Digest(String sha256, int batches, long bytes) {
    }

    private ReplicaDigests() {
    }

    /** The digest of {@code <topic>-<partition>} in whichever of {@code logDirs} holds it. */
    static Digest of(List<Path> logDirs, String topic, int partition, long endOffset) {
        Path dir = logDirs.stream().map(d -> d.resolve(topic + "-" + partition)).filter(Files::isDirectory)
                .findFirst().orElseThrow(() -> new AssertionError("no replica of " + topic + "-" + partition
                        + " in any of " + logDirs));
        MessageDigest sha = sha256();
        int batches = 0;
        long bytes = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path segment : files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList()) {
                ByteBuffer content = ByteBuffer.wrap(Files.readAllBytes(segment));
                int position = 0;
                for (RecordBatch batch : RecordBatches.wrap(content)) {
                    if (batch.lastOffset() < endOffset) {
                        batch.ensureValid();
                        sha.update(content.slice(position, batch.sizeInBytes()));
                        batches++;
                        bytes += batch.sizeInBytes();
                    }
                    position += batch.sizeInBytes();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the segments of " + dir, e);
        }
        return new Digest(HexFormat.of().formatHex(sha.digest()), batches, bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
