package io.ferrymq.broker.config;

import static io.ferrymq.common.config.ConfigType.BOOLEAN;
import static io.ferrymq.common.config.ConfigType.DOUBLE;
import static io.ferrymq.common.config.ConfigType.INT;
import static io.ferrymq.common.config.ConfigType.LIST;
import static io.ferrymq.common.config.ConfigType.LONG;
import static io.ferrymq.common.config.Importance.MEDIUM;
import static io.ferrymq.common.config.Validators.atLeast;

import io.ferrymq.common.config.ConfigDefinition;
import io.ferrymq.common.config.Validators;
import java.util.List;

/**
 * Names and definitions of the cleanup-policy and log-cleaner keys (Kafka's names and defaults);
 * topics override the policy keys ({@code cleanup.policy}, {@code min.cleanable.dirty.ratio},
 * {@code delete.retention.ms}, {@code min.compaction.lag.ms}).
 *
 * <p>Constants only; thread-safe.
 */
public final class CleanerConfigKeys {

    public static final String LOG_CLEANUP_POLICY = "log.cleanup.policy";
    public static final String LOG_CLEANER_ENABLE = "log.cleaner.enable";
    public static final String LOG_CLEANER_THREADS = "log.cleaner.threads";
    public static final String LOG_CLEANER_DEDUPE_BUFFER_SIZE = "log.cleaner.dedupe.buffer.size";
    public static final String LOG_CLEANER_BACKOFF_MS = "log.cleaner.backoff.ms";
    public static final String LOG_CLEANER_MIN_CLEANABLE_RATIO = "log.cleaner.min.cleanable.ratio";
    public static final String LOG_CLEANER_DELETE_RETENTION_MS = "log.cleaner.delete.retention.ms";
    public static final String LOG_CLEANER_MIN_COMPACTION_LAG_MS = "log.cleaner.min.compaction.lag.ms";

    static final String GROUP_CLEANER = "Log Cleaner";

    private CleanerConfigKeys() {
    }

    static void defineInto(ConfigDefinition def) {
        def.define(GROUP_CLEANER, LOG_CLEANUP_POLICY, LIST, List.of("delete"),
                Validators.nonEmptyListOf("delete", "compact"), MEDIUM,
                "What happens to old data of topics that set no cleanup.policy: delete (retention), compact (the "
                        + "log cleaner keeps the latest record of every key), or both.");
        def.define(GROUP_CLEANER, LOG_CLEANER_ENABLE, BOOLEAN, true, Validators.any(), MEDIUM,
                "Run the log cleaner, which compacts the logs of topics whose cleanup.policy holds compact.");
        def.define(GROUP_CLEANER, LOG_CLEANER_THREADS, INT, 1, atLeast(1), MEDIUM,
                "Cleaner threads; each cleans one log at a time.");
        def.define(GROUP_CLEANER, LOG_CLEANER_DEDUPE_BUFFER_SIZE, LONG, 134_217_728L, atLeast(1024), MEDIUM,
                "Memory of the key-hash to offset maps of all cleaner threads together (24 bytes a key); a "
                        + "thread whose map fills cleans up to where it filled and continues on its next pass.");
        def.define(GROUP_CLEANER, LOG_CLEANER_BACKOFF_MS, LONG, 15_000L, atLeast(0), MEDIUM,
                "How long a cleaner thread sleeps when no log needs cleaning.");
        def.define(GROUP_CLEANER, LOG_CLEANER_MIN_CLEANABLE_RATIO, DOUBLE, 0.5, Validators.betweenDecimal(0, 1),
                MEDIUM, "Clean a compacted log once its dirty (uncleaned) bytes are at least this share of its "
                        + "cleanable bytes.");
        def.define(GROUP_CLEANER, LOG_CLEANER_DELETE_RETENTION_MS, LONG, 86_400_000L, atLeast(0), MEDIUM,
                "How long a tombstone (null value) outlives the cleaning that first kept it, so consumers "
                        + "see the delete.");
        def.define(GROUP_CLEANER, LOG_CLEANER_MIN_COMPACTION_LAG_MS, LONG, 0L, atLeast(0), MEDIUM,
                "A segment whose newest record is younger than this is not cleaned.");
    }
}
