import io.ferrymq.broker.log.LogConfig;
import io.ferrymq.broker.log.PartitionLog;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.Header;
import io.ferrymq.common.record.RecordBatchBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Writes one Ferry partition log per codec under DIR ({@code DIR/codec-<name>-0/}), through the
 * broker's own storage layer: 50 batches of 20 records (keys, values of 20-400 bytes, a header), then
 * closes them cleanly. bench/kafka-reads-ferry.sh hands the segments to Kafka's DumpLogSegments.
 * Prints {@code <dir> <records>} per codec.
 */
public class WriteCodecSegments {

    public static void main(String[] args) {
        Path root = Path.of(args[0]);
        for (CompressionType codec : CompressionType.values()) {
            Path dir = root.resolve("codec-" + codec.configName() + "-0");
            PartitionLog log = PartitionLog.open(dir, LogConfig.defaults(root), Clock.systemUTC(), 0L, true);
            int records = 0;
            for (int b = 0; b < 50; b++) {
                RecordBatchBuilder builder = RecordBatchBuilder.allocate(1024, codec);
                for (int r = 0; r < 20; r++, records++) {
                    String value = "value-" + records + "-" + "x".repeat(20 + records % 380);
                    builder.append(1_700_000_000_000L + records, ("key-" + records % 17).getBytes(StandardCharsets.UTF_8),
                            value.getBytes(StandardCharsets.UTF_8), List.of(Header.of("h", "v" + r)));
                }
                builder.build();
                log.appendAsLeader(builder.buffer().flip(), 0);
            }
            log.close();
            System.out.println(dir + " " + records);
        }
    }
}
