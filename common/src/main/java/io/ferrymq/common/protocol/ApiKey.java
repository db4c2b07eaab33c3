package io.ferrymq.common.protocol;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every request type Ferry serves, with its stable numeric id (Kafka's api key where Kafka has the
 * same API, so traffic dumps read alike) and the range of versions this build speaks. Ids are never
 * renumbered or reused. The record classes of each key are the codec's business
 * ({@code kryo.MessageTypes}): messages name their key, the key never names them.
 *
 * <p>Immutable and thread-safe.
 */
public enum ApiKey {
    PRODUCE(0),
    FETCH(1),
    LIST_OFFSETS(2),
    METADATA(3),
    OFFSET_COMMIT(8),
    OFFSET_FETCH(9),
    FIND_COORDINATOR(10),
    JOIN_GROUP(11),
    HEARTBEAT(12),
    LEAVE_GROUP(13),
    SYNC_GROUP(14),
    DESCRIBE_GROUPS(15),
    LIST_GROUPS(16),
    SASL_HANDSHAKE(17),
    API_VERSIONS(18),
    CREATE_TOPICS(19),
    DELETE_TOPICS(20),
    INIT_PRODUCER_ID(22),
    OFFSETS_FOR_LEADER_EPOCH(23),
    DESCRIBE_ACLS(29),
    CREATE_ACLS(30),
    DELETE_ACLS(31),
    DESCRIBE_CONFIGS(32),
    SASL_AUTHENTICATE(36),
    CREATE_PARTITIONS(37),
    DELETE_GROUPS(42),
    ELECT_LEADERS(43),
    INCREMENTAL_ALTER_CONFIGS(44),
    ALTER_PARTITION_REASSIGNMENTS(45),
    LIST_PARTITION_REASSIGNMENTS(46),
    DESCRIBE_USER_SCRAM_CREDENTIALS(50),
    ALTER_USER_SCRAM_CREDENTIALS(51),
    DESCRIBE_CLUSTER(60),
    /** Ferry's own: a replica's checksum over a committed prefix (ids from 1000 are Ferry's, none Kafka's). */
    DESCRIBE_REPLICA_CHECKSUMS(1000);

    private static final Map<Short, ApiKey> BY_ID = new HashMap<>();

    static {
        for (ApiKey key : values()) {
            ApiKey previous = BY_ID.put(key.id, key);
            if (previous != null) {
                throw new ExceptionInInitializerError("Api key id " + key.id + " used by both " + previous + " and " + key);
            }
        }
    }

    private final short id;
    private final short minVersion;
    private final short maxVersion;

    ApiKey(int id) {
        this.id = (short) id;
        this.minVersion = 0;
        this.maxVersion = 0;
    }

    public short id() {
        return id;
    }

    public short minVersion() {
        return minVersion;
    }

    public short maxVersion() {
        return maxVersion;
    }

    /** The newest version this build speaks; what clients send. */
    public short latestVersion() {
        return maxVersion;
    }

    public boolean isVersionSupported(short version) {
        return version >= minVersion && version <= maxVersion;
    }

    /** The key for a wire id, empty for ids this build does not know. */
    public static Optional<ApiKey> forId(short id) {
        return Optional.ofNullable(BY_ID.get(id));
    }
}
