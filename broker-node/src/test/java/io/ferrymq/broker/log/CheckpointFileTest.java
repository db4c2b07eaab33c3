package io.ferrymq.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.TopicPartition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {

    @TempDir
    Path tempDir;

    @Test
    void offsetsRoundTripInKafkasTextFormatWithoutTempFilesLeft() throws Exception {
        Path path = tempDir.resolve(LogFiles.HIGH_WATERMARK_CHECKPOINT);
        OffsetCheckpointFile file = new OffsetCheckpointFile(path);
        assertThat(file.read()).isEmpty();
        file.write(Map.of(new TopicPartition("b", 1), 7L, new TopicPartition("a", 0), 42L));
        assertThat(Files.readString(path)).isEqualTo("0\n2\na 0 42\nb 1 7\n");
        assertThat(file.read()).containsExactlyInAnyOrderEntriesOf(
                Map.of(new TopicPartition("b", 1), 7L, new TopicPartition("a", 0), 42L));
        file.write(Map.of());
        assertThat(file.read()).isEmpty();
        assertThat(Files.exists(LogFiles.tempFile(path))).isFalse();
    }

    @Test
    void anUnsyncedWriteReplacesTheFileWholeAndLeavesNoTempFile() throws Exception {
        Path path = tempDir.resolve(LogFiles.LEADER_EPOCH_CHECKPOINT);
        CheckpointFile.write(path, List.of("1 0"));
        CheckpointFile.writeUnsynced(path, List.of("1 0", "4 120"));
        CheckpointFile.sync(path);

        assertThat(CheckpointFile.read(path)).contains(List.of("1 0", "4 120"));
        assertThat(Files.readString(path)).isEqualTo("0\n2\n1 0\n4 120\n");
        try (var files = Files.list(tempDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(LogFiles.LEADER_EPOCH_CHECKPOINT);
        }
    }

    @Test
    void corruptCheckpointsAreReportedWithTheFileName() throws Exception {
        Path path = tempDir.resolve(LogFiles.RECOVERY_POINT_CHECKPOINT);
        Files.writeString(path, "0\n2\na 0 42\n");
        assertThatThrownBy(() -> new OffsetCheckpointFile(path).read())
                .isInstanceOf(CorruptCheckpointException.class).hasMessageContaining(path.toString());
        Files.writeString(path, "0\n1\na zero 42\n");
        assertThatThrownBy(() -> new OffsetCheckpointFile(path).read()).isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("bad line");
        Files.writeString(path, "9\n0\n");
        assertThatThrownBy(() -> new OffsetCheckpointFile(path).read()).isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("version");
    }
}
