package io.ferrymq.broker.group;

import io.ferrymq.broker.group.GenerationListener.Generation;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.coordinator.group.GroupFencedException;
import io.ferrymq.coordinator.group.GroupRecord;
import io.ferrymq.coordinator.group.GroupStore;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A group this broker coordinates: the {@link Group} state machine, the version of
 * {@code /groups/<group>} this broker last wrote (the commit fence), the record it wrote, and a
 * cache of committed offsets for lag. Every ZooKeeper write of the group runs on its one
 * {@code stripe} thread, in order, so each uses the version the previous one produced.
 *
 * <p>Thread-safe: {@code zkVersion} and {@code record} are only written on the stripe thread; the
 * offset cache is concurrent.
 */
final class GroupEntry implements GenerationListener {

    private static final Logger log = LoggerFactory.getLogger(GroupEntry.class);

    final String groupId;
    final Group group;
    final Executor stripe;
    final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
    private final GroupStore store;
    private final Consumer<String> onFenced;
    private volatile int zkVersion;
    private volatile GroupRecord record;

    GroupEntry(String groupId, GroupRecord record, int zkVersion, GroupCoordinatorContext context,
               Executor stripe, Consumer<String> onFenced) {
        this.groupId = groupId;
        this.record = record;
        this.zkVersion = zkVersion;
        this.store = context.store();
        this.stripe = stripe;
        this.onFenced = onFenced;
        this.group = new Group(groupId, record.generation(), context.config(), context.clock(), this);
    }

    int zkVersion() {
        return zkVersion;
    }

    GroupRecord record() {
        return record;
    }

    @Override
    public void onNewGeneration(String id, Generation generation) {
        stripe.execute(() -> {
            GroupRecord next = record.withGeneration(generation.generationId(), generation.protocolType(),
                    generation.protocol(), generation.leaderId(), generation.memberIds());
            try {
                zkVersion = store.writeGeneration(groupId, next, zkVersion);
                record = next;
            } catch (GroupFencedException e) {
                log.warn("Lost group {} while writing generation {}: {}", groupId, generation.generationId(), e.getMessage());
                onFenced.accept(groupId);
            } catch (RuntimeException e) {
                log.error("Could not persist generation {} of group {}; unloading it", generation.generationId(), groupId, e);
                onFenced.accept(groupId);
            }
        });
    }

    OptionalLong committedOffset(TopicPartition tp) {
        Long offset = committed.get(tp);
        return offset == null ? OptionalLong.empty() : OptionalLong.of(offset);
    }
}
