package io.ferrymq.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogDirFailureChannelTest {

    private static final Path D1 = Path.of("/data/d1");
    private static final Path D2 = Path.of("/data/d2");

    private final LogDirFailureChannel channel = new LogDirFailureChannel();

    @Test
    void aDirGoesOfflineOnceAndIsHandedToTheHandlerOnce() throws InterruptedException {
        IOException full = new IOException("No space left on device");

        assertThat(channel.maybeAddOfflineLogDir(D1, "leader append of t-0", full)).isTrue();
        assertThat(channel.maybeAddOfflineLogDir(D1, "flushing t-1", full)).isFalse();

        assertThat(channel.isOffline(D1)).isTrue();
        assertThat(channel.isOffline(D2)).isFalse();
        assertThat(channel.offlineLogDirs()).containsExactly(D1);
        LogDirFailureChannel.OfflineLogDir first = channel.pollNextOfflineLogDir(Duration.ZERO).orElseThrow();
        assertThat(first.dir()).isEqualTo(D1);
        assertThat(first.reason()).contains("leader append of t-0").contains("No space left on device");
        assertThat(channel.pollNextOfflineLogDir(Duration.ZERO)).isEmpty();
    }

    @Test
    void onlyIoErrorsThatAreNotAClosedChannelAreStorageFailures() {
        assertThat(LogDirFailureChannel.isStorageFailure(new UncheckedIOException(new IOException("EIO")))).isTrue();
        assertThat(LogDirFailureChannel.isStorageFailure(
                new IllegalStateException("wrapped", new IOException("Read-only file system")))).isTrue();
        assertThat(LogDirFailureChannel.isStorageFailure(new UncheckedIOException(new ClosedChannelException())))
                .isFalse();
        assertThat(LogDirFailureChannel.isStorageFailure(new IllegalStateException("log is closed"))).isFalse();
    }

    @Test
    void guardTakesTheDirOfflineOnADiskErrorAndRethrowsIt() {
        UncheckedIOException eio = new UncheckedIOException("cannot write segment", new IOException("Input/output error"));

        assertThatThrownBy(() -> channel.guard(D2, "follower append of t-0", () -> {
            throw eio;
        })).isSameAs(eio);

        assertThat(channel.offlineLogDirs()).containsExactly(D2);
    }

    @Test
    void guardAlsoSeesADiskErrorWrappedInAnotherException() {
        IllegalStateException refused = new IllegalStateException("a failed append could not be undone",
                new UncheckedIOException(new IOException("Input/output error")));

        assertThatThrownBy(() -> channel.guardRun(D1, "leader append of t-0", () -> {
            throw refused;
        })).isSameAs(refused);

        assertThat(channel.isOffline(D1)).isTrue();
    }

    @Test
    void guardLeavesTheDirOnlineForOtherFailuresAndPassesResultsThrough() {
        UncheckedIOException closed = new UncheckedIOException("closed", new ClosedChannelException());

        assertThat(channel.guard(D1, "read", () -> 42)).isEqualTo(42);
        assertThatThrownBy(() -> channel.guardRun(D1, "read", () -> {
            throw closed;
        })).isSameAs(closed);
        assertThatThrownBy(() -> channel.guardRun(D1, "append", () -> {
            throw new IllegalArgumentException("bad batch");
        })).isInstanceOf(IllegalArgumentException.class);

        assertThat(channel.offlineLogDirs()).isEmpty();
    }
}
