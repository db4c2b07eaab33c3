package io.ferrymq.tools.verify;

import io.ferrymq.tools.verify.History.Ack;
import io.ferrymq.tools.verify.History.CommitSample;
import io.ferrymq.tools.verify.History.Read;
import io.ferrymq.tools.verify.History.ReplicaChecksum;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Proves or refutes a {@link History}, Jepsen-style: every check is a pure function of the recorded
 * facts.
 * <ul>
 *   <li>{@code LOST}: an acknowledged write is absent from the final read, or its acknowledged
 *       (partition, offset) holds another record;</li>
 *   <li>{@code DUPLICATE}: a write's sequence number appears at more than one offset;</li>
 *   <li>{@code REORDERED}: within one key, reading the log in offset order, a write's per-key sequence
 *       number is below one already seen (writes that failed may be missing, so gaps are fine);</li>
 *   <li>{@code OFFSET_REGRESSION}: the group's committed offset of a partition, sampled in time order,
 *       went below an earlier sample;</li>
 *   <li>{@code REPLICA_DIVERGENCE}: two replicas report different checksums of the same partition up to
 *       the same offset;</li>
 *   <li>{@code UNAVAILABLE}: the longest time within the run with no acknowledgement (from the start to
 *       the first, between two, from the last to the end) exceeds the allowed window.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class HistoryChecker {

    private final Duration maxUnavailable;

    /** A checker that flags any window without acknowledgements longer than {@code maxUnavailable}. */
    public HistoryChecker(Duration maxUnavailable) {
        this.maxUnavailable = maxUnavailable;
    }

    public Verdict check(History history) {
        List<Violation> violations = new ArrayList<>();
        lost(history).ifPresent(violations::add);
        duplicates(history).ifPresent(violations::add);
        reordered(history).ifPresent(violations::add);
        offsetRegressions(history).ifPresent(violations::add);
        divergence(history).ifPresent(violations::add);
        long[] window = longestUnavailable(history);
        if (window[1] > maxUnavailable.toMillis()) {
            violations.add(new Violation(Violation.Kind.UNAVAILABLE, 1, List.of("no acknowledgement for " + window[1]
                    + " ms from " + window[0] + " (allowed " + maxUnavailable.toMillis() + " ms)")));
        }
        return new Verdict(violations, history.attempted(), history.acked().size(), history.failed(),
                history.finalRead().size(), window[1], window[0], history.checksums().size());
    }

    private static Optional<Violation> lost(History history) {
        Map<Long, List<Read>> bySeq = history.finalRead().stream().collect(Collectors.groupingBy(Read::seq));
        Map<String, Read> byPosition = new HashMap<>();
        history.finalRead().forEach(r -> byPosition.put(position(r.partition(), r.offset()), r));
        List<String> examples = new ArrayList<>();
        for (Ack ack : sortedBySeq(history.acked())) {
            String at = position(ack.partition(), ack.offset());
            Read there = byPosition.get(at);
            if (there != null && there.seq() == ack.seq()) {
                continue;
            }
            List<Read> found = bySeq.getOrDefault(ack.seq(), List.of());
            examples.add(found.isEmpty()
                    ? "acked seq " + ack.seq() + " at " + at + " is missing"
                    : "acked seq " + ack.seq() + " at " + at + " but read at "
                            + position(found.get(0).partition(), found.get(0).offset()));
        }
        return violation(Violation.Kind.LOST, examples);
    }

    private static Optional<Violation> duplicates(History history) {
        Map<Long, List<Read>> bySeq = history.finalRead().stream()
                .collect(Collectors.groupingBy(Read::seq, TreeMap::new, Collectors.toList()));
        List<String> examples = new ArrayList<>();
        bySeq.forEach((seq, reads) -> {
            if (reads.size() > 1) {
                examples.add("seq " + seq + " at " + reads.stream().map(r -> position(r.partition(), r.offset()))
                        .collect(Collectors.joining(", ")));
            }
        });
        return violation(Violation.Kind.DUPLICATE, examples);
    }

    private static Optional<Violation> reordered(History history) {
        List<Read> log = new ArrayList<>(history.finalRead());
        log.sort(Comparator.comparingInt(Read::partition).thenComparingLong(Read::offset));
        Map<String, Read> highest = new HashMap<>();
        List<String> examples = new ArrayList<>();
        for (Read r : log) {
            Read before = highest.get(r.key());
            if (before != null && r.keySeq() < before.keySeq()) {
                examples.add("key " + r.key() + ": #" + r.keySeq() + " at " + position(r.partition(), r.offset())
                        + " after #" + before.keySeq() + " at " + position(before.partition(), before.offset()));
            } else {
                highest.put(r.key(), r);
            }
        }
        return violation(Violation.Kind.REORDERED, examples);
    }

    private static Optional<Violation> offsetRegressions(History history) {
        List<CommitSample> samples = new ArrayList<>(history.commits());
        samples.sort(Comparator.comparingLong(CommitSample::atMs));
        Map<Integer, CommitSample> highest = new HashMap<>();
        List<String> examples = new ArrayList<>();
        for (CommitSample s : samples) {
            CommitSample before = highest.get(s.partition());
            if (before != null && s.offset() < before.offset()) {
                examples.add("partition " + s.partition() + " committed " + s.offset() + " at " + s.atMs()
                        + " after " + before.offset() + " at " + before.atMs());
            } else {
                highest.put(s.partition(), s);
            }
        }
        return violation(Violation.Kind.OFFSET_REGRESSION, examples);
    }

    private static Optional<Violation> divergence(History history) {
        Map<String, List<ReplicaChecksum>> byPrefix = history.checksums().stream().collect(Collectors.groupingBy(
                c -> "partition " + c.partition() + " up to offset " + c.upToOffset(), TreeMap::new, Collectors.toList()));
        List<String> examples = new ArrayList<>();
        byPrefix.forEach((prefix, sums) -> {
            if (sums.stream().map(ReplicaChecksum::checksum).distinct().count() > 1) {
                examples.add(prefix + ": " + sums.stream().sorted(Comparator.comparingInt(ReplicaChecksum::brokerId))
                        .map(c -> "broker " + c.brokerId() + "=" + Long.toHexString(c.checksum()))
                        .collect(Collectors.joining(", ")));
            }
        });
        return violation(Violation.Kind.REPLICA_DIVERGENCE, examples);
    }

    /** {start of the longest window, its length}, over [startMs, endMs] cut at every acknowledgement. */
    static long[] longestUnavailable(History history) {
        long[] times = history.acked().stream().mapToLong(Ack::atMs)
                .filter(t -> t >= history.startMs() && t <= history.endMs()).sorted().toArray();
        long previous = history.startMs();
        long[] longest = {history.startMs(), 0};
        for (int i = 0; i <= times.length; i++) {
            long next = i < times.length ? times[i] : history.endMs();
            if (next - previous > longest[1]) {
                longest[0] = previous;
                longest[1] = next - previous;
            }
            previous = next;
        }
        return longest;
    }

    private static List<Ack> sortedBySeq(List<Ack> acks) {
        return acks.stream().sorted(Comparator.comparingLong(Ack::seq)).toList();
    }

    private static Optional<Violation> violation(Violation.Kind kind, List<String> examples) {
        return examples.isEmpty() ? Optional.empty() : Optional.of(new Violation(kind, examples.size(), examples));
    }

    private static String position(int partition, long offset) {
        return "p" + partition + "@" + offset;
    }
}
