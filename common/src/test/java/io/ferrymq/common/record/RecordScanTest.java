package io.ferrymq.common.record;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.errors.InvalidRecordException;
import io.ferrymq.common.protocol.FuzzTries;
import io.ferrymq.common.record.RecordBatchValidationFuzzTest.Mutation;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * {@link RecordScan} accepts exactly the records sections that the {@link RecordReader} walk accepts,
 * with the same largest create time: on valid sections, mutated ones and random bytes, scanned from
 * inside a larger array. A longer run by hand ({@link FuzzTries}):
 * {@code mvn -pl common test -Dtest=RecordScanTest -Dferry.fuzz.tries=200000}.
 */
@AddLifecycleHook(FuzzTries.class)
class RecordScanTest {

    private static final long BASE_TIMESTAMP = 1_000L;

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 4096), Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(6))
                .as(Mutation::new);
        return mutation.list().ofMinSize(0).ofMaxSize(4);
    }

    @Example
    void aValidSectionIsValidWithItsLargestCreateTime() {
        byte[] body = recordsSection(10);
        RecordScan scan = new RecordScan(body, 0, body.length);
        assertThat(scan.isValid(10, BASE_TIMESTAMP)).isTrue();
        assertThat(scan.maxTimestamp()).isEqualTo(BASE_TIMESTAMP + 4);
        assertThat(new RecordScan(body, 0, body.length).isValid(9, BASE_TIMESTAMP)).isFalse();
        assertThat(new RecordScan(body, 0, body.length).isValid(11, BASE_TIMESTAMP)).isFalse();
    }

    @Property(tries = 500)
    void mutatedSectionsAreAcceptedExactlyWhenTheReaderAcceptsThem(
            @ForAll @IntRange(min = 1, max = 20) int records, @ForAll("mutations") List<Mutation> mutations,
            @ForAll @IntRange(min = -2, max = 2) int countChange) {
        byte[] body = recordsSection(records);
        for (Mutation m : mutations) {
            body = RecordBatchValidationFuzzTest.apply(m, body);
        }
        assertAgrees(body, Math.max(1, records + countChange));
    }

    @Property(tries = 300)
    void randomSectionsAreAcceptedExactlyWhenTheReaderAcceptsThem(@ForAll @Size(max = 256) byte[] body,
                                                                  @ForAll @IntRange(min = 1, max = 40) int count) {
        assertAgrees(body, count);
    }

    /** The records section of a valid batch: timestamps {@code BASE_TIMESTAMP + (i * 7) % 5}, keys, values, headers. */
    private static byte[] recordsSection(int records) {
        ByteBuffer batch = RecordBatchValidatorTest.validBatch(CompressionType.NONE, records);
        assertThat(batch.getLong(RecordBatch.BASE_TIMESTAMP_OFFSET)).isEqualTo(BASE_TIMESTAMP);
        return Arrays.copyOfRange(batch.array(), RecordBatch.HEADER_SIZE, batch.limit());
    }

    private static void assertAgrees(byte[] body, int count) {
        OptionalLong expected = readerWalk(body, count);
        byte[] padded = new byte[body.length + 10];
        Arrays.fill(padded, (byte) 0x55);
        System.arraycopy(body, 0, padded, 7, body.length);
        RecordScan scan = new RecordScan(padded, 7, 7 + body.length);
        assertThat(scan.isValid(count, BASE_TIMESTAMP)).isEqualTo(expected.isPresent());
        if (expected.isPresent()) {
            assertThat(scan.maxTimestamp()).isEqualTo(expected.getAsLong());
        }
    }

    /** The reader's verdict, as the validator walks a section: the largest create time, or empty when refused. */
    private static OptionalLong readerWalk(byte[] body, int count) {
        ByteSource source = ByteSource.of(ByteBuffer.wrap(body));
        RecordReader reader = new RecordReader(source, 0L, BASE_TIMESTAMP, -1L);
        long max = Long.MIN_VALUE;
        try {
            for (int i = 0; i < count; i++) {
                max = Math.max(max, reader.skip(i));
            }
        } catch (InvalidRecordException e) {
            return OptionalLong.empty();
        }
        return source.atEnd() ? OptionalLong.of(max) : OptionalLong.empty();
    }
}
