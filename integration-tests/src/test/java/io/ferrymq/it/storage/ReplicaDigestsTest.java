package io.ferrymq.it.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaDigestsTest {

    @TempDir
    Path dir;

    @Test
    void theSameBatchesGiveTheSameDigestWhateverTheSegmentsAndTheLogDir() throws IOException {
        segment(dir.resolve("a/data"), 0, batch(0, "v0", "v1"), batch(2, "v2", "v3"), batch(4, "v4"));
        segment(dir.resolve("b/disk"), 0, batch(0, "v0", "v1"));
        segment(dir.resolve("b/disk"), 2, batch(2, "v2", "v3"), batch(4, "v4"));

        ReplicaDigests.Digest a = digest("a", 5);
        ReplicaDigests.Digest b = digest("b", 5);

        assertThat(b).isEqualTo(a);
        assertThat(a.batches()).isEqualTo(3);
        assertThat(a.bytes()).isEqualTo(Files.size(dir.resolve("a/data/t-0/" + name(0))));
    }

    @Test
    void batchesReachingTheEndOffsetAreLeftOut() throws IOException {
        segment(dir.resolve("a/data"), 0, batch(0, "v0", "v1"), batch(2, "v2"));
        segment(dir.resolve("b/data"), 0, batch(0, "v0", "v1"), batch(2, "v2"), batch(3, "v3", "v4"));

        assertThat(digest("b", 3)).isEqualTo(digest("a", 3));
        assertThat(digest("b", 4).batches()).as("a batch ending at the end offset").isEqualTo(2);
        assertThat(digest("b", 5)).isNotEqualTo(digest("a", 5));
    }

    @Test
    void oneDifferentValueGivesADifferentDigest() throws IOException {
        segment(dir.resolve("a/data"), 0, batch(0, "v0"), batch(1, "v1"));
        segment(dir.resolve("b/data"), 0, batch(0, "v0"), batch(1, "v2"));

        assertThat(digest("b", 2).sha256()).isNotEqualTo(digest("a", 2).sha256());
    }

    @Test
    void aMissingReplicaIsNamed() {
        assertThatThrownBy(() -> digest("a", 1)).isInstanceOf(AssertionError.class).hasMessageContaining("t-0");
    }

    private ReplicaDigests.Digest digest(String broker, long endOffset) {
        return ReplicaDigests.of(List.of(dir.resolve(broker + "/data"), dir.resolve(broker + "/disk")), "t", 0,
                endOffset);
    }

    private static void segment(Path logDir, long baseOffset, ByteBuffer... batches) throws IOException {
        Path partition = Files.createDirectories(logDir.resolve("t-0"));
        ByteBuffer all = ByteBuffer.allocate(4096);
        for (ByteBuffer batch : batches) {
            all.put(batch);
        }
        Files.write(partition.resolve(name(baseOffset)), Arrays.copyOf(all.array(), all.position()));
    }

    private static String name(long baseOffset) {
        return String.format("%020d.log", baseOffset);
    }

    private static ByteBuffer batch(long baseOffset, String... values) {
        RecordBatchBuilder builder = new RecordBatchBuilder(ByteBuffer.allocate(256), CompressionType.NONE, baseOffset);
        for (String value : values) {
            builder.append(0L, null, value.getBytes(StandardCharsets.UTF_8));
        }
        builder.build();
        return builder.buffer().flip();
    }
}
