package io.ferrymq.it.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the process logs of a cluster that lived under a temporary directory: copies
 * {@code <baseDir>/logs/*} to {@code target/failure-test-logs/<test class>/} for diagnosis after the
 * temporary directory is gone. Stateless.
 */
public final class BrokerLogs {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerLogs.class);

    private BrokerLogs() {
    }

    /** Copies the logs; a failure to copy is logged, never thrown (it must not hide the test's own result). */
    public static void keep(Path baseDir, Class<?> testClass) {
        Path target = Path.of("target", "failure-test-logs", testClass.getSimpleName());
        Path logs = baseDir.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return;
        }
        try (Stream<Path> files = Files.list(logs)) {
            Files.createDirectories(target);
            for (Path log : files.toList()) {
                Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("could not keep the logs of {} in {}", baseDir, target, e);
        }
    }
}
