package io.ferrymq.broker.log;

import static io.ferrymq.broker.log.TestBatches.batch;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.record.RecordBatch;
import io.ferrymq.common.record.RecordBatches;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers running beside a writer (with rolls) only ever see whole, valid, contiguous batches. */
class ConcurrentReadWriteTest {

    @TempDir
    Path tempDir;

    private final ExecutorService executor = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void readersSeeOnlyCompleteBatchesWhileTheWriterAppendsAndRolls() throws Exception {
        LogConfig config = LogConfig.defaults(tempDir).withSegmentBytes(16 * 1024).withIndex(256, 4096);
        try (PartitionLog log = PartitionLog.open(tempDir.resolve("c-0"), config, new MutableClock(0L), 0L, true)) {
            AtomicBoolean done = new AtomicBoolean();
            Future<?> writer = executor.submit(() -> {
                Random random = new Random(3);
                for (int i = 0; i < 1500; i++) {
                    log.appendAsLeader(batch(i, 1 + random.nextInt(5), i, random.nextInt(300)), 1);
                }
                done.set(true);
            });
            List<Future<Long>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(executor.submit(() -> readUntilDone(log, done)));
            }
            writer.get(60, TimeUnit.SECONDS);
            for (Future<Long> reader : readers) {
                assertThat(reader.get(60, TimeUnit.SECONDS)).isEqualTo(log.logEndOffset());
            }
            assertThat(log.segmentCount()).isGreaterThan(3);
        }
    }

    private static long readUntilDone(PartitionLog log, AtomicBoolean done) {
        long next = 0;
        while (true) {
            boolean finished = done.get();
            long end = log.logEndOffset();
            while (next < end) {
                LogReadInfo info = log.read(next, 4096, end, true);
                for (RecordBatch batch : RecordBatches.wrap(info.records().readFully())) {
                    if (!batch.isValid() || batch.baseOffset() != next) {
                        throw new AssertionError("at offset " + next + " read " + batch);
                    }
                    next = batch.nextOffset();
                }
            }
            if (finished) {
                return next;
            }
        }
    }
}
