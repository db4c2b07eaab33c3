package io.ferrymq.broker.server.handler.group;

import io.ferrymq.broker.group.GroupCoordinator;
import io.ferrymq.broker.server.RequestHandler;
import io.ferrymq.broker.server.handler.ClusterView;
import java.util.List;

/** The handlers of every group API, for the server's dispatcher. Stateless and thread-safe. */
public final class GroupHandlers {

    private GroupHandlers() {
    }

    public static List<RequestHandler<?>> all(GroupCoordinator coordinator, ClusterView cluster) {
        return List.of(
                new FindCoordinatorHandler(coordinator, cluster),
                new JoinGroupHandler(coordinator),
                new SyncGroupHandler(coordinator),
                new HeartbeatHandler(coordinator),
                new LeaveGroupHandler(coordinator),
                new OffsetCommitHandler(coordinator),
                new OffsetFetchHandler(coordinator),
                new ListGroupsHandler(coordinator),
                new DescribeGroupsHandler(coordinator),
                new DeleteGroupsHandler(coordinator));
    }
}
