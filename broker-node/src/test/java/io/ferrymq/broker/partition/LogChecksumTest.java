package io.ferrymq.broker.partition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogChecksumTest {

    private static void appendAsLeader(InMemoryReplicaLog log, int epoch, String... values) {
        log.appendAsLeader(log.validateAsLeader(Batches.of(values), Optional.empty()), epoch);
    }

    private static InMemoryReplicaLog copyOf(InMemoryReplicaLog leader, long upTo) {
        InMemoryReplicaLog follower = new InMemoryReplicaLog();
        follower.appendAsFollower(leader.read(0, Integer.MAX_VALUE, upTo, true).toByteBuffer());
        return follower;
    }

    @Test
    void aFollowerHoldingTheLeadersBatchesHasTheSameChecksum() {
        InMemoryReplicaLog leader = new InMemoryReplicaLog();
        appendAsLeader(leader, 1, "a", "b");
        appendAsLeader(leader, 1, "c");
        InMemoryReplicaLog follower = copyOf(leader, 3);

        LogChecksum onLeader = LogChecksum.compute(leader, 3);

        assertThat(LogChecksum.compute(follower, 3)).isEqualTo(onLeader);
        assertThat(onLeader.logStartOffset()).isZero();
        assertThat(onLeader.upToOffset()).isEqualTo(3);
        assertThat(LogChecksum.compute(leader, 2)).isNotEqualTo(onLeader);
    }

    @Test
    void aDivergentSuffixChangesTheChecksumButNotThatOfTheCommonPrefix() {
        InMemoryReplicaLog leader = new InMemoryReplicaLog();
        appendAsLeader(leader, 1, "a", "b");
        InMemoryReplicaLog follower = copyOf(leader, 2);
        appendAsLeader(leader, 2, "c");
        appendAsLeader(follower, 1, "x");

        assertThat(LogChecksum.compute(follower, 3).checksum()).isNotEqualTo(LogChecksum.compute(leader, 3).checksum());
        assertThat(LogChecksum.compute(follower, 2)).isEqualTo(LogChecksum.compute(leader, 2));
    }

    @Test
    void aBatchStraddlingTheOffsetIsLeftOutAndTheCoveredEndSaysSo() {
        InMemoryReplicaLog log = new InMemoryReplicaLog();
        appendAsLeader(log, 1, "a");
        appendAsLeader(log, 1, "b", "c", "d");

        LogChecksum partial = LogChecksum.compute(log, 3);

        assertThat(partial.upToOffset()).isEqualTo(1);
        assertThat(partial).isEqualTo(LogChecksum.compute(log, 1));
    }

    @Test
    void anEmptyPrefixHasTheChecksumOfNoBytesAndAnOffsetPastTheEndIsRefused() {
        InMemoryReplicaLog log = new InMemoryReplicaLog();
        appendAsLeader(log, 1, "a");

        assertThat(LogChecksum.compute(log, 0)).isEqualTo(new LogChecksum(0, 0, 0));
        assertThatThrownBy(() -> LogChecksum.compute(log, 2)).hasMessageContaining("past the log end 1");
    }
}
