package io.ferrymq.client.admin;

import io.ferrymq.common.Node;
import java.util.List;

/** The cluster id and the live brokers, sorted by id. Immutable. */
public record ClusterDescription(String clusterId, List<Node> nodes) {

    public ClusterDescription {
        nodes = List.copyOf(nodes);
    }
}
