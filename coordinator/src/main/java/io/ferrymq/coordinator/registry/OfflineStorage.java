package io.ferrymq.coordinator.registry;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a live broker reports as failed storage in its registration (KIP-112's offline log dirs):
 * the log dirs it took offline since it started and the partition replicas that lived in them (or
 * could not be opened at start-up because a dir was offline). Both clear themselves with the
 * ephemeral registration, since a dir comes back only after a restart. JSON fields, written only
 * when non-empty so a healthy broker's registration keeps its older form:
 * {@code "offline_log_dirs":["/d1"],"offline_replicas":{"topic":[0,2]}}.
 *
 * <p>Immutable and thread-safe.
 */
public record OfflineStorage(SortedSet<String> logDirs, SortedSet<TopicPartition> replicas) {

    /** A broker whose every log dir is online. */
    public static final OfflineStorage NONE = new OfflineStorage(new TreeSet<>(), new TreeSet<>());

    static final String LOG_DIRS_FIELD = "offline_log_dirs";
    static final String REPLICAS_FIELD = "offline_replicas";

    public OfflineStorage {
        logDirs = Collections.unmodifiableSortedSet(new TreeSet<>(logDirs));
        replicas = Collections.unmodifiableSortedSet(new TreeSet<>(replicas));
    }

    public boolean isEmpty() {
        return logDirs.isEmpty() && replicas.isEmpty();
    }

    /** Whether the broker reported its replica of {@code partition} offline. */
    public boolean isOffline(TopicPartition partition) {
        return replicas.contains(partition);
    }

    /** Adds the fields to a registration's JSON (nothing when every dir is online). */
    void writeTo(Map<String, Object> json) {
        if (logDirs.isEmpty() && replicas.isEmpty()) {
            return;
        }
        json.put(LOG_DIRS_FIELD, List.copyOf(logDirs));
        Map<String, List<Integer>> byTopic = new TreeMap<>();
        replicas.forEach(tp -> byTopic.computeIfAbsent(tp.topic(), t -> new ArrayList<>()).add(tp.partition()));
        json.put(REPLICAS_FIELD, byTopic);
    }

    /** Reads the fields of a registration; absent fields mean none offline. */
    static OfflineStorage readFrom(JsonObject json) {
        if (!json.fieldNames().contains(LOG_DIRS_FIELD) && !json.fieldNames().contains(REPLICAS_FIELD)) {
            return NONE;
        }
        SortedSet<String> dirs = json.fieldNames().contains(LOG_DIRS_FIELD)
                ? new TreeSet<>(json.requireStringList(LOG_DIRS_FIELD)) : new TreeSet<>();
        JsonObject byTopic = json.object(REPLICAS_FIELD);
        SortedSet<TopicPartition> replicas = new TreeSet<>();
        for (String topic : byTopic.fieldNames()) {
            byTopic.requireIntList(topic).forEach(p -> replicas.add(new TopicPartition(topic, p)));
        }
        return new OfflineStorage(dirs, replicas);
    }
}
