package io.ferrymq.broker.console;

import io.ferrymq.client.admin.TopicDescription;
import io.ferrymq.client.consumer.internals.group.GroupDetails;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The console's JSON endpoints, all read-only ({@code GET}):
 * {@code /api/cluster}, {@code /api/topics}, {@code /api/groups}, {@code /api/groups/<id>} and
 * {@code /api/messages?topic=&partition=&offset=|timestamp=&limit=}. A bad query answers 400, a
 * cluster error (unknown topic, no leader) 502, both as {@code {"error":"..."}}. Thread-safe.
 */
public final class ConsoleApi {

    static final String PREFIX = "/api/";

    private final int self;
    private final ClusterClients clients;
    private final ClusterPoller poller;
    private final LagHistory lagHistory;

    public ConsoleApi(int self, ClusterClients clients, ClusterPoller poller, LagHistory lagHistory) {
        this.self = self;
        this.clients = clients;
        this.poller = poller;
        this.lagHistory = lagHistory;
    }

    public ConsoleResponse handle(String path, String rawQuery) {
        try {
            return ConsoleResponse.json(200, route(path.substring(PREFIX.length()), rawQuery));
        } catch (IllegalArgumentException e) {
            return ConsoleResponse.json(400, error(e.getMessage()));
        } catch (ApiException e) {
            return ConsoleResponse.json(502, error(e.getMessage()));
        }
    }

    private String route(String resource, String rawQuery) {
        if (resource.equals("cluster")) {
            List<TopicDescription> topics = clients.topics();
            return Json.line(ClusterJson.cluster(clients.clusterId(), self, poller.brokers(), topics));
        }
        if (resource.equals("topics")) {
            return Json.line(ClusterJson.topics(poller.brokers(), clients.topics()));
        }
        if (resource.equals("groups")) {
            ArrayNode rows = Json.array();
            clients.groups().forEach(g -> rows.add(GroupJson.summary(clients.group(g.groupId()))));
            return Json.line(rows);
        }
        if (resource.startsWith("groups/") && resource.length() > "groups/".length()) {
            String groupId = URLDecoder.decode(resource.substring("groups/".length()), StandardCharsets.UTF_8);
            GroupDetails group = clients.group(groupId);
            return Json.line(GroupJson.details(group, lagHistory.points(groupId)));
        }
        if (resource.equals("messages")) {
            MessageQuery query = MessageQuery.parse(rawQuery);
            ClusterClients.MessagePage page = clients.messages(query);
            return Json.line(MessageJson.page(query, page.logStartOffset(), page.logEndOffset(), page.records()));
        }
        throw new IllegalArgumentException("no such console endpoint: " + PREFIX + resource);
    }

    private static String error(String message) {
        return Json.line(Json.object().put("error", message));
    }
}
