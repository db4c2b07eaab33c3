package io.ferrymq.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.protocol.SegmentChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A zero-copy region sent over a real socket while its file's descriptor is released between
 * transfer steps (the open-file cap evicting the segment): each step reopens the file and the
 * receiver gets every byte once, in order.
 */
class SliceFileRegionTest {

    private static final int SIZE = 8 * 1024 * 1024;
    private static final int OFFSET = 4096;

    @TempDir
    Path dir;

    @Test
    void aRegionWhoseFileIsReleasedBetweenStepsArrivesIntact() throws Exception {
        byte[] content = new byte[SIZE + OFFSET];
        new Random(7).nextBytes(content);
        Path file = Files.write(dir.resolve("00000000000000000000.log"), content);
        try (ReleasableFile source = new ReleasableFile(file);
             ServerSocketChannel server = ServerSocketChannel.open()
                     .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel sender = SocketChannel.open(server.getLocalAddress());
             SocketChannel receiver = server.accept()) {
            sender.configureBlocking(false);
            ReceivedBytes result = new ReceivedBytes();
            Thread reader = new Thread(() -> result.bytes = readAll(receiver, SIZE), "slice-receiver");
            reader.start();
            SliceFileRegion region = new SliceFileRegion(source, OFFSET, SIZE);
            int steps = 0;
            while (region.transferred() < region.count()) {
                source.release();
                region.transferTo(sender, region.transferred());
                steps++;
            }
            reader.join(30_000);
            assertThat(reader.isAlive()).isFalse();
            assertThat(steps).isGreaterThan(1);
            assertThat(source.opens).isEqualTo(steps);
            assertThat(result.bytes).isEqualTo(java.util.Arrays.copyOfRange(content, OFFSET, OFFSET + SIZE));
            assertThat(region.release()).isTrue();
            assertThat(source.isOpen()).as("the region never closes the file").isTrue();
        }
    }

    private static byte[] readAll(SocketChannel channel, int size) {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        try {
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                Thread.yield();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.array();
    }

    private static final class ReceivedBytes {
        private volatile byte[] bytes;
    }

    /** A real file whose descriptor the test closes at will; the next {@link #channel()} reopens it. */
    private static final class ReleasableFile implements SegmentChannel, AutoCloseable {
        private final Path path;
        private FileChannel channel;
        private int opens;

        ReleasableFile(Path path) {
            this.path = path;
        }

        @Override
        public synchronized FileChannel channel() {
            if (channel == null) {
                try {
                    channel = FileChannel.open(path, StandardOpenOption.READ);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                opens++;
            }
            return channel;
        }

        synchronized boolean isOpen() {
            return channel != null && channel.isOpen();
        }

        synchronized void release() throws IOException {
            if (channel != null) {
                channel.close();
                channel = null;
            }
        }

        @Override
        public void close() throws IOException {
            release();
        }
    }
}
