package io.ferrymq.broker.log.cleaner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OffsetMapTest {

    private static ByteBuffer key(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLaterPutOfTheSameKeyReplacesItsOffset() {
        OffsetMap map = new OffsetMap(24 * 100, 0.9);
        map.put(key("a"), 3);
        map.put(key("b"), 4);
        map.put(key("a"), 7);
        assertThat(map.get(key("a"))).isEqualTo(7);
        assertThat(map.get(key("b"))).isEqualTo(4);
        assertThat(map.get(key("c"))).isEqualTo(-1);
        assertThat(map.size()).isEqualTo(2);
        assertThat(map.latestOffset()).isEqualTo(7);
    }

    @Test
    void theMemoryBoundsTheSlotsAndTheLoadFactorWhenItIsFull() {
        OffsetMap map = new OffsetMap(24 * 10 + 23, 0.5);
        assertThat(map.slots()).isEqualTo(10);
        assertThat(map.maxEntries()).isEqualTo(5);
        for (int i = 0; i < 5; i++) {
            assertThat(map.isFull()).isFalse();
            map.put(key("k" + i), i);
        }
        assertThat(map.isFull()).isTrue();
        assertThatThrownBy(() -> map.put(key("k9"), 9)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("full");
    }

    @Test
    void everyKeyIsFoundWhenTheTableIsNearlyFullOfCollidingProbes() {
        OffsetMap map = new OffsetMap(24 * 1000, 1.0);
        for (int i = 0; i < 1000; i++) {
            map.put(key("key-" + i), 10_000L + i);
        }
        assertThat(map.isFull()).isTrue();
        for (int i = 0; i < 1000; i++) {
            assertThat(map.get(key("key-" + i))).as("key-%d", i).isEqualTo(10_000L + i);
        }
        assertThat(map.get(key("absent"))).isEqualTo(-1);
        assertThat(map.collisionRate()).isGreaterThan(0);
    }

    @Test
    void clearEmptiesTheMapForTheNextLog() {
        OffsetMap map = new OffsetMap(24 * 4, 1.0);
        map.put(key("a"), 1);
        map.clear();
        assertThat(map.size()).isZero();
        assertThat(map.get(key("a"))).isEqualTo(-1);
        assertThat(map.latestOffset()).isEqualTo(-1);
    }

    @Test
    void theKeyIsReadFromPositionToLimitWithoutMovingIt() {
        OffsetMap map = new OffsetMap(24 * 8, 1.0);
        ByteBuffer framed = ByteBuffer.wrap("xxabcyy".getBytes(StandardCharsets.UTF_8)).position(2).limit(5);
        map.put(framed, 42);
        assertThat(framed.position()).isEqualTo(2);
        assertThat(map.get(key("abc"))).isEqualTo(42);
    }

    @Test
    void tooLittleMemoryOrABadLoadFactorIsRefused() {
        assertThatThrownBy(() -> new OffsetMap(10, 0.9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OffsetMap(1024, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
