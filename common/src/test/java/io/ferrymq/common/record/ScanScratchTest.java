package io.ferrymq.common.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ScanScratchTest {

    private static ByteBuffer direct(int size, int position) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        for (int i = 0; i < size; i++) {
            buffer.put(i, (byte) (i * 31));
        }
        return buffer.position(position);
    }

    @Test
    void copiesTheRemainingBytesAndLeavesTheBufferAsItWas() {
        ByteBuffer source = direct(100, 40);
        ByteBuffer copy = ScanScratch.copyOf(source);
        assertThat(source.position()).isEqualTo(40);
        assertThat(copy.hasArray()).isTrue();
        assertThat(copy.remaining()).isEqualTo(60);
        assertThat(copy).isEqualTo(source);
    }

    @Test
    void aThreadReusesItsArrayForLaterCopiesUpToTheLargestSoFar() {
        ByteBuffer first = ScanScratch.copyOf(direct(5000, 0));
        ByteBuffer smaller = ScanScratch.copyOf(direct(300, 0));
        assertThat(smaller.array()).isSameAs(first.array());
        assertThat(smaller).isEqualTo(direct(300, 0));
    }

    @Test
    void aCopyLargerThanTheRetainedLimitGetsAnArrayThatIsNotKept() {
        ByteBuffer kept = ScanScratch.copyOf(direct(1000, 0));
        ByteBuffer huge = ScanScratch.copyOf(direct(ScanScratch.MAX_RETAINED_BYTES + 1, 0));
        assertThat(huge.array()).isNotSameAs(kept.array());
        assertThat(ScanScratch.copyOf(direct(1000, 0)).array()).isNotSameAs(huge.array());
    }

    @Test
    void eachThreadHasItsOwnArray() throws InterruptedException {
        byte[] mine = ScanScratch.copyOf(direct(64, 0)).array();
        byte[][] theirs = new byte[1][];
        Thread other = new Thread(() -> theirs[0] = ScanScratch.copyOf(direct(64, 0)).array());
        other.start();
        other.join(10_000);
        assertThat(theirs[0]).isNotNull().isNotSameAs(mine);
    }
}
