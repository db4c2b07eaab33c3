package io.ferrymq.coordinator.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.coordinator.zk.CoordinatorException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProducerIdManagerTest {

    /** The store's contract in memory: blocks follow each other; can be told to fail the next claim. */
    private static final class InMemoryStore implements ProducerIdStore {
        private final List<ProducerIdBlock> claimed = new ArrayList<>();
        private boolean failNext;

        @Override
        public synchronized ProducerIdBlock claimNextBlock(int brokerId) {
            if (failNext) {
                failNext = false;
                throw new CoordinatorException("ZooKeeper is away");
            }
            Optional<ProducerIdBlock> latest = claimed.isEmpty() ? Optional.empty()
                    : Optional.of(claimed.get(claimed.size() - 1));
            ProducerIdBlock next = ProducerIdBlocks.next(latest, brokerId);
            claimed.add(next);
            return next;
        }
    }

    private final InMemoryStore store = new InMemoryStore();

    @Test
    void idsRunThroughABlockAndClaimTheNextOnlyWhenItIsUsedUp() {
        ProducerIdManager manager = new ProducerIdManager(1, store);
        for (long expected = 0; expected < ProducerIdBlocks.BLOCK_SIZE; expected++) {
            assertThat(manager.nextProducerId()).isEqualTo(expected);
        }
        assertThat(store.claimed).containsExactly(new ProducerIdBlock(1, 0, 999));
        assertThat(manager.nextProducerId()).isEqualTo(1000);
        assertThat(store.claimed).hasSize(2);
    }

    @Test
    void twoBrokersSharingTheStoreNeverHandOutTheSameId() {
        ProducerIdManager one = new ProducerIdManager(1, store);
        ProducerIdManager two = new ProducerIdManager(2, store);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 2500; i++) {
            assertThat(seen.add(one.nextProducerId())).isTrue();
            assertThat(seen.add(two.nextProducerId())).isTrue();
        }
        assertThat(store.claimed).extracting(ProducerIdBlock::brokerId).containsExactly(1, 2, 1, 2, 1, 2);
    }

    @Test
    void aNewProducerGetsAFreshIdWithEpochZero() {
        ProducerIdManager manager = new ProducerIdManager(1, store);
        assertThat(manager.grant(Optional.empty())).isEqualTo(new ProducerIdAndEpoch(0, (short) 0));
        assertThat(manager.grant(Optional.empty())).isEqualTo(new ProducerIdAndEpoch(1, (short) 0));
    }

    @Test
    void aKnownProducerKeepsItsIdWithTheNextEpochAndUsesNoNewId() {
        ProducerIdManager manager = new ProducerIdManager(1, store);
        assertThat(manager.grant(Optional.of(new ProducerIdAndEpoch(4242, (short) 6))))
                .isEqualTo(new ProducerIdAndEpoch(4242, (short) 7));
        assertThat(store.claimed).isEmpty();
        assertThat(manager.nextProducerId()).isZero();
    }

    @Test
    void anEpochThatWouldOverflowGetsAFreshId() {
        ProducerIdManager manager = new ProducerIdManager(1, store);
        assertThat(manager.grant(Optional.of(new ProducerIdAndEpoch(4242, (short) (Short.MAX_VALUE - 1)))))
                .isEqualTo(new ProducerIdAndEpoch(4242, Short.MAX_VALUE));
        assertThat(manager.grant(Optional.of(new ProducerIdAndEpoch(4242, Short.MAX_VALUE))))
                .isEqualTo(new ProducerIdAndEpoch(0, (short) 0));
    }

    @Test
    void aFailedClaimIsReportedAndTheNextCallClaimsAgain() {
        ProducerIdManager manager = new ProducerIdManager(1, store);
        store.failNext = true;
        assertThatThrownBy(manager::nextProducerId).isInstanceOf(CoordinatorException.class);
        assertThat(manager.nextProducerId()).isZero();
    }

    @Test
    void identitiesMustNotBeNegative() {
        assertThatThrownBy(() -> new ProducerIdAndEpoch(-1, (short) 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProducerIdAndEpoch(0, (short) -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
