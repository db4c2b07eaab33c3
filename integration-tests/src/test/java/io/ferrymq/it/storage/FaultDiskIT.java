package io.ferrymq.it.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fault fixture on its own, root only (skipped otherwise): each fault makes the next write fail
 * with its errno, {@link FaultDisk#repair} makes the disk writable again, and {@link FaultDisk#close}
 * leaves no mount, loop device or file behind, even while a file on the disk is still open (the mount
 * goes at once, the loop device with the last open file).
 */
class FaultDiskIT {

    private static final int WRITE = 64 * 1024;

    @Test
    void aFilledTmpfsRefusesWritesWithEnospcUntilRepaired() throws IOException {
        try (FaultDisk disk = FaultDisk.tmpfs(4)) {
            Path file = disk.mountPoint().resolve("segment");
            write(file);
            disk.fill();
            assertThatThrownBy(() -> write(file)).isInstanceOf(IOException.class)
                    .hasMessageContaining("No space left on device");
            disk.repair();
            write(file);
        }
    }

    @Test
    void aShutDownExt4FailsWritesWithEioAndComesBackAfterRepair() throws IOException {
        try (FaultDisk disk = FaultDisk.ext4(24)) {
            Path file = disk.mountPoint().resolve("segment");
            write(file);
            disk.shutDown();
            assertThatThrownBy(() -> write(file)).isInstanceOf(IOException.class)
                    .hasMessageContaining("Input/output error");
            disk.repair();
            write(file);
        }
    }

    @Test
    void anExt4WithAnErrorGoesReadOnlyAndComesBackAfterRepair() throws IOException {
        try (FaultDisk disk = FaultDisk.ext4(24)) {
            Path file = disk.mountPoint().resolve("segment");
            write(file);
            disk.remountReadOnly();
            assertThatThrownBy(() -> write(file)).isInstanceOf(IOException.class)
                    .hasMessageContaining("Read-only file system");
            disk.repair();
            write(file);
        }
    }

    @Test
    void closeRemovesTheMountTheLoopDeviceAndTheFilesEvenWhileAFileIsOpen() throws IOException {
        FaultDisk disk = FaultDisk.ext4(24);
        Path root = disk.mountPoint().getParent();
        try {
            try (FileChannel held = FileChannel.open(disk.mountPoint().resolve("held"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                held.write(ByteBuffer.allocate(10));
                disk.close();
                assertThat(Files.readString(Path.of("/proc/self/mounts"))).doesNotContain(root.toString());
                assertThat(root).doesNotExist();
            }
            await("the loop device of " + root + " to be released with the last open file").atMost(Duration.ofSeconds(10))
                    .until(() -> !HostCommand.run(List.of("losetup", "-a")).output().contains(root.toString()));
        } finally {
            disk.close();
        }
    }

    /** Appends {@value #WRITE} bytes and forces them to the disk. */
    private static void write(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.allocate(WRITE);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
    }
}
