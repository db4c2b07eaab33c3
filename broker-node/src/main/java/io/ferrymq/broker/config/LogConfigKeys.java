package io.ferrymq.broker.config;

import static io.ferrymq.common.config.ConfigType.INT;
import static io.ferrymq.common.config.ConfigType.LIST;
import static io.ferrymq.common.config.ConfigType.LONG;
import static io.ferrymq.common.config.Importance.HIGH;
import static io.ferrymq.common.config.Importance.LOW;
import static io.ferrymq.common.config.Importance.MEDIUM;
import static io.ferrymq.common.config.Validators.atLeast;
import static io.ferrymq.common.config.Validators.nonEmpty;

import io.ferrymq.common.config.ConfigDefinition;
import java.util.List;

/**
 * Names and definitions of the log storage keys (Kafka's names and defaults). Where Kafka has both
 * an {@code .ms} and an {@code .hours} form, the {@code .ms} form wins when set. The keys marked
 * {@code dynamic()} are the defaults of every log whose topic does not override them, so a dynamic
 * change is applied to every live log that has no override of its own.
 *
 * <p>Constants only; thread-safe.
 */
public final class LogConfigKeys {

    public static final String LOG_DIRS = "log.dirs";
    public static final String LOG_SEGMENT_BYTES = "log.segment.bytes";
    public static final String LOG_ROLL_MS = "log.roll.ms";
    public static final String LOG_ROLL_HOURS = "log.roll.hours";
    public static final String LOG_RETENTION_MS = "log.retention.ms";
    public static final String LOG_RETENTION_HOURS = "log.retention.hours";
    public static final String LOG_RETENTION_BYTES = "log.retention.bytes";
    public static final String LOG_RETENTION_CHECK_INTERVAL_MS = "log.retention.check.interval.ms";
    public static final String LOG_INDEX_INTERVAL_BYTES = "log.index.interval.bytes";
    public static final String LOG_INDEX_SIZE_MAX_BYTES = "log.index.size.max.bytes";
    public static final String LOG_FLUSH_INTERVAL_MESSAGES = "log.flush.interval.messages";
    public static final String LOG_FLUSH_INTERVAL_MS = "log.flush.interval.ms";
    public static final String LOG_FLUSH_SCHEDULER_INTERVAL_MS = "log.flush.scheduler.interval.ms";
    public static final String LOG_FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS = "log.flush.offset.checkpoint.interval.ms";
    public static final String MESSAGE_MAX_BYTES = "message.max.bytes";
    public static final String MESSAGE_MAX_DECOMPRESSED_BYTES = "message.max.decompressed.bytes";
    public static final String PRODUCER_ID_EXPIRATION_MS = "producer.id.expiration.ms";
    public static final String LOG_OPEN_INACTIVE_SEGMENTS_MAX = "log.open.inactive.segments.max";

    static final String GROUP_LOG = "Log";

    /** Smallest segment size the log accepts (Kafka allows 14; Ferry wants room for one batch header). */
    static final int MIN_SEGMENT_BYTES = 100;

    private LogConfigKeys() {
    }

