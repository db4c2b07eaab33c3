package io.ferrymq.tools.verify;

import java.util.List;
import java.util.Objects;

/**
 * What one {@code ferry verify} run observed, the input of {@link HistoryChecker}: every
 * acknowledged write, how many writes failed, the final read of every partition from its log start
 * to its end, the group's committed offsets sampled over time, and the replicas' checksums over the
 * committed prefix. Times are wall-clock milliseconds of the verifying process. Immutable.
 *
 * @param startMs when the producer started
 * @param endMs when the producer stopped
 * @param attempted how many writes the producer sent
 * @param acked every write the cluster acknowledged, in any order
 * @param failed how many writes ended in an error (not acknowledged: they may or may not be in the log)
 * @param finalRead every record of every partition, read after the workload stopped
 * @param commits the group's committed offsets, sampled while the consumers ran and once at the end
 * @param checksums each replica's checksum of its partition's log up to an offset
 */
public record History(long startMs, long endMs, long attempted, List<Ack> acked, long failed, List<Read> finalRead,
                      List<CommitSample> commits, List<ReplicaChecksum> checksums) {

    public History {
        acked = List.copyOf(acked);
        finalRead = List.copyOf(finalRead);
        commits = List.copyOf(commits);
        checksums = List.copyOf(checksums);
    }

    /**
     * One acknowledged write: its global sequence number, key, sequence number within the key, and where
     * the cluster said it stored it.
     */
    public record Ack(long seq, String key, long keySeq, int partition, long offset, long atMs) {
        public Ack {
            Objects.requireNonNull(key, "key");
        }
    }

    /** One record as read back from the log. */
    public record Read(int partition, long offset, long seq, String key, long keySeq) {
        public Read {
            Objects.requireNonNull(key, "key");
        }
    }

    /** The group's committed offset of one partition as observed at {@code atMs}. */
    public record CommitSample(int partition, long offset, long atMs) {
    }

    /** Broker {@code brokerId}'s checksum of its replica of {@code partition} over offsets [0, upToOffset). */
    public record ReplicaChecksum(int partition, int brokerId, long upToOffset, long checksum) {
    }
}
