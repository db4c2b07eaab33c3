package io.ferrymq.broker.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The quickstart's data directory. It carries a marker file so that a later run knows the
 * directory is its own: {@link #prepare} then stops whatever an earlier, crashed run left running
 * (by verified PID, see {@link PidFile}) and wipes the old data, so every run starts from a clean
 * cluster. A non-empty directory without the marker is refused, never deleted. Stateless.
 */
public final class QuickstartDataDir {

    static final String MARKER = ".ferry-quickstart";

    private QuickstartDataDir() {
    }

    /** What {@link #prepare} found: processes it stopped and whether it removed old data. */
    public record Cleanup(List<String> stoppedProcesses, boolean removedOldData) {
    }

    /** Makes {@code dir} an empty quickstart directory (with its marker); see the class javadoc. */
    public static Cleanup prepare(Path dir, Duration stopGrace) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(abs) && !isEmpty(abs) && !Files.exists(abs.resolve(MARKER))) {
                throw new ClusterException(abs + " exists and was not created by ferry quickstart; "
                        + "choose another --data-dir or remove it yourself");
            }
            List<String> stopped = PidFile.stopLeftovers(abs.resolve("pids"), stopGrace);
            boolean removed = Files.exists(abs.resolve(MARKER));
            if (removed) {
                deleteTree(abs);
            }
            Files.createDirectories(abs);
            Files.writeString(abs.resolve(MARKER), "Data of `ferry quickstart`; removed by its next run.\n");
            return new Cleanup(stopped, removed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the quickstart data directory " + abs, e);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
