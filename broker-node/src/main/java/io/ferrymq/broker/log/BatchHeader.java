package io.ferrymq.broker.log;

/**
 * The fields of a stored batch that the log needs to find, bound and index it and to rebuild the
 * producer state, read from the file without loading the records, and the leader epoch it was written in (to
 * rebuild the leader-epoch cache during recovery). Immutable.
 */
record BatchHeader(int position, long baseOffset, long lastOffset, int size, int partitionLeaderEpoch,
                   long maxTimestamp, long producerId, short producerEpoch, int baseSequence) {

    long nextOffset() {
        return lastOffset + 1;
    }

    int endPosition() {
        return position + size;
    }
}
