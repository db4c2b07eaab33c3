package io.ferrymq.broker.server.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest.Operation;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest.Resource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicConfigChangeTest {

    private static final Map<String, String> CURRENT = Map.of("min.insync.replicas", "1", "retention.ms", "60000");

    @Test
    void incrementalOperationsApplyToTheCurrentOverrides() {
        assertThat(TopicConfigChange.apply(CURRENT, incremental(new Operation("compression.type", Operation.SET, "gzip"),
                new Operation("min.insync.replicas", Operation.DELETE, null)), 3))
                .isEqualTo(Map.of("compression.type", "gzip", "retention.ms", "60000"));
        assertThat(TopicConfigChange.apply(CURRENT, incremental(new Operation("min.insync.replicas", Operation.SET, "3")),
                3)).containsEntry("min.insync.replicas", "3");
    }

    @Test
    void replaceAllMakesTheSetsTheWholeMap() {
        assertThat(TopicConfigChange.apply(CURRENT, new Resource(Resource.TOPIC, "t", true, List.of(
                new Operation("retention.ms", Operation.SET, "60000"),
                new Operation("compression.type", Operation.SET, "zstd"))), 1))
                .isEqualTo(Map.of("retention.ms", "60000", "compression.type", "zstd"));
    }

    @Test
    void everyImplementedKeyMayBeSetChangedOrRemoved() {
        assertThat(TopicConfigChange.apply(CURRENT, incremental(new Operation("retention.ms", Operation.SET, "1"),
                new Operation("segment.bytes", Operation.SET, "1048576"),
                new Operation("message.timestamp.type", Operation.SET, "LogAppendTime"),
                new Operation("unclean.leader.election.enable", Operation.SET, "true"),
                new Operation("min.insync.replicas", Operation.DELETE, null)), 1))
                .isEqualTo(Map.of("retention.ms", "1", "segment.bytes", "1048576",
                        "message.timestamp.type", "LogAppendTime", "unclean.leader.election.enable", "true"));
        assertThat(TopicConfigChange.apply(CURRENT, new Resource(Resource.TOPIC, "t", true, List.of()), 1)).isEmpty();
    }

    @Test
    void keysFerryDoesNotImplementAreRefusedNamingThemAndMayBeRemoved() {
        assertRefused(incremental(new Operation("segment.jitter.ms", Operation.SET, "10")), ErrorCode.INVALID_CONFIG,
                "'segment.jitter.ms'", "not implemented by Ferry");
        assertRefused(incremental(new Operation("max.compaction.lag.ms", Operation.SET, "1000")),
                ErrorCode.INVALID_CONFIG, "'max.compaction.lag.ms'", "not implemented");
        assertRefused(incremental(new Operation("retention.minutes", Operation.SET, "1")), ErrorCode.INVALID_CONFIG,
                "unknown topic config 'retention.minutes'");
        Map<String, String> legacy = Map.of("file.delete.delay.ms", "1000", "retention.ms", "60000");
        assertThatThrownBy(() -> TopicConfigChange.apply(legacy, incremental(new Operation("retention.ms",
                Operation.SET, "1")), 1)).hasMessageContaining("'file.delete.delay.ms'");
        assertThat(TopicConfigChange.apply(legacy, incremental(new Operation("file.delete.delay.ms", Operation.DELETE,
                null)), 1)).isEqualTo(Map.of("retention.ms", "60000"));
    }

    @Test
    void listOperationsAndUnknownOperationsAreRefused() {
        assertRefused(incremental(new Operation("compression.type", Operation.APPEND, "gzip")), ErrorCode.INVALID_CONFIG,
                "APPEND", "'compression.type'");
        assertRefused(incremental(new Operation("min.insync.replicas", Operation.SUBTRACT, "1")),
                ErrorCode.INVALID_CONFIG, "SUBTRACT");
        assertRefused(incremental(new Operation("compression.type", (byte) 9, "gzip")), ErrorCode.INVALID_REQUEST,
                "unknown config operation 9");
    }

    @Test
    void valuesAreValidatedAgainstTheReplicationFactor() {
        assertRefused(incremental(new Operation("min.insync.replicas", Operation.SET, "2")), ErrorCode.INVALID_CONFIG,
                "replication factor 1");
        assertRefused(incremental(new Operation("compression.type", Operation.SET, "brotli")), ErrorCode.INVALID_CONFIG,
                "'compression.type'", "brotli");
        assertRefused(incremental(new Operation("compression.type", Operation.SET, null)), ErrorCode.INVALID_CONFIG,
                "no value");
    }

    private static Resource incremental(Operation... ops) {
        return new Resource(Resource.TOPIC, "t", false, List.of(ops));
    }

    private static void assertRefused(Resource resource, ErrorCode error, String... messageParts) {
        assertThatThrownBy(() -> TopicConfigChange.apply(CURRENT, resource, 1))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(error))
                .message().contains(messageParts);
    }
}
