/**
 * The handlers of the group APIs (FindCoordinator, JoinGroup, SyncGroup, Heartbeat, LeaveGroup,
 * OffsetCommit, OffsetFetch, ListGroups, DescribeGroups, DeleteGroups), collected by
 * {@link io.ferrymq.broker.server.handler.group.GroupHandlers}: each translates one request for the
 * {@code GroupCoordinator} and its answer back. JoinGroup and SyncGroup answer with delayed responses
 * completed when the group's phase ends. All are thread-safe and called on the server's request threads.
 */
package io.ferrymq.broker.server.handler.group;
