package io.ferrymq.broker.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Kafka's checkpoint text format: a version line, a count line, then that many entry lines.
 * Writes are atomic: the content goes to {@code <name>.tmp}, is fsynced, renamed over the file,
 * and the directory is fsynced, so a crash leaves either the old or the new checkpoint.
 * Stateless; callers serialize writes to the same file.
 */
public final class CheckpointFile {

    public static final int VERSION = 0;

    private CheckpointFile() {
    }

    public static void write(Path file, List<String> entries) {
        write(file, entries, true);
    }

    /**
     * {@link #write} without the fsyncs: still atomic (a temporary file renamed over the target), so
     * a reader, or a restart after a process crash, sees the old or the new content; after a crash of
     * the machine possibly the old one. {@link #sync} makes it durable.
     */
    static void writeUnsynced(Path file, List<String> entries) {
        write(file, entries, false);
    }

    /** Fsyncs the file and its directory (after {@link #writeUnsynced}). */
    static void sync(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fsync checkpoint " + file, e);
        }
        fsyncDirectory(file.toAbsolutePath().getParent());
    }

    private static void write(Path file, List<String> entries, boolean durable) {
        StringBuilder text = new StringBuilder().append(VERSION).append('\n').append(entries.size()).append('\n');
        entries.forEach(line -> text.append(line).append('\n'));
        try {
            writeAtomically(file, ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), durable);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file, e);
        }
    }

    /**
     * Writes {@code bytes} to {@code file} so that a crash leaves the old or the new content, never a
     * mix: a temporary file, fsynced, renamed over the target, then the directory fsynced.
     */
    static void writeAtomically(Path file, ByteBuffer bytes) throws IOException {
        writeAtomically(file, bytes, true);
    }

    private static void writeAtomically(Path file, ByteBuffer bytes, boolean durable) throws IOException {
        Path temp = LogFiles.tempFile(file);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            if (durable) {
                channel.force(true);
            }
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        if (durable) {
            fsyncDirectory(file.toAbsolutePath().getParent());
        }
    }

    /**
     * The entry lines, or empty when the file does not exist.
     *
     * @throws CorruptCheckpointException when the version, count or number of lines is wrong
     */
    public static Optional<List<String>> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file, e);
        }
        if (lines.size() < 2 || !lines.get(0).strip().equals(String.valueOf(VERSION))) {
            throw new CorruptCheckpointException("checkpoint " + file + " does not start with version " + VERSION);
        }
        int count;
        try {
            count = Integer.parseInt(lines.get(1).strip());
        } catch (NumberFormatException e) {
            throw new CorruptCheckpointException("checkpoint " + file + " has a bad count line '" + lines.get(1) + "'");
        }
        List<String> entries = lines.subList(2, lines.size()).stream().filter(l -> !l.isBlank()).toList();
        if (count != entries.size()) {
            throw new CorruptCheckpointException("checkpoint " + file + " declares " + count + " entries but has "
                    + entries.size());
        }
        return Optional.of(entries);
    }

    static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems refuse to open directories; the rename is still atomic there.
            if (!(e instanceof java.nio.file.AccessDeniedException)) {
                throw new UncheckedIOException("cannot fsync directory " + dir, e);
            }
        }
    }
}
