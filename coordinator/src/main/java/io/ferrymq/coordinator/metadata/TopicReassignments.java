package io.ferrymq.coordinator.metadata;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes reassignments into topic znodes: each topic of a request is read with its version, every
 * partition's change is decided by {@link ReassignmentPolicy} and the topic is written back at that
 * version (re-read and re-decided up to {@value #ATTEMPTS} times when another writer got there first).
 * Thread-safe.
 */
final class TopicReassignments {

    private static final Logger LOG = LoggerFactory.getLogger(TopicReassignments.class);
    private static final int ATTEMPTS = 5;

    private final TopicZnode znode;

    TopicReassignments(TopicZnode znode) {
        this.znode = znode;
    }

    Map<TopicPartition, ReassignmentResult> alter(Map<TopicPartition, Optional<List<Integer>>> targets,
                                                  Set<Integer> liveBrokers) {
        Map<String, Map<TopicPartition, Optional<List<Integer>>>> byTopic = new LinkedHashMap<>();
        targets.forEach((tp, target) -> byTopic.computeIfAbsent(tp.topic(), t -> new LinkedHashMap<>()).put(tp, target));
        Map<TopicPartition, ReassignmentResult> results = new LinkedHashMap<>();
        byTopic.forEach((topic, changes) -> results.putAll(alterTopic(topic, changes, liveBrokers)));
        return results;
    }

    private Map<TopicPartition, ReassignmentResult> alterTopic(String topic,
            Map<TopicPartition, Optional<List<Integer>>> changes, Set<Integer> liveBrokers) {
        for (int attempt = 1; ; attempt++) {
            Versioned<TopicMetadata> current;
            try {
                current = znode.read(topic);
            } catch (ApiException e) {
                return allFailed(changes, e);
            }
            Map<TopicPartition, ReassignmentResult> results = new LinkedHashMap<>();
            TopicMetadata updated = apply(current.value(), changes, liveBrokers, results);
            try {
                if (updated.equals(current.value()) || znode.writeIfUnchanged(updated, current.version())) {
                    results.forEach((tp, r) -> {
                        if (r.error() == ErrorCode.NONE) {
                            LOG.info("Reassignment of {}: replicas now {} ({})", tp, updated.replicas(tp.partition()),
                                    updated.reassignment(tp.partition()).map(Object::toString).orElse("no reassignment"));
                        }
                    });
                    return results;
                }
            } catch (ApiException e) {
                return allFailed(changes, e);
            }
            if (attempt == ATTEMPTS) {
                return allFailed(changes, ErrorCode.INVALID_REQUEST.exception("topic '" + topic
                        + "' kept changing concurrently; retry"));
            }
        }
    }

    private static TopicMetadata apply(TopicMetadata topic, Map<TopicPartition, Optional<List<Integer>>> changes,
                                       Set<Integer> liveBrokers, Map<TopicPartition, ReassignmentResult> results) {
        Map<Integer, List<Integer>> assignment = new HashMap<>(topic.assignment());
        Map<Integer, PartitionReassignment> reassignments = new HashMap<>(topic.reassignments());
        changes.forEach((tp, target) -> {
            int p = tp.partition();
            if (!assignment.containsKey(p)) {
                results.put(tp, new ReassignmentResult(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, tp + " does not exist"));
                return;
            }
            try {
                ReassignmentPolicy.Assignment current = new ReassignmentPolicy.Assignment(assignment.get(p),
                        Optional.ofNullable(reassignments.get(p)));
                ReassignmentPolicy.Assignment next = target.isPresent()
                        ? ReassignmentPolicy.reassign(current, target.get(), liveBrokers)
                        : ReassignmentPolicy.cancel(current);
                assignment.put(p, next.replicas());
                next.reassignment().ifPresentOrElse(r -> reassignments.put(p, r), () -> reassignments.remove(p));
                results.put(tp, ReassignmentResult.DONE);
            } catch (ApiException e) {
                results.put(tp, new ReassignmentResult(e.error(), tp + ": " + e.getMessage()));
            }
        });
        return new TopicMetadata(topic.name(), assignment, topic.configs(), reassignments);
    }

    boolean complete(TopicPartition tp, PartitionReassignment expected) {
        Versioned<TopicMetadata> current = znode.read(tp.topic());
        TopicMetadata topic = current.value();
        if (!topic.reassignment(tp.partition()).equals(Optional.of(expected))) {
            return false;
        }
        ReassignmentPolicy.Assignment done = ReassignmentPolicy.complete(topic.assignmentOf(tp.partition()));
        Map<Integer, List<Integer>> assignment = new HashMap<>(topic.assignment());
        assignment.put(tp.partition(), done.replicas());
        Map<Integer, PartitionReassignment> reassignments = new HashMap<>(topic.reassignments());
        reassignments.remove(tp.partition());
        boolean written = znode.writeIfUnchanged(new TopicMetadata(topic.name(), assignment, topic.configs(),
                reassignments), current.version());
        if (written) {
            LOG.info("Reassignment of {} complete: replicas now {}", tp, done.replicas());
        }
        return written;
    }

    private static Map<TopicPartition, ReassignmentResult> allFailed(Map<TopicPartition, Optional<List<Integer>>> changes,
                                                                     ApiException e) {
        Map<TopicPartition, ReassignmentResult> out = new LinkedHashMap<>();
        changes.keySet().forEach(tp -> out.put(tp, new ReassignmentResult(e.error(), e.getMessage())));
        return out;
    }
}
