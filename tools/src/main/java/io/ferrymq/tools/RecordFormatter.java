package io.ferrymq.tools;

import io.ferrymq.client.consumer.ConsumerRecord;
import io.ferrymq.common.record.TimestampType;
import java.util.Set;

/**
 * Formats a consumed record the way Kafka's console consumer (DefaultMessageFormatter) does:
 * optional {@code CreateTime:ts}, {@code Partition:p}, {@code Offset:o} and key, each followed by
 * its separator (TAB by default), then the value; nulls print as {@code null}. Immutable.
 */
public record RecordFormatter(boolean printTimestamp, boolean printPartition, boolean printOffset, boolean printKey,
                              boolean printValue, String keySeparator, String lineSeparator) {

    /** The {@code --property} keys this formatter reads. */
    public static final Set<String> PROPERTIES = Set.of("print.timestamp", "print.partition", "print.offset",
            "print.key", "print.value", "key.separator", "line.separator");

    public static RecordFormatter from(ToolProperties properties) {
        return new RecordFormatter(properties.flag("print.timestamp"), properties.flag("print.partition"),
                properties.flag("print.offset"), properties.flag("print.key"),
                !properties.values().containsKey("print.value") || properties.flag("print.value"),
                properties.string("key.separator", "\t"), properties.string("line.separator", "\n"));
    }

    public String format(ConsumerRecord<String, String> record) {
        StringBuilder line = new StringBuilder();
        if (printTimestamp) {
            line.append(record.timestampType() == TimestampType.LOG_APPEND_TIME ? "LogAppendTime:" : "CreateTime:")
                    .append(record.timestamp()).append(keySeparator);
        }
        if (printPartition) {
            line.append("Partition:").append(record.partition()).append(keySeparator);
        }
        if (printOffset) {
            line.append("Offset:").append(record.offset()).append(keySeparator);
        }
        if (printKey) {
            line.append(record.key()).append(keySeparator);
        }
        if (printValue) {
            line.append(record.value());
        }
        return line.append(lineSeparator).toString();
    }
}
