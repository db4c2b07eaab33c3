package io.ferrymq.broker.config;

import static io.ferrymq.broker.config.ConfigType.INT;
import static io.ferrymq.broker.config.Importance.HIGH;
import static io.ferrymq.broker.config.Importance.MEDIUM;
import static io.ferrymq.broker.config.Validators.atLeast;
import static io.ferrymq.broker.config.Validators.between;

/**
 * Names and definitions of the consumer-group coordinator keys (Kafka's names and defaults).
 *
 * <p>Constants only; thread-safe.
 */
public final class GroupConfigKeys {

    public static final String OFFSETS_TOPIC_REPLICATION_FACTOR = "offsets.topic.replication.factor";
    public static final String OFFSETS_TOPIC_NUM_PARTITIONS = "offsets.topic.num.partitions";
    public static final String OFFSETS_RETENTION_MINUTES = "offsets.retention.minutes";
    public static final String GROUP_MIN_SESSION_TIMEOUT_MS = "group.min.session.timeout.ms";
    public static final String GROUP_MAX_SESSION_TIMEOUT_MS = "group.max.session.timeout.ms";
    public static final String GROUP_INITIAL_REBALANCE_DELAY_MS = "group.initial.rebalance.delay.ms";

    static final String GROUP_GROUPS = "Consumer groups";

    private GroupConfigKeys() {
    }

    static void defineInto(ConfigDefinition def) {
        def.define(GROUP_GROUPS, OFFSETS_TOPIC_REPLICATION_FACTOR, INT, 3, between(1, Short.MAX_VALUE), HIGH,
                "Replication factor of the internal offsets topic; set 1 for a single-broker cluster.");
        def.define(GROUP_GROUPS, OFFSETS_TOPIC_NUM_PARTITIONS, INT, 50, atLeast(1), HIGH,
                "Partitions of the internal offsets topic (fixed once the topic exists).");
        def.define(GROUP_GROUPS, OFFSETS_RETENTION_MINUTES, INT, 10_080, atLeast(1), MEDIUM,
                "Committed offsets of an empty group are dropped after this long.");
        def.define(GROUP_GROUPS, GROUP_MIN_SESSION_TIMEOUT_MS, INT, 6_000, atLeast(0), MEDIUM,
                "Smallest session timeout a group member may ask for.");
        def.define(GROUP_GROUPS, GROUP_MAX_SESSION_TIMEOUT_MS, INT, 1_800_000, atLeast(0), MEDIUM,
                "Largest session timeout a group member may ask for.");
        def.define(GROUP_GROUPS, GROUP_INITIAL_REBALANCE_DELAY_MS, INT, 3_000, atLeast(0), MEDIUM,
                "How long the first rebalance of an empty group waits for more members to join.");
    }
}
