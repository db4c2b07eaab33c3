package io.ferrymq.broker.partition;

/**
 * What a follower's fetch changed on the leader: whether the high watermark moved (wake acks=all
 * waiters and consumer long polls) and whether the follower may now join the ISR (schedule the
 * conditional ISR write).
 *
 * <p>Immutable value.
 */
public record FollowerFetchUpdate(boolean highWatermarkMoved, boolean mayExpandIsr) {

    public static final FollowerFetchUpdate NOTHING = new FollowerFetchUpdate(false, false);
}
