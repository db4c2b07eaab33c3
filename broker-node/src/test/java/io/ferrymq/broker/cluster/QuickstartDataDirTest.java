package io.ferrymq.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartDataDirTest {

    @TempDir
    Path tmp;

    @Test
    void aNewDirectoryIsCreatedAndMarked() {
        QuickstartDataDir.Cleanup cleanup = QuickstartDataDir.prepare(tmp.resolve("qs"), Duration.ofSeconds(1));
        assertThat(cleanup.removedOldData()).isFalse();
        assertThat(cleanup.stoppedProcesses()).isEmpty();
        assertThat(tmp.resolve("qs").resolve(QuickstartDataDir.MARKER)).exists();
    }

    @Test
    void theDataOfAnEarlierRunIsWiped() throws Exception {
        Path dir = tmp.resolve("qs");
        QuickstartDataDir.prepare(dir, Duration.ofSeconds(1));
        Files.createDirectories(dir.resolve("broker-1/data/demo-0"));
        Files.writeString(dir.resolve("broker-1/data/demo-0/00000000000000000000.log"), "old");

        QuickstartDataDir.Cleanup cleanup = QuickstartDataDir.prepare(dir, Duration.ofSeconds(1));

        assertThat(cleanup.removedOldData()).isTrue();
        assertThat(dir.resolve("broker-1")).doesNotExist();
        assertThat(dir.resolve(QuickstartDataDir.MARKER)).exists();
    }

    @Test
    void aForeignNonEmptyDirectoryIsRefusedAndKept() throws Exception {
        Files.writeString(tmp.resolve("precious.txt"), "keep me");
        assertThatThrownBy(() -> QuickstartDataDir.prepare(tmp, Duration.ofSeconds(1)))
                .isInstanceOf(ClusterException.class).hasMessageContaining("not created by ferry quickstart");
        assertThat(tmp.resolve("precious.txt")).hasContent("keep me");
    }
}