    static void defineInto(ConfigDefinition def) {
        def.define(GROUP_LOG, LOG_DIRS, LIST, List.of("/tmp/ferry-logs"), nonEmpty(), HIGH,
                "Directories holding partition logs, comma-separated; each partition lives in one of them.");
        def.define(GROUP_LOG, MESSAGE_MAX_BYTES, INT, 1_048_588, atLeast(0), HIGH,
                "Largest record batch (after compression) a partition accepts; larger ones are refused "
                        + "with MESSAGE_TOO_LARGE.").dynamic();
        def.define(GROUP_LOG, MESSAGE_MAX_DECOMPRESSED_BYTES, LONG, 64L * 1024 * 1024, atLeast(1), MEDIUM,
                "Most bytes a leader inflates while validating one compressed record batch (Ferry's own "
                        + "setting; Kafka has none). Decompression is streamed, so this bounds CPU, not memory; "
                        + "a batch that inflates past it is refused with MESSAGE_TOO_LARGE (a compression bomb).");
        def.define(GROUP_LOG, LOG_SEGMENT_BYTES, INT, 1_073_741_824, atLeast(MIN_SEGMENT_BYTES), HIGH,
                "Roll to a new segment when the active one reaches this size.").dynamic();
        def.defineOptional(GROUP_LOG, LOG_ROLL_MS, LONG, atLeast(1), MEDIUM,
                "Roll to a new segment after this long even if it is not full; overrides log.roll.hours.").dynamic();
        def.define(GROUP_LOG, LOG_ROLL_HOURS, INT, 168, atLeast(1), HIGH,
                "Roll to a new segment after this many hours; used when log.roll.ms is not set.").dynamic();
        def.defineOptional(GROUP_LOG, LOG_RETENTION_MS, LONG, atLeast(-1), MEDIUM,
                "Delete segments older than this (-1 = keep forever); overrides log.retention.hours.").dynamic();
        def.define(GROUP_LOG, LOG_RETENTION_HOURS, INT, 168, atLeast(-1), HIGH,
                "Delete segments older than this many hours (-1 = keep forever); used when log.retention.ms "
                        + "is not set.").dynamic();
        def.define(GROUP_LOG, LOG_RETENTION_BYTES, LONG, -1L, atLeast(-1), HIGH,
                "Delete the oldest segments while a partition is larger than this (-1 = no size limit).").dynamic();
        def.define(GROUP_LOG, LOG_OPEN_INACTIVE_SEGMENTS_MAX, INT, 1000, atLeast(1), MEDIUM,
                "Most .log files of inactive (rolled) segments the broker keeps open, over all log dirs "
                        + "(Ferry's own setting; Kafka keeps every segment of every partition open). The active "
                        + "segment of each partition is always open and not counted; opening one more inactive "
                        + "segment (a read, an fsync) closes the least recently used one, which reopens on its next "
                        + "read. A broker's .log descriptors stay at most partitions + this.");
        def.define(GROUP_LOG, LOG_RETENTION_CHECK_INTERVAL_MS, LONG, 300_000L, atLeast(1), MEDIUM,
                "How often retention runs.");
        def.define(GROUP_LOG, LOG_INDEX_INTERVAL_BYTES, INT, 4096, atLeast(0), MEDIUM,
                "Bytes of log between two offset index entries.").dynamic();
        def.define(GROUP_LOG, LOG_INDEX_SIZE_MAX_BYTES, INT, 10_485_760, atLeast(16), MEDIUM,
                "Largest offset index file; a segment rolls when its index is full.").dynamic();
        def.define(GROUP_LOG, LOG_FLUSH_INTERVAL_MESSAGES, LONG, Long.MAX_VALUE, atLeast(1), HIGH,
                "fsync a partition after this many messages; by default durability comes from replication.").dynamic();
        def.define(GROUP_LOG, LOG_FLUSH_INTERVAL_MS, LONG, Long.MAX_VALUE, atLeast(0), HIGH,
                "fsync a partition when its oldest unflushed message is this old.").dynamic();
        def.define(GROUP_LOG, LOG_FLUSH_SCHEDULER_INTERVAL_MS, LONG, 1_000L, atLeast(1), LOW,
                "How often the flusher checks whether a partition is due for log.flush.interval.ms (Kafka's "
                        + "default is Long.MAX_VALUE; Ferry checks every second).");
        def.define(GROUP_LOG, LOG_FLUSH_OFFSET_CHECKPOINT_INTERVAL_MS, INT, 60_000, atLeast(1),
                LOW, "How often the recovery-point checkpoint is written.");
        def.define(GROUP_LOG, PRODUCER_ID_EXPIRATION_MS, LONG, 86_400_000L, atLeast(1), LOW,
                "How long a partition keeps the state (epoch, last sequences) of an idempotent producer "
                        + "after its last batch's timestamp; a producer expired there must restart its "
                        + "sequence at 0 (UNKNOWN_PRODUCER_ID otherwise).");
    }
}
