package io.ferrymq.it.storage;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A small real filesystem for one broker's log dir, with the storage faults of issue 17: {@link #fill}
 * (disk full: ENOSPC), {@link #shutDown} (every later I/O gets EIO: {@code FS_IOC_SHUTDOWN} through
 * {@code xfs_io -x -c shutdown}) and {@link #remountReadOnly} (the kernel's own emergency read-only
 * remount after an ext4 error: writes get EROFS). A tmpfs ({@link #tmpfs}) or a loop-mounted ext4 image
 * ({@link #ext4}, mounted {@code errors=remount-ro}); both live under a temp dir of their own.
 *
 * <p>Root only: the factories skip the test (a JUnit assumption) when this JVM is not root, and fail
 * naming the package when a tool is missing. {@link #close()} always removes what was made (unmount,
 * lazily if the filesystem is still busy; loop devices of the image; the temp dir) and is idempotent; a
 * JVM shutdown hook calls it if the owner never does. A plain {@code mount -o remount,ro} is refused
 * with EBUSY while the broker holds files open for writing, hence the ext4 error path. Thread-safe
 * (every method is synchronized).
 */
final class FaultDisk implements AutoCloseable {

    private static final String FILLER = "fault-disk-filler";

    private final Path root;
    private final Path mountPoint;
    private final Optional<Path> image;
    private final Thread shutdownHook = new Thread(this::unmountAndDelete, "fault-disk-cleanup");
    private boolean mounted;
    private boolean closed;

    private FaultDisk(Path root, Optional<Path> image) {
        this.root = root;
        this.mountPoint = root.resolve("mnt");
        this.image = image;
    }

    /** A tmpfs of {@code mib} MiB. */
    static FaultDisk tmpfs(int mib) {
        FaultDisk disk = prepare(false);
        disk.mount(List.of("mount", "-t", "tmpfs", "-o", "size=" + mib + "m", "tmpfs", disk.mountPoint.toString()));
        return disk;
    }

    /** An ext4 image of {@code mib} MiB, loop-mounted with {@code errors=remount-ro}. */
    static FaultDisk ext4(int mib) {
        FaultDisk disk = prepare(true);
        Path img = disk.image.orElseThrow();
        try (FileChannel file = FileChannel.open(img, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            file.truncate(0).write(ByteBuffer.allocate(1), (long) mib * 1024 * 1024 - 1);
        } catch (IOException e) {
            disk.close();
            throw new UncheckedIOException("cannot create the image " + img, e);
        }
        disk.guarded(() -> HostCommand.run(List.of("mkfs.ext4", "-q", "-F", img.toString())));
        disk.mountImage();
        return disk;
    }

    private static FaultDisk prepare(boolean withImage) {
        assumeTrue(HostCommand.isRoot(), "storage-fault tests mount filesystems: they need root (uid 0), skipped");
        if (withImage) {
            HostCommand.requireTool("mkfs.ext4", "e2fsprogs");
            HostCommand.requireTool("e2fsck", "e2fsprogs");
        }
        try {
            Path root = Files.createTempDirectory("ferry-fault-disk-");
            Files.createDirectory(root.resolve("mnt"));
            FaultDisk disk = new FaultDisk(root, withImage ? Optional.of(root.resolve("disk.img")) : Optional.empty());
            Runtime.getRuntime().addShutdownHook(disk.shutdownHook);
            return disk;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the fault disk's temp dir", e);
        }
    }

    private void mountImage() {
        mount(List.of("mount", "-o", "loop,errors=remount-ro", image.orElseThrow().toString(), mountPoint.toString()));
    }

    private synchronized void mount(List<String> command) {
        guarded(() -> HostCommand.run(command));
        mounted = true;
    }

    /** Runs a step of setting up; on failure removes everything made so far and rethrows. */
    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Where the filesystem is mounted. */
    Path mountPoint() {
        return mountPoint;
    }

    /** Disk full: writes zeros to a filler file until the filesystem refuses with ENOSPC. */
    synchronized void fill() {
        ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
        try (FileChannel filler = FileChannel.open(mountPoint.resolve(FILLER), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            long bound = Files.getFileStore(mountPoint).getTotalSpace() / zeros.capacity() + 1;
            for (long i = 0; i < bound; i++) {
                filler.write(zeros.clear());
            }
        } catch (IOException expected) {
            if (!String.valueOf(expected.getMessage()).contains("No space left")) {
                throw new UncheckedIOException("filling " + mountPoint + " failed otherwise than with ENOSPC", expected);
            }
            return;
        }
        throw new IllegalStateException(mountPoint + " took more bytes than its size without ENOSPC");
    }

    /** EIO: shuts the filesystem down ({@code FS_IOC_SHUTDOWN}); every later read and write fails with EIO. */
    synchronized void shutDown() {
        HostCommand.requireTool("xfs_io", "xfsprogs");
        HostCommand.run(List.of("xfs_io", "-x", "-c", "shutdown", mountPoint.toString()));
    }

    /**
     * Read-only: reports an ext4 error through {@code /sys/fs/ext4/<device>/trigger_fs_error}, and the
     * kernel makes the filesystem read-only ({@code errors=remount-ro}; writes fail with EROFS); returns once
     * the mount says so.
     */
    synchronized void remountReadOnly() {
        String device = HostCommand.run(List.of("findmnt", "-n", "-o", "SOURCE", mountPoint.toString())).output().strip();
        Path trigger = Path.of("/sys/fs/ext4", Path.of(device).getFileName().toString(), "trigger_fs_error");
        if (image.isEmpty() || !Files.exists(trigger)) {
            throw new IllegalStateException("a read-only remount needs the ext4 image (no " + trigger + ")");
        }
        try {
            Files.writeString(trigger, "ferry storage-fault test\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + trigger, e);
        }
        String options = HostCommand.run(List.of("findmnt", "-n", "-o", "OPTIONS", mountPoint.toString())).output();
        // Linux 6.x keeps the mount "rw" and flags the superblock "emergency_ro"; older kernels show "ro"
        if (Arrays.stream(options.strip().split(",")).noneMatch(o -> o.equals("ro") || o.equals("emergency_ro"))) {
            throw new IllegalStateException(mountPoint + " is still writable after an ext4 error: " + options.strip());
        }
    }

    /**
     * Makes the filesystem healthy again while nothing uses it (stop the broker first): removes the filler
     * of a tmpfs; unmounts an ext4 image, checks it ({@code e2fsck -fy}, which repairs what the fault left)
     * and mounts it again.
     */
    synchronized void repair() {
        if (image.isEmpty()) {
            try {
                Files.deleteIfExists(mountPoint.resolve(FILLER));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the filler of " + mountPoint, e);
            }
            return;
        }
        HostCommand.run(List.of("umount", mountPoint.toString()));
        mounted = false;
        HostCommand.run(List.of("e2fsck", "-fy", image.get().toString()), 0, 1);
        mountImage();
    }

    /** Unmounts, detaches the image's loop devices and deletes the temp dir. Idempotent. */
    @Override
    public void close() {
        unmountAndDelete();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran: it does the same cleanup
        }
    }

    private synchronized void unmountAndDelete() {
        if (closed) {
            return;
        }
        closed = true;
        if (mounted && HostCommand.attempt(List.of("umount", mountPoint.toString())).exitCode() != 0) {
            System.err.println(mountPoint + " is busy: unmounting it lazily");
            HostCommand.run(List.of("umount", "-l", mountPoint.toString()));
        }
        mounted = false;
        image.ifPresent(FaultDisk::detachLoopDevices);
        deleteTree(root);
    }

    private static void detachLoopDevices(Path img) {
        String listing = HostCommand.run(List.of("losetup", "-j", img.toString())).output();
        for (String line : listing.lines().filter(l -> l.contains(":")).toList()) {
            HostCommand.attempt(List.of("losetup", "-d", line.substring(0, line.indexOf(':'))));
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
