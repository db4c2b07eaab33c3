package io.ferrymq.common.record;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import io.ferrymq.common.errors.CorruptRecordException;
import io.ferrymq.common.errors.RecordTooLargeException;
import io.ferrymq.common.protocol.FuzzTries;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Drives batch and record validation with mutated and random batches (CRC always recomputed, so the
 * record walk is what gets tested): every input is either valid or refused with its error type, with
 * bounded allocation, and whatever validation accepts a consumer can read in full. A longer run by
 * hand ({@link FuzzTries}):
 * {@code mvn -pl client -am test -Dtest=RecordBatchValidationFuzzTest -Dferry.fuzz.tries=200000}.
 */
@AddLifecycleHook(FuzzTries.class)
class RecordBatchValidationFuzzTest {

    private static final long CAP = 1024 * 1024;
    /** A codec's own buffers at most: lz4 keeps two of the block size its header names (up to 4 MiB). */
    private static final long ALLOCATION_BOUND = 9L * 1024 * 1024;
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One change to a batch: overwrite, insert or delete bytes at a position inside the records section. */
    record Mutation(int kind, int position, byte[] bytes) {
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 4096), Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(6))
                .as(Mutation::new);
        return mutation.list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 300)
    void mutatedBatchesAreValidOrRefusedAndValidOnesReadInFull(
            @ForAll @IntRange(min = 1, max = 20) int records, @ForAll CompressionType codec,
            @ForAll("mutations") List<Mutation> mutations, @ForAll @IntRange(min = -3, max = 3) int countChange) {
        ByteBuffer original = RecordBatchValidatorTest.validBatch(codec, records);
        byte[] body = new byte[original.remaining() - RecordBatch.HEADER_SIZE];
        original.duplicate().position(RecordBatch.HEADER_SIZE).get(body);
        for (Mutation m : mutations) {
            body = apply(m, body);
        }
        ByteBuffer mutated = HostileBatches.batch(body, Math.max(1, records + countChange),
                original.getShort(RecordBatch.ATTRIBUTES_OFFSET));
        mutated.putLong(RecordBatch.BASE_TIMESTAMP_OFFSET, original.getLong(RecordBatch.BASE_TIMESTAMP_OFFSET));
        mutated.putLong(RecordBatch.MAX_TIMESTAMP_OFFSET, original.getLong(RecordBatch.MAX_TIMESTAMP_OFFSET));
        checkValidOrRefused(HostileBatches.fixCrc(mutated));
    }

    @Property(tries = 300)
    void randomRecordsSectionsAreValidOrRefused(@ForAll @Size(max = 512) byte[] body,
                                                @ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int records,
                                                @ForAll CompressionType codec) {
        ByteBuffer batch = HostileBatches.batch(body, records, codec.id());
        checkValidOrRefused(batch);
    }

    /**
     * Validates twice and bounds the allocation of the second run: the first may link string
     * concatenation call sites and load exception classes, which allocate once per JVM.
     */
    private static void checkValidOrRefused(ByteBuffer batch) {
        Optional<RecordBatchValidator.Validated> validated = validateOrRefuse(batch);
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Optional<RecordBatchValidator.Validated> again = validateOrRefuse(batch);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(again).isEqualTo(validated);
        assertThat(allocated).isLessThan(ALLOCATION_BOUND);
        validated.ifPresent(v -> assertThat(RecordBatch.wrap(batch).records()).hasSize(v.records()));
    }

    private static Optional<RecordBatchValidator.Validated> validateOrRefuse(ByteBuffer batch) {
        try {
            return Optional.of(RecordBatchValidator.validate(RecordBatch.wrap(batch), CAP));
        } catch (CorruptRecordException | RecordTooLargeException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("refused without saying why", e);
            }
            return Optional.empty();
        }
    }

    static byte[] apply(Mutation m, byte[] body) {
        int at = body.length == 0 ? 0 : m.position() % (body.length + 1);
        byte[] out;
        switch (m.kind()) {
            case 0 -> {
                out = body.clone();
                for (int i = 0; i < m.bytes().length && at + i < out.length; i++) {
                    out[at + i] = m.bytes()[i];
                }
            }
            case 1 -> {
                out = new byte[body.length + m.bytes().length];
                System.arraycopy(body, 0, out, 0, at);
                System.arraycopy(m.bytes(), 0, out, at, m.bytes().length);
                System.arraycopy(body, at, out, at + m.bytes().length, body.length - at);
            }
            default -> {
                int cut = Math.min(m.bytes().length, body.length - at);
                out = new byte[body.length - cut];
                System.arraycopy(body, 0, out, 0, at);
                System.arraycopy(body, at + cut, out, at, body.length - at - cut);
            }
        }
        return out;
    }
}
