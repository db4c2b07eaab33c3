package io.ferrymq.coordinator.group;

import io.ferrymq.common.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code /groups/<group>} holds: the last completed generation (id, protocol type and name,
 * leader, member ids) and which broker coordinates the group, with a coordinator epoch bumped by
 * every broker that takes the group over. Any write of this node changes its znode version, which
 * is what fences offset commits (see {@link GroupPaths}). Immutable and thread-safe.
 */
public record GroupRecord(int generation, String protocolType, String protocol, String leader,
                          List<String> members, int coordinatorId, int coordinatorEpoch) {

    public GroupRecord {
        Objects.requireNonNull(protocolType, "protocolType");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(leader, "leader");
        members = List.copyOf(members);
        if (generation < 0) {
            throw new IllegalArgumentException("generation must be >= 0, was " + generation);
        }
    }

    /** A group nobody has joined yet, taken over by {@code coordinatorId}. */
    public static GroupRecord initial(int coordinatorId) {
        return new GroupRecord(0, "", "", "", List.of(), coordinatorId, 0);
    }

    /** The same group, claimed by {@code brokerId} with the next coordinator epoch. */
    public GroupRecord claimedBy(int brokerId) {
        return new GroupRecord(generation, protocolType, protocol, leader, members, brokerId, coordinatorEpoch + 1);
    }

    /** The same coordinator, a new generation. */
    public GroupRecord withGeneration(int newGeneration, String newProtocolType, String newProtocol,
                                      String newLeader, List<String> newMembers) {
        return new GroupRecord(newGeneration, newProtocolType, newProtocol, newLeader, newMembers,
                coordinatorId, coordinatorEpoch);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", 1);
        json.put("generation", generation);
        json.put("protocolType", protocolType);
        json.put("protocol", protocol);
        json.put("leader", leader);
        json.put("members", members);
        json.put("coordinatorId", coordinatorId);
        json.put("coordinatorEpoch", coordinatorEpoch);
        return json;
    }

    public static GroupRecord fromJson(JsonObject json) {
        return new GroupRecord(json.requireInt("generation"), json.requireString("protocolType"),
                json.requireString("protocol"), json.requireString("leader"), json.requireStringList("members"),
                json.requireInt("coordinatorId"), json.requireInt("coordinatorEpoch"));
    }
}
