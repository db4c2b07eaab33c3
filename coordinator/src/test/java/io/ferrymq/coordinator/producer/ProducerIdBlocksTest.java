package io.ferrymq.coordinator.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.coordinator.zk.CoordinatorException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ProducerIdBlocksTest {

    @Test
    void theFirstBlockStartsAtZeroAndBelongsToTheClaimingBroker() {
        assertThat(ProducerIdBlocks.next(Optional.empty(), 3)).isEqualTo(new ProducerIdBlock(3, 0, 999));
    }

    @Property
    void theNextBlockFollowsTheLatestWithoutGapOrOverlap(@ForAll @LongRange(max = 1L << 60) long latestStart,
                                                         @ForAll @IntRange(min = 1, max = 5000) int latestSize,
                                                         @ForAll @IntRange(min = 0, max = 1000) int brokerId) {
        ProducerIdBlock latest = new ProducerIdBlock(7, latestStart, latestStart + latestSize - 1);
        ProducerIdBlock next = ProducerIdBlocks.next(Optional.of(latest), brokerId);
        assertThat(next.firstId()).isEqualTo(latest.lastId() + 1);
        assertThat(next.size()).isEqualTo(ProducerIdBlocks.BLOCK_SIZE);
        assertThat(next.brokerId()).isEqualTo(brokerId);
    }

    @Test
    void idsRunOutRatherThanWrapAroundToNegative() {
        long lastFullStart = Long.MAX_VALUE - ProducerIdBlocks.BLOCK_SIZE + 1;
        ProducerIdBlock lastFull = ProducerIdBlocks.next(
                Optional.of(new ProducerIdBlock(1, 0, lastFullStart - 1)), 1);
        assertThat(lastFull.lastId()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> ProducerIdBlocks.next(Optional.of(lastFull), 1))
                .isInstanceOf(CoordinatorException.class).hasMessageContaining("exhausted");
        assertThatThrownBy(() -> ProducerIdBlocks.next(
                Optional.of(new ProducerIdBlock(1, lastFullStart - 5, lastFullStart + 5)), 1))
                .isInstanceOf(CoordinatorException.class);
    }

    @Test
    void jsonIsKafkasNodeWithNumbersAndRoundTrips() {
        ProducerIdBlock block = new ProducerIdBlock(2, 5_000_000_000L, 5_000_000_999L);
        byte[] json = ProducerIdBlocks.toJson(block);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .isEqualTo("{\"version\":1,\"broker\":2,\"block_start\":5000000000,\"block_end\":5000000999}");
        assertThat(ProducerIdBlocks.parse(json)).isEqualTo(block);
    }

    @Test
    void malformedNodesAreRefusedNamingTheNode() {
        for (String bad : new String[] {
                "{\"version\":2,\"broker\":1,\"block_start\":0,\"block_end\":999}",
                "{\"version\":1,\"broker\":1,\"block_start\":1000,\"block_end\":999}",
                "{\"version\":1,\"broker\":1,\"block_start\":\"0\",\"block_end\":\"999\"}",
                "{\"version\":1,\"broker\":1,\"block_start\":-1000,\"block_end\":-1}",
                "not json"}) {
            assertThatThrownBy(() -> ProducerIdBlocks.parse(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("/latest_producer_id_block");
        }
    }
}
