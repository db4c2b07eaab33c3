package io.ferrymq.broker.log.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeIndexTest {

    @TempDir
    Path tempDir;

    @Test
    void onlyIncreasingTimestampsAreKeptAndLookupIsStrictlyBefore() throws Exception {
        Path path = tempDir.resolve("a.timeindex");
        try (TimeIndex index = TimeIndex.open(path, 10, 1024)) {
            index.maybeAppend(100, 12, false);
            index.maybeAppend(100, 13, false);
            index.maybeAppend(90, 14, false);
            index.maybeAppend(200, 20, false);
            assertThat(index.entries()).isEqualTo(2);
            assertThat(index.lookupBefore(100)).isEqualTo(new TimestampOffset(-1, 10));
            assertThat(index.lookupBefore(101)).isEqualTo(new TimestampOffset(100, 12));
            assertThat(index.lookupBefore(1000)).isEqualTo(new TimestampOffset(200, 20));
        }
        assertThat(Files.readAllBytes(path)).hasSize(24);
        try (TimeIndex index = TimeIndex.open(path, 10, 1024)) {
            assertThat(index.lastEntry()).isEqualTo(new TimestampOffset(200, 20));
            index.sanityCheck(21);
            assertThatThrownBy(() -> index.sanityCheck(20)).isInstanceOf(CorruptIndexException.class);
        }
    }

    @Test
    void entriesReachTheFileInChunksAndATruncationSurvivesReopen() throws Exception {
        Path path = tempDir.resolve("chunks.timeindex");
        try (TimeIndex index = TimeIndex.open(path, 0, 1 << 20)) {
            for (int i = 1; i <= 600; i++) {
                index.maybeAppend(1000L + i, i, false);
            }
            assertThat(Files.size(path)).isEqualTo(512L * TimeIndex.ENTRY_SIZE);
            index.truncateTo(300);
            assertThat(Files.size(path)).isEqualTo(299L * TimeIndex.ENTRY_SIZE);
        }
        try (TimeIndex index = TimeIndex.open(path, 0, 1 << 20)) {
            assertThat(index.entries()).isEqualTo(299);
            assertThat(index.lastEntry()).isEqualTo(new TimestampOffset(1299, 299));
        }
    }

    @Test
    void finalEntryMayGoPastTheLimit() {
        try (TimeIndex index = TimeIndex.open(tempDir.resolve("b.timeindex"), 0, 12)) {
            index.maybeAppend(1, 1, false);
            assertThat(index.isFull()).isTrue();
            assertThatThrownBy(() -> index.maybeAppend(2, 2, false)).isInstanceOf(IllegalStateException.class);
            index.maybeAppend(2, 2, true);
            assertThat(index.entries()).isEqualTo(2);
        }
    }
}
