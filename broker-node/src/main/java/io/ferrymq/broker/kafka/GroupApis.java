package io.ferrymq.broker.kafka;

import java.util.List;

/**
 * The translators of Kafka's consumer-group APIs (the classic protocol), served by Ferry's group
 * coordinator; {@link KafkaApis} serves them all. Stateless.
 */
final class GroupApis {

    private GroupApis() {
    }

    static List<KafkaApi<?, ?>> create(KafkaContext context) {
        return List.of(
                new FindCoordinatorApi(),
                new JoinGroupApi(),
                new SyncGroupApi(),
                new HeartbeatApi(),
                new LeaveGroupApi(),
                new OffsetCommitApi(),
                new OffsetFetchApi(),
                new ListGroupsApi(),
                new DescribeGroupsApi(),
                new DeleteGroupsApi());
    }
}
