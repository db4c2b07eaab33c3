package io.ferrymq.coordinator.group;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;

/**
 * The consumer-group part of Ferry's ZooKeeper tree, under the chroot (see
 * {@link io.ferrymq.coordinator.zk.ZkPaths} for the rest):
 *
 * <pre>
 * /groups/&lt;group&gt;                             PERSISTENT {"version":1,"generation":3,"protocolType":"consumer",
 *                                               "protocol":"range","leader":"m-1","members":["m-1","m-2"],
 *                                               "coordinatorId":2,"coordinatorEpoch":5}
 *                                               written only conditionally; its version fences commits
 * /groups/&lt;group&gt;/offsets/&lt;topic&gt;/&lt;partition&gt;  PERSISTENT {"offset":42,"metadata":"","commitTimestampMs":n}
 *                                               overwritten in place by a transaction that check()s the
 *                                               group node's version
 * </pre>
 *
 * <p>Storage is bounded: one node per group and one per (group, partition) ever committed. Group
 * ids must be non-empty, at most 249 characters, without '/', and not "." or "..". Stateless and
 * thread-safe.
 */
public final class GroupPaths {

    public static final String GROUPS = "/groups";

    private GroupPaths() {
    }

    public static String group(String groupId) {
        validateGroupId(groupId);
        return GROUPS + "/" + groupId;
    }

    public static String offsets(String groupId) {
        return group(groupId) + "/offsets";
    }

    public static String topicOffsets(String groupId, String topic) {
        return offsets(groupId) + "/" + topic;
    }

    public static String offset(String groupId, TopicPartition tp) {
        return topicOffsets(groupId, tp.topic()) + "/" + tp.partition();
    }

    /** Throws an INVALID_GROUP_ID {@link io.ferrymq.common.errors.ApiException} naming the problem. */
    public static void validateGroupId(String groupId) {
        String problem = null;
        if (groupId == null || groupId.isEmpty()) {
            problem = "group id must not be empty";
        } else if (groupId.length() > 249) {
            problem = "group id longer than 249 characters";
        } else if (groupId.contains("/") || groupId.equals(".") || groupId.equals("..")) {
            problem = "group id '" + groupId + "' must not contain '/' nor be '.' or '..'";
        } else if (groupId.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            problem = "group id contains a control character";
        }
        if (problem != null) {
            throw ErrorCode.INVALID_GROUP_ID.exception(problem);
        }
    }
}
