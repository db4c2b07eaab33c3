package io.ferrymq.broker.console;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.client.admin.AdminConfig;
import io.ferrymq.client.admin.FerryAdmin;
import io.ferrymq.client.admin.NewTopic;
import io.ferrymq.client.admin.TopicDescription;
import io.ferrymq.client.common.serialization.ByteArrayDeserializer;
import io.ferrymq.client.consumer.ConsumerConfig;
import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.client.consumer.FerryConsumer;
import io.ferrymq.client.consumer.OffsetAndTimestamp;
import io.ferrymq.client.consumer.internals.Deserializers;
import io.ferrymq.client.consumer.internals.group.GroupAdmin;
import io.ferrymq.client.consumer.internals.group.GroupDetails;
import io.ferrymq.client.network.BrokerAddress;
import io.ferrymq.client.network.ClientSecurity;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.protocol.responses.ListGroupsResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The console's view of the whole cluster through Ferry's own client, connected to this broker's
 * inter-broker listener with its security: topics as {@code ferry topics describe} sees them,
 * groups as {@code ferry groups describe} does, and records read by a group-less consumer (so
 * partitions this broker does not host, and groups coordinated elsewhere, are seen too). The admin
 * client is kept open, and so is one group admin per group that {@link #totalLagByGroup} found
 * listed (dropped once the group is no longer listed), so sampling every few seconds does not look
 * the coordinator up, and log it, each time; other groups' admins and consumers are per request.
 *
 * <p>Thread-safe: the admin client is; each kept group admin is used under its own lock.
 */
public final class ClusterClients implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final BrokerAddress bootstrap;
    private final ClientSecurity security;
    private final Admin admin;
    private final Map<String, GroupAdmin> groupAdmins = new ConcurrentHashMap<>();

    public ClusterClients(BrokerAddress bootstrap, ClientSecurity security) {
        this.bootstrap = bootstrap;
        this.security = security;
        AdminConfig config = AdminConfig.parse(Map.of(AdminConfig.BOOTSTRAP_SERVERS, address(),
                AdminConfig.CLIENT_ID, "ferry-console", AdminConfig.DEFAULT_API_TIMEOUT_MS, (int) TIMEOUT.toMillis()));
        this.admin = new FerryAdmin(config.withSecurity(security), null, Clock.systemUTC());
    }

    public String clusterId() {
        return admin.describeCluster().clusterId();
    }

    /** Every topic, sorted by name. */
    public List<TopicDescription> topics() {
        Set<String> names = admin.listTopics();
        if (names.isEmpty()) {
            return List.of();
        }
        return admin.describeTopics(names).values().stream()
                .sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    public List<ListGroupsResponse.GroupListing> groups() {
        return use(groupAdmins.computeIfAbsent("", this::groupAdmin), GroupAdmin::listGroups, "");
    }

    public GroupDetails group(String groupId) {
        GroupAdmin kept = groupAdmins.get(groupId);
        if (kept != null) {
            return use(kept, GroupAdmin::describe, groupId);
        }
        try (GroupAdmin once = groupAdmin(groupId)) {
            return once.describe();
        }
    }

    /** Every listed group's lag summed over its partitions, as {@code ferry groups describe} shows it. */
    public Map<String, Long> totalLagByGroup() {
        Map<String, Long> totals = new TreeMap<>();
        Set<String> listed = new HashSet<>();
        for (ListGroupsResponse.GroupListing g : groups()) {
            listed.add(g.groupId());
            GroupAdmin kept = groupAdmins.computeIfAbsent(g.groupId(), this::groupAdmin);
            totals.put(g.groupId(), GroupJson.totalLag(use(kept, GroupAdmin::describe, g.groupId())));
        }
        groupAdmins.keySet().stream().filter(id -> !id.isEmpty() && !listed.contains(id)).toList()
                .forEach(id -> Optional.ofNullable(groupAdmins.remove(id)).ifPresent(ClusterClients::closeUnderLock));
        return totals;
    }

    private static void closeUnderLock(GroupAdmin kept) {
        synchronized (kept) {
            kept.close();
        }
    }

    private GroupAdmin groupAdmin(String groupId) {
        return new GroupAdmin(List.of(bootstrap), groupId, TIMEOUT, security);
    }

    /** Runs {@code call} on a kept group admin under its lock; one that failed is dropped and closed. */
    private <T> T use(GroupAdmin kept, Function<GroupAdmin, T> call, String key) {
        synchronized (kept) {
            try {
                return call.apply(kept);
            } catch (RuntimeException e) {
                if (groupAdmins.remove(key, kept)) {
                    kept.close();
                }
                throw e;
            }
        }
    }

    /**
     * Makes {@code alteration} as the broker (the principal's ACLs were checked by the caller):
     * topics through the admin client, a group through a group admin on its coordinator.
     */
    public void apply(ConsoleAlteration alteration) {
        if (alteration instanceof ConsoleAlteration.CreateTopic create) {
            admin.createTopics(List.of(new NewTopic(create.topic(), create.partitions(), create.replicationFactor())));
        } else if (alteration instanceof ConsoleAlteration.AddPartitions add) {
            admin.createPartitions(Map.of(add.topic(), add.totalPartitions()));
        } else if (alteration instanceof ConsoleAlteration.DeleteTopic delete) {
            admin.deleteTopics(List.of(delete.topic()));
        } else {
            String groupId = ((ConsoleAlteration.DeleteGroup) alteration).groupId();
            try (GroupAdmin once = groupAdmin(groupId)) {
                once.deleteGroup();
            }
        }
    }

    /** Up to {@code query.limit()} records from where the query says, with the partition's start and end offsets. */
    public MessagePage messages(MessageQuery query) {
        TopicPartition tp = new TopicPartition(query.topic(), query.partition());
        ConsumerConfig config = ConsumerConfig.parse(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS, address(),
                ConsumerConfig.CLIENT_ID, "ferry-console", ConsumerConfig.MAX_POLL_RECORDS, query.limit(),
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS, (int) TIMEOUT.toMillis()));
        try (FerryConsumer<byte[], byte[]> consumer = new FerryConsumer<>(config.withSecurity(security),
                new Deserializers<>(new ByteArrayDeserializer(), new ByteArrayDeserializer()), null, Clock.systemUTC())) {
            consumer.assign(List.of(tp));
            long start = consumer.beginningOffsets(List.of(tp)).get(tp);
            long end = consumer.endOffsets(List.of(tp)).get(tp);
            long from = startOffset(consumer, tp, query, start, end);
            List<ConsumerRecord<byte[], byte[]>> records = from >= end ? List.of() : read(consumer, tp, from, end, query.limit());
            return new MessagePage(start, end, records);
        }
    }

    private static long startOffset(FerryConsumer<byte[], byte[]> consumer, TopicPartition tp, MessageQuery query,
                                    long start, long end) {
        if (query.timestamp().isPresent()) {
            OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(tp, query.timestamp().getAsLong())).get(tp);
            return found == null ? end : found.offset();
        }
        return Math.max(start, query.offset().orElse(start));
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(FerryConsumer<byte[], byte[]> consumer, TopicPartition tp,
                                                             long from, long end, int limit) {
        consumer.seek(tp, from);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (out.size() < limit && consumer.position(tp) < end && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                if (out.size() < limit) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private String address() {
        return bootstrap.host() + ":" + bootstrap.port();
    }

    @Override
    public void close() {
        admin.close();
        groupAdmins.values().forEach(ClusterClients::closeUnderLock);
    }

    /** Records read for the browser and the partition's offsets at the time. */
    public record MessagePage(long logStartOffset, long logEndOffset, List<ConsumerRecord<byte[], byte[]>> records) {
    }
}
