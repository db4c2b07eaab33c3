package io.ferrymq.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Murmur2Test {

    @Test
    void hashMatchesKafkasKnownVectors() {
        Map<String, Integer> vectors = Map.of(
                "21", -973932308,
                "foobar", -790332482,
                "a-little-bit-long-string", -985981536,
                "a-little-bit-longer-string", -1486304829,
                "lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971,
                "abc", 479470107,
                "1", -1993445489,
                "12", 126087238,
                "123", -267702483,
                "12345", -1188365604);
        vectors.forEach((key, expected) ->
                assertThat(Murmur2.hash(key.getBytes(StandardCharsets.UTF_8))).as(key).isEqualTo(expected));
    }

    @Test
    void hashOfEmptyInputIsStable() {
        assertThat(Murmur2.hash(new byte[0])).isEqualTo(Murmur2.hash(new byte[0]));
        assertThat(Murmur2.hash(new byte[0])).isNotEqualTo(Murmur2.hash(new byte[] {0}));
    }

    @Test
    void toPositiveClearsOnlyTheSignBit() {
        assertThat(Murmur2.toPositive(Integer.MIN_VALUE)).isZero();
        assertThat(Murmur2.toPositive(-1)).isEqualTo(Integer.MAX_VALUE);
        assertThat(Murmur2.toPositive(42)).isEqualTo(42);
    }

    @Test
    void partitionForKeyIsToPositiveHashModuloCount() {
        byte[] key = "foobar".getBytes(StandardCharsets.UTF_8);
        assertThat(Murmur2.partitionForKey(key, 6)).isEqualTo((-790332482 & 0x7fffffff) % 6);
        assertThatThrownBy(() -> Murmur2.partitionForKey(key, 0)).hasMessageContaining("numPartitions");
    }
}
