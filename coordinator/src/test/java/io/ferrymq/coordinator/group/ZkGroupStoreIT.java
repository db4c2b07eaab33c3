package io.ferrymq.coordinator.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.coordinator.metadata.Versioned;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ZkGroupStoreIT {

    private TestingServer server;
    private CuratorFramework curator;
    private ZkGroupStore store;

    @BeforeEach
    void start() throws Exception {
        server = new TestingServer(true);
        curator = CuratorFrameworkFactory.builder().connectString(server.getConnectString())
                .namespace("ferry").retryPolicy(new RetryOneTime(100)).build();
        curator.start();
        store = new ZkGroupStore(curator);
    }

    @AfterEach
    void stop() throws Exception {
        if (curator != null) {
            curator.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void claimCreatesTheGroupThenBumpsTheCoordinatorEpoch() {
        assertThat(store.load("g")).isEmpty();
        Versioned<GroupRecord> first = store.claim("g", 1);
        assertThat(first.value().coordinatorId()).isEqualTo(1);
        Versioned<GroupRecord> second = store.claim("g", 2);
        assertThat(second.value().coordinatorId()).isEqualTo(2);
        assertThat(second.value().coordinatorEpoch()).isEqualTo(first.value().coordinatorEpoch() + 1);
        assertThat(store.load("g")).contains(second);
        assertThat(store.listGroups()).containsExactly("g");
    }

    @Test
    void commitsAreReadBackAndOverwrittenInPlace() throws Exception {
        int version = store.claim("g", 1).version();
        TopicPartition tp = new TopicPartition("t", 0);
        store.commitOffsets("g", version, Map.of(tp, new CommittedOffset(5, "m", 100),
                new TopicPartition("t", 1), new CommittedOffset(7, "", 100)));
        store.commitOffsets("g", version, Map.of(tp, new CommittedOffset(9, "", 200)));
        assertThat(store.fetchOffsets("g")).containsExactlyInAnyOrderEntriesOf(Map.of(
                tp, new CommittedOffset(9, "", 200),
                new TopicPartition("t", 1), new CommittedOffset(7, "", 100)));
        assertThat(curator.getChildren().forPath("/groups/g/offsets/t")).containsExactlyInAnyOrder("0", "1");
        String json = new String(curator.getData().forPath("/groups/g/offsets/t/0"), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"offset\":9,\"metadata\":\"\",\"commitTimestampMs\":200}");
    }

    @Test
    void aDeposedCoordinatorCannotCommitAndNothingOfItsCommitLands() {
        int oldVersion = store.claim("g", 1).version();
        TopicPartition tp = new TopicPartition("t", 0);
        store.commitOffsets("g", oldVersion, Map.of(tp, new CommittedOffset(10, "", 1)));
        store.claim("g", 2);
        assertThatThrownBy(() -> store.commitOffsets("g", oldVersion, Map.of(
                tp, new CommittedOffset(3, "", 2), new TopicPartition("t", 1), new CommittedOffset(4, "", 2))))
                .isInstanceOf(GroupFencedException.class)
                .hasMessageContaining("group g");
        assertThat(store.fetchOffsets("g")).containsExactlyInAnyOrderEntriesOf(Map.of(tp, new CommittedOffset(10, "", 1)));
    }

    @Test
    void generationWritesAreConditional() {
        Versioned<GroupRecord> claimed = store.claim("g", 1);
        GroupRecord next = claimed.value().withGeneration(1, "consumer", "range", "m1", List.of("m1", "m2"));
        int version = store.writeGeneration("g", next, claimed.version());
        assertThat(store.load("g")).contains(new Versioned<>(next, version));
        assertThatThrownBy(() -> store.writeGeneration("g", next, claimed.version()))
                .isInstanceOf(GroupFencedException.class);
    }

    @Test
    void deleteRemovesGroupAndOffsetsOnlyWithTheCurrentVersion() {
        int version = store.claim("g", 1).version();
        store.commitOffsets("g", version, Map.of(new TopicPartition("t", 0), new CommittedOffset(1, "", 1)));
        assertThatThrownBy(() -> store.deleteGroup("g", version + 7)).isInstanceOf(GroupFencedException.class);
        store.deleteGroup("g", version);
        assertThat(store.load("g")).isEmpty();
        assertThat(store.fetchOffsets("g")).isEmpty();
        assertThatThrownBy(() -> store.commitOffsets("g", version, Map.of(new TopicPartition("t", 0),
                new CommittedOffset(2, "", 2)))).isInstanceOf(GroupFencedException.class);
        int recreated = store.claim("g", 1).version();
        store.commitOffsets("g", recreated, Map.of(new TopicPartition("t", 0), new CommittedOffset(3, "", 3)));
        assertThat(store.fetchOffsets("g")).containsEntry(new TopicPartition("t", 0), new CommittedOffset(3, "", 3));
    }

    @Test
    void invalidGroupIdsAreRefusedByName() {
        assertThatThrownBy(() -> store.load("a/b")).isInstanceOf(ApiException.class)
                .hasMessageContaining("INVALID_GROUP_ID").hasMessageContaining("'a/b'");
        assertThatThrownBy(() -> store.claim("", 1)).hasMessageContaining("must not be empty");
    }
}
