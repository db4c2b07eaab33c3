package io.ferrymq.common.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.InvalidRecordException;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ByteSourceTest {

    /** 10 bytes 0..9 at array offset 3 (a slice of a larger array), so index arithmetic is exercised. */
    private static ByteBuffer bytes() {
        byte[] array = new byte[16];
        for (int i = 0; i < array.length; i++) {
            array[i] = (byte) (i - 3);
        }
        return ByteBuffer.wrap(array, 3, 10).slice();
    }

    @Test
    void readIntoRepointsTheBodyAtTheNextBytesAndMovesPastThem() {
        ByteSource source = ByteSource.of(bytes());
        ByteSource.BufferSource body = new ByteSource.BufferSource(ByteBuffer.allocate(0));
        source.readByte();
        assertThat(source.readInto(body, 4)).isSameAs(body);
        assertThat(body.position()).isZero();
        assertThat(new int[] {body.readByte(), body.readByte(), body.readByte(), body.readByte()}).containsExactly(1, 2, 3, 4);
        assertThat(body.atEnd()).isTrue();
        assertThat(source.position()).isEqualTo(5);
        assertThat(source.readByte()).isEqualTo(5);
    }

    @Test
    void aRepointedBodyStopsAtItsOwnEnd() {
        ByteSource source = ByteSource.of(bytes());
        ByteSource.BufferSource body = source.readInto(new ByteSource.BufferSource(ByteBuffer.allocate(0)), 3);
        body.skip(2);
        assertThatThrownBy(() -> body.read(2)).isInstanceOf(InvalidRecordException.class);
        assertThatThrownBy(() -> source.readInto(body, 8)).isInstanceOf(InvalidRecordException.class);
    }

    @Test
    void readReadOnlyGivesAReadOnlyViewOfTheNextBytesFromASourceOrARepointedBody() {
        ByteSource source = ByteSource.of(bytes());
        source.skip(2);
        ByteBuffer view = source.readReadOnly(3);
        assertThat(view.isReadOnly()).isTrue();
        assertThat(view).isEqualTo(ByteBuffer.wrap(new byte[] {2, 3, 4}));
        ByteSource.BufferSource body = source.readInto(new ByteSource.BufferSource(ByteBuffer.allocate(0)), 5);
        body.skip(1);
        ByteBuffer inBody = body.readReadOnly(2);
        assertThat(inBody.isReadOnly()).isTrue();
        assertThat(inBody).isEqualTo(ByteBuffer.wrap(new byte[] {6, 7}));
        assertThat(view).isEqualTo(ByteBuffer.wrap(new byte[] {2, 3, 4}));
    }

    @Test
    void aStreamSourceFillsTheBodyWithACopyOfTheNextBytes() {
        ByteSource source = ByteSource.inflating(new ByteArrayInputStream(new byte[] {9, 8, 7, 6, 5}), 100);
        source.readByte();
        ByteSource.BufferSource body = source.readInto(new ByteSource.BufferSource(ByteBuffer.allocate(0)), 3);
        assertThat(new int[] {body.readByte(), body.readByte(), body.readByte()}).containsExactly(8, 7, 6);
        assertThat(body.atEnd()).isTrue();
        assertThat(source.readReadOnly(1).isReadOnly()).isTrue();
    }
}
