package io.ferrymq.client.consumer.internals.group;

/**
 * A commit refused because this member no longer owns the partitions: the group rebalanced
 * (ILLEGAL_GENERATION, UNKNOWN_MEMBER_ID, REBALANCE_IN_PROGRESS) or the group is active and the
 * commit came from outside it. Not retriable: the records since the last commit may be consumed
 * again by the new owner.
 */
public class CommitFailedException extends RuntimeException {

    public CommitFailedException(String message) {
        super(message);
    }
}
