package io.ferrymq.broker.partition;

/**
 * The offset a follower truncates its log to before fetching from a new leader, and whether that
 * truncation is final. When it is not final the follower asks the leader again for its (now
 * older) latest epoch and truncates again.
 *
 * <p>Immutable value.
 */
public record TruncationDecision(long truncateTo, boolean complete) {
}
