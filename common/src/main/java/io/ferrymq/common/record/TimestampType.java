package io.ferrymq.common.record;

/**
 * Whose clock a batch's timestamps come from: the producer's ({@link #CREATE_TIME}, attribute
 * bit 3 clear) or the broker's ({@link #LOG_APPEND_TIME}, bit 3 set). Immutable.
 */
public enum TimestampType {
    CREATE_TIME,
    LOG_APPEND_TIME
}
