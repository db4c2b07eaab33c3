package io.ferrymq.broker.group;

/** One line of ListGroups: id, protocol type and state. Immutable and thread-safe. */
public record GroupOverview(String groupId, String protocolType, GroupState state) {
}
