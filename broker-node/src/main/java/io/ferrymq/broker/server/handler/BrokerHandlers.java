package io.ferrymq.broker.server.handler;

import io.ferrymq.broker.replication.ReplicaManager;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.coordinator.metadata.MetadataStore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the broker's handler set: one handler per API key this broker serves (the data plane over
 * the {@link ReplicaManager}, topic administration over the {@link MetadataStore}), plus
 * ApiVersions listing exactly those keys. Other areas' handlers (the group coordinator's) come in
 * as {@code extraHandlers}.
 *
 * <p>Stateless; thread-safe.
 */
public final class BrokerHandlers {

    private BrokerHandlers() {
    }

    public static List<RequestHandler<?>> create(ReplicaManager replicaManager, MetadataStore metadata,
                                                 ClusterView cluster, TopicDefaults defaults,
                                                 List<? extends RequestHandler<?>> extraHandlers) {
        LeaderWaiter leaderWaiter = new LeaderWaiter(metadata);
        List<RequestHandler<?>> handlers = new ArrayList<>(List.of(
                new ProduceHandler(replicaManager),
                new FetchHandler(replicaManager),
                new ListOffsetsHandler(replicaManager),
                new OffsetsForLeaderEpochHandler(replicaManager),
                new MetadataHandler(cluster, metadata, defaults),
                new DescribeClusterHandler(cluster),
                new DescribeReplicaChecksumsHandler(replicaManager),
                new CreateTopicsHandler(metadata, leaderWaiter, defaults),
                new DeleteTopicsHandler(metadata, defaults),
                new CreatePartitionsHandler(metadata, leaderWaiter),
                new ElectLeadersHandler(metadata, replicaManager.elections()),
                new AlterPartitionReassignmentsHandler(metadata),
                new ListPartitionReassignmentsHandler(metadata)));
        handlers.addAll(extraHandlers);
        Set<ApiKey> served = EnumSet.noneOf(ApiKey.class);
        handlers.forEach(handler -> served.add(handler.apiKey()));
        handlers.add(new ApiVersionsHandler(served));
        return handlers;
    }
}
