package io.ferrymq.broker.config;

import static io.ferrymq.common.config.ConfigType.INT;
import static io.ferrymq.common.config.ConfigType.LONG;
import static io.ferrymq.common.config.Importance.HIGH;
import static io.ferrymq.common.config.Importance.LOW;
import static io.ferrymq.common.config.Importance.MEDIUM;
import static io.ferrymq.common.config.Validators.atLeast;
import static io.ferrymq.common.config.Validators.between;

import io.ferrymq.common.config.ConfigDefinition;

/**
 * Names and definitions of the consumer-group coordinator keys (Kafka's names and defaults).
 *
 * <p>Constants only; thread-safe.
 */
public final class GroupConfigKeys {

    public static final String OFFSETS_TOPIC_REPLICATION_FACTOR = "offsets.topic.replication.factor";
    public static final String OFFSETS_TOPIC_NUM_PARTITIONS = "offsets.topic.num.partitions";
    public static final String OFFSETS_RETENTION_MINUTES = "offsets.retention.minutes";
    public static final String OFFSETS_RETENTION_CHECK_INTERVAL_MS = "offsets.retention.check.interval.ms";
    public static final String GROUP_MIN_SESSION_TIMEOUT_MS = "group.min.session.timeout.ms";
    public static final String GROUP_MAX_SESSION_TIMEOUT_MS = "group.max.session.timeout.ms";
    public static final String GROUP_INITIAL_REBALANCE_DELAY_MS = "group.initial.rebalance.delay.ms";

    static final String GROUP_GROUPS = "Consumer groups";

    private GroupConfigKeys() {
    }

    static void defineInto(ConfigDefinition def) {
        def.define(GROUP_GROUPS, OFFSETS_TOPIC_REPLICATION_FACTOR, INT, 3, between(1, Short.MAX_VALUE), HIGH,
                "Accepted for Kafka compatibility and ignored: Ferry keeps committed offsets in ZooKeeper, "
                        + "not in an offsets topic.");
        def.define(GROUP_GROUPS, OFFSETS_TOPIC_NUM_PARTITIONS, INT, 50, atLeast(1), HIGH,
                "Accepted for Kafka compatibility and ignored (no offsets topic; see offsets.topic.replication.factor).");
        def.define(GROUP_GROUPS, OFFSETS_RETENTION_MINUTES, INT, 10_080, atLeast(1), MEDIUM,
                "How long the committed offsets of a group without members are kept: an offset is deleted once "
                        + "this long has passed since the later of its commit and the group becoming empty; an "
                        + "empty group left without offsets is deleted (docs/GROUPS.md).");
        def.define(GROUP_GROUPS, OFFSETS_RETENTION_CHECK_INTERVAL_MS, LONG, 600_000L, atLeast(1), LOW,
                "How often the group coordinator looks for expired offsets (offsets.retention.minutes).");
        def.define(GROUP_GROUPS, GROUP_MIN_SESSION_TIMEOUT_MS, INT, 6_000, atLeast(0), MEDIUM,
                "Smallest session timeout a group member may ask for.");
        def.define(GROUP_GROUPS, GROUP_MAX_SESSION_TIMEOUT_MS, INT, 1_800_000, atLeast(0), MEDIUM,
                "Largest session timeout a group member may ask for.");
        def.define(GROUP_GROUPS, GROUP_INITIAL_REBALANCE_DELAY_MS, INT, 3_000, atLeast(0), MEDIUM,
                "How long the first rebalance of an empty group waits for more members to join.");
    }
}
