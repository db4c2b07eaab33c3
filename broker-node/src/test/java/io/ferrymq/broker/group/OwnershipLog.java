package io.ferrymq.broker.group;

import io.ferrymq.common.TopicPartition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Members' own assigned/revoked events in one global order, and the check that no partition is
 * ever assigned to a member while another still holds it. Thread-safe (synchronized).
 */
final class OwnershipLog {

    private record Event(String member, boolean assigned, List<TopicPartition> partitions) {
    }

    private final List<Event> events = new ArrayList<>();

    synchronized void assigned(String member, Collection<TopicPartition> partitions) {
        events.add(new Event(member, true, List.copyOf(partitions)));
    }

    synchronized void revoked(String member, Collection<TopicPartition> partitions) {
        events.add(new Event(member, false, List.copyOf(partitions)));
    }

    synchronized List<String> violations() {
        return violationsIgnoring("");
    }

    /** Violations, not counting a member that crashed (it never gets to revoke). */
    synchronized List<String> violationsIgnoring(String crashed) {
        Map<TopicPartition, String> owner = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Event event : events) {
            if (event.member().equals(crashed)) {
                continue;
            }
            for (TopicPartition tp : event.partitions()) {
                if (event.assigned()) {
                    String previous = owner.putIfAbsent(tp, event.member());
                    if (previous != null) {
                        problems.add(tp + " assigned to " + event.member() + " while " + previous + " owns it");
                    }
                } else if (!event.member().equals(owner.remove(tp))) {
                    problems.add(tp + " revoked from " + event.member() + " which did not own it");
                }
            }
        }
        return problems;
    }
}
