package io.ferrymq.broker.kafka.group;

import io.ferrymq.broker.kafka.KafkaApi;
import io.ferrymq.broker.kafka.KafkaApis;
import io.ferrymq.broker.kafka.KafkaContext;
import java.util.List;

/**
 * The translators of Kafka's consumer-group APIs (the classic protocol), served by Ferry's group
 * coordinator; {@link KafkaApis} serves them all. Stateless.
 */
public final class GroupApis {

    private GroupApis() {
    }

    public static List<KafkaApi<?, ?>> create(KafkaContext context) {
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
