package io.ferrymq.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.protocol.RecordSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A segment file's descriptor released while a slice of it is read or sent: the read reopens the
 * file and every byte arrives intact; only a file closed for good (deleted) fails, saying so.
 */
class SegmentFileReleaseTest {

    private static final int SIZE = 200_000;

    @TempDir
    Path dir;

    private SegmentFile file;
    private byte[] content;

    @BeforeEach
    void writeFile() {
        content = new byte[SIZE];
        new Random(42).nextBytes(content);
        file = new SegmentFile(dir.resolve("00000000000000000000.log"), true, new OpenSegmentFiles(2));
        file.append(ByteBuffer.wrap(content));
        file.deactivate();
    }

    @AfterEach
    void closeFile() {
        file.close();
    }

    @Test
    void aSliceReadAfterItsFileWasReleasedReopensIt() {
        FileSlice slice = new FileSlice(file, 1000, 5000);
        file.release();
        assertThat(file.isOpen()).isFalse();
        assertThat(bytes(slice.readFully())).isEqualTo(java.util.Arrays.copyOfRange(content, 1000, 6000));
        assertThat(file.isOpen()).isTrue();
    }

    @Test
    void aReadWhoseChannelIsClosedUnderItRetriesOnAFreshChannel() throws IOException {
        AtomicInteger attempts = new AtomicInteger();
        ByteBuffer target = ByteBuffer.allocate(100);
        FileChannel used = file.withChannel(channel -> {
            if (attempts.incrementAndGet() == 1) {
                file.release();
            }
            channel.read(target.clear(), 10);
            return channel;
        });
        assertThat(attempts).hasValue(2);
        assertThat(used.isOpen()).isTrue();
        assertThat(bytes(target.flip())).isEqualTo(java.util.Arrays.copyOfRange(content, 10, 110));
    }

    @Test
    void aTransferThatSeesItsFileReleasedMidwayDeliversEveryByteOnce() {
        FileSlice slice = new FileSlice(file, 0, SIZE);
        ReleasingSink sink = new ReleasingSink(file);
        assertThat(slice.transferTo(sink)).isEqualTo(SIZE);
        assertThat(sink.releases).as("the file was released during the transfer").isGreaterThan(1);
        assertThat(sink.out.toByteArray()).isEqualTo(content);
    }

    @Test
    void aNetworkSliceCopiedAfterItsFileWasReleasedReopensIt() {
        RecordSource source = RecordSource.ofFile(file, 7, 300);
        file.release();
        assertThat(bytes(source.toByteBuffer())).isEqualTo(java.util.Arrays.copyOfRange(content, 7, 307));
    }

    @Test
    void aSliceOfADeletedSegmentFailsSayingTheSegmentWasClosed() {
        FileSlice slice = new FileSlice(file, 0, 100);
        file.closeAndDelete();
        assertThatThrownBy(slice::readFully).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("was closed").hasCauseInstanceOf(ClosedChannelException.class);
    }

    @Test
    void theActiveSegmentReleasedUnderAnAppendKeepsEveryByte() {
        SegmentFile active = new SegmentFile(dir.resolve("00000000000000000100.log"), true, new OpenSegmentFiles(1));
        try {
            active.append(ByteBuffer.wrap(content, 0, 1000));
            active.release();
            active.append(ByteBuffer.wrap(content, 1000, 1000));
            assertThat(bytes(new FileSlice(active, 0, 2000).readFully()))
                    .isEqualTo(java.util.Arrays.copyOfRange(content, 0, 2000));
        } finally {
            active.close();
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    /** A blocking sink that takes at most 4 KiB per write and releases the file on every other write. */
    private static final class ReleasingSink implements WritableByteChannel {
        private final SegmentFile file;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int writes;
        private int releases;

        ReleasingSink(SegmentFile file) {
            this.file = file;
        }

        @Override
        public int write(ByteBuffer src) {
            if (++writes % 2 == 0) {
                file.release();
                releases++;
            }
            int n = Math.min(src.remaining(), 4096);
            byte[] chunk = new byte[n];
            src.get(chunk);
            out.write(chunk, 0, n);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
