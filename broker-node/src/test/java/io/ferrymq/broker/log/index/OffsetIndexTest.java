package io.ferrymq.broker.log.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OffsetIndexTest {

    @TempDir
    Path tempDir;

    @Test
    void lookupFindsTheLargestEntryAtOrBelowTheTarget() {
        try (OffsetIndex index = OffsetIndex.open(tempDir.resolve("a.index"), 100, 1024)) {
            index.append(105, 1000);
            index.append(110, 2000);
            index.append(150, 3000);
            assertThat(index.lookup(99)).isEqualTo(new OffsetPosition(100, 0));
            assertThat(index.lookup(104)).isEqualTo(new OffsetPosition(100, 0));
            assertThat(index.lookup(105)).isEqualTo(new OffsetPosition(105, 1000));
            assertThat(index.lookup(149)).isEqualTo(new OffsetPosition(110, 2000));
            assertThat(index.lookup(1000)).isEqualTo(new OffsetPosition(150, 3000));
            assertThat(index.lookupByPosition(2999, Long.MAX_VALUE)).isEqualTo(new OffsetPosition(110, 2000));
            assertThat(index.lookupByPosition(5000, 150)).isEqualTo(new OffsetPosition(110, 2000));
        }
    }

    @Test
    void entriesAreWrittenInKafkasFormatAndSurviveReopen() throws Exception {
        Path path = tempDir.resolve("b.index");
        try (OffsetIndex index = OffsetIndex.open(path, 1000, 1024)) {
            index.append(1001, 7);
            index.append(1300, 0x10203);
        }
        assertThat(Files.readAllBytes(path)).containsExactly(0, 0, 0, 1, 0, 0, 0, 7, 0, 0, 1, 44, 0, 1, 2, 3);
        try (OffsetIndex index = OffsetIndex.open(path, 1000, 1024)) {
            assertThat(index.entries()).isEqualTo(2);
            assertThat(index.lastEntry()).isEqualTo(new OffsetPosition(1300, 0x10203));
            index.truncateTo(1300);
            assertThat(index.entries()).isEqualTo(1);
        }
        assertThat(Files.size(path)).isEqualTo(8);
    }

    @Test
    void entriesReachTheFileInChunksAndATruncationSurvivesReopen() throws Exception {
        Path path = tempDir.resolve("chunks.index");
        try (OffsetIndex index = OffsetIndex.open(path, 0, 1 << 20)) {
            for (int i = 1; i <= 1300; i++) {
                index.append(i, i * 10);
            }
            assertThat(Files.size(path)).isEqualTo(1024L * OffsetIndex.ENTRY_SIZE);
            index.truncateTo(1100);
            assertThat(index.entries()).isEqualTo(1099);
            assertThat(Files.size(path)).isEqualTo(1024L * OffsetIndex.ENTRY_SIZE);
            index.truncateTo(700);
            assertThat(Files.size(path)).isEqualTo(699L * OffsetIndex.ENTRY_SIZE);
            index.append(700, 7005);
        }
        try (OffsetIndex index = OffsetIndex.open(path, 0, 1 << 20)) {
            assertThat(index.entries()).isEqualTo(700);
            assertThat(index.lastEntry()).isEqualTo(new OffsetPosition(700, 7005));
            assertThat(index.lookup(650)).isEqualTo(new OffsetPosition(650, 6500));
        }
    }

    @Test
    void fullAndOutOfOrderAppendsAreBugs() {
        try (OffsetIndex index = OffsetIndex.open(tempDir.resolve("c.index"), 0, 16)) {
            index.append(1, 10);
            assertThatThrownBy(() -> index.append(1, 20)).isInstanceOf(IllegalStateException.class);
            index.append(2, 20);
            assertThat(index.isFull()).isTrue();
            assertThatThrownBy(() -> index.append(3, 30)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("full");
        }
    }

    @Test
    void malformedFilesFailTheirChecks() throws Exception {
        Path partial = tempDir.resolve("d.index");
        Files.write(partial, new byte[12]);
        assertThatThrownBy(() -> OffsetIndex.open(partial, 0, 1024)).isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("not a multiple of 8");
        Path disordered = tempDir.resolve("e.index");
        Files.write(disordered, new byte[] {0, 0, 0, 5, 0, 0, 0, 50, 0, 0, 0, 3, 0, 0, 0, 60});
        try (OffsetIndex index = OffsetIndex.open(disordered, 0, 1024)) {
            assertThatThrownBy(() -> index.sanityCheck(100, Long.MAX_VALUE)).isInstanceOf(CorruptIndexException.class);
        }
        Path pastLog = tempDir.resolve("f.index");
        Files.write(pastLog, new byte[] {0, 0, 0, 5, 0, 0, 0, 50});
        try (OffsetIndex index = OffsetIndex.open(pastLog, 0, 1024)) {
            assertThatThrownBy(() -> index.sanityCheck(50, Long.MAX_VALUE)).isInstanceOf(CorruptIndexException.class);
            index.sanityCheck(51, 6);
        }
    }
}
