package io.ferrymq.broker.log.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProducerSnapshotCodecTest {

    private static ProducerStateEntry entry(long pid, int epoch, int firstSeq, long firstOffset, int records) {
        return ProducerStateEntry.first(ProducerBatch.fromHeader(pid, (short) epoch, firstSeq, firstOffset,
                records - 1, 5_000L + pid));
    }

    @Test
    void roundTripKeepsEachProducersLatestBatch() {
        ProducerStateEntry wrapped = entry(2L, 0, Integer.MAX_VALUE - 1, 50L, 4);
        ProducerStateEntry longer = entry(1L, 3, 0, 10L, 3)
                .with(ProducerBatch.fromHeader(1L, (short) 3, 3, 13L, 1, 9_000L));
        List<ProducerStateEntry> decoded = ProducerSnapshotCodec.decode(
                ProducerSnapshotCodec.encode(List.of(longer, wrapped)));
        assertThat(decoded).containsExactly(new ProducerStateEntry(1L, (short) 3, List.of(longer.lastBatch())),
                wrapped);
        assertThat(wrapped.lastSeq()).as("MAX-1, MAX, 0, 1").isEqualTo(1);
    }

    @Test
    void layoutIsKafkasVersionOne() {
        ByteBuffer bytes = ProducerSnapshotCodec.encode(List.of(entry(9L, 1, 4, 20L, 2)));
        assertThat(bytes.remaining()).isEqualTo(10 + 46);
        assertThat(bytes.getShort(0)).isEqualTo((short) 1);
        assertThat(bytes.getInt(6)).isEqualTo(1);
        assertThat(bytes.getLong(10)).isEqualTo(9L);
        assertThat(bytes.getShort(18)).isEqualTo((short) 1);
        assertThat(bytes.getInt(20)).as("last sequence").isEqualTo(5);
        assertThat(bytes.getLong(24)).as("last offset").isEqualTo(21L);
        assertThat(bytes.getInt(32)).as("offset delta").isEqualTo(1);
    }

    @Test
    void emptyStateRoundTrips() {
        assertThat(ProducerSnapshotCodec.decode(ProducerSnapshotCodec.encode(List.of()))).isEmpty();
    }

    @Test
    void flippedBitFailsTheCrc() {
        ByteBuffer bytes = ProducerSnapshotCodec.encode(List.of(entry(9L, 1, 4, 20L, 2)));
        bytes.put(30, (byte) (bytes.get(30) ^ 1));
        assertThatThrownBy(() -> ProducerSnapshotCodec.decode(bytes)).isInstanceOf(CorruptSnapshotException.class)
                .hasMessageContaining("CRC");
    }

    @Test
    void cutSnapshotIsCorrupt() {
        ByteBuffer bytes = ProducerSnapshotCodec.encode(List.of(entry(9L, 1, 4, 20L, 2)));
        assertThatThrownBy(() -> ProducerSnapshotCodec.decode(bytes.limit(bytes.limit() - 1)))
                .isInstanceOf(CorruptSnapshotException.class);
        assertThatThrownBy(() -> ProducerSnapshotCodec.decode(ByteBuffer.allocate(4)))
                .isInstanceOf(CorruptSnapshotException.class);
    }

    @Test
    void otherVersionIsCorrupt() {
        ByteBuffer bytes = ProducerSnapshotCodec.encode(List.of());
        bytes.putShort(0, (short) 2);
        assertThatThrownBy(() -> ProducerSnapshotCodec.decode(bytes)).isInstanceOf(CorruptSnapshotException.class)
                .hasMessageContaining("version");
    }
}
