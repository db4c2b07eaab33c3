package io.ferrymq.broker.server.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.BrokerDynamicConfigs;
import io.ferrymq.broker.ZkMetadata;
import io.ferrymq.broker.config.BrokerConfig;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest.Operation;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest.Resource;
import io.ferrymq.common.protocol.responses.IncrementalAlterConfigsResponse;
import io.ferrymq.common.protocol.responses.IncrementalAlterConfigsResponse.ResourceResult;
import io.ferrymq.coordinator.metadata.NewTopic;
import io.ferrymq.coordinator.metadata.ZkMetadataStore;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IncrementalAlterConfigsHandler over a real {@link ZkMetadataStore} on an embedded ZooKeeper: what
 * is written to {@code /topics/<topic>} (and visible in the cache when the answer comes), what is
 * refused and why, per resource.
 */
class IncrementalAlterConfigsHandlerIT {

    private static final RequestContext CONTEXT = new RequestContext(ApiKey.INCREMENTAL_ALTER_CONFIGS, (short) 0, 1,
            "test", new InetSocketAddress("127.0.0.1", 1));

    private ZkMetadata metadata;
    private ZkMetadataStore store;
    private IncrementalAlterConfigsHandler handler;
    private BrokerDynamicConfigs dynamic;

    @BeforeEach
    void start() throws Exception {
        metadata = ZkMetadata.start(4);
        store = metadata.store();
        dynamic = BrokerDynamicConfigs.start(BrokerConfig.of(Map.of("broker.id", "4",
                "zookeeper.connect", metadata.connectString())), metadata.zk());
        handler = new IncrementalAlterConfigsHandler(store, dynamic.store(), dynamic);
        store.createTopic(new NewTopic("orders", 1, 1, Map.of("min.insync.replicas", "1", "retention.ms", "60000")));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.topic("orders").isPresent());
    }

    @AfterEach
    void stop() throws Exception {
        dynamic.close();
        metadata.close();
    }

    @Test
    void liveKeysAreSetAndDeletedAndTheCacheShowsThemWhenTheAnswerComes() throws Exception {
        ResourceResult result = alter(false, new Resource(Resource.TOPIC, "orders", false, List.of(
                new Operation("compression.type", Operation.SET, "gzip"),
                new Operation("min.insync.replicas", Operation.DELETE, null))));
        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(store.topic("orders").orElseThrow().configs())
                .isEqualTo(Map.of("compression.type", "gzip", "retention.ms", "60000"));
    }

    @Test
    void validateOnlyChecksWithoutWriting() throws Exception {
        assertThat(alter(true, new Resource(Resource.TOPIC, "orders", false, List.of(
                new Operation("compression.type", Operation.SET, "zstd")))).error()).isEqualTo(ErrorCode.NONE);
        assertThat(alter(true, new Resource(Resource.TOPIC, "orders", false, List.of(
                new Operation("compression.type", Operation.SET, "brotli")))).error()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(store.topic("orders").orElseThrow().configs())
                .isEqualTo(Map.of("min.insync.replicas", "1", "retention.ms", "60000"));
    }

    @Test
    void aKeyFerryDoesNotImplementIsRefusedNamingItAndNothingIsWritten() throws Exception {
        ResourceResult refused = alter(false, new Resource(Resource.TOPIC, "orders", false, List.of(
                new Operation("compression.type", Operation.SET, "gzip"),
                new Operation("segment.jitter.ms", Operation.SET, "1000"))));
        assertThat(refused.error()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(refused.errorMessage()).contains("'segment.jitter.ms'", "not implemented by Ferry");
        assertThat(store.topic("orders").orElseThrow().configs()).as("nothing written")
                .isEqualTo(Map.of("min.insync.replicas", "1", "retention.ms", "60000"));

        assertThat(alter(false, new Resource(Resource.TOPIC, "orders", false, List.of(
                new Operation("retention.ms", Operation.SET, "1000"),
                new Operation("compression.type", Operation.SET, "lz4")))).error()).isEqualTo(ErrorCode.NONE);
        assertThat(store.topic("orders").orElseThrow().configs())
                .containsEntry("compression.type", "lz4").containsEntry("retention.ms", "1000");
    }

    @Test
    void appendAndSubtractAreRefusedAsNoLiveKeyIsAList() throws Exception {
        ResourceResult append = alter(false, new Resource(Resource.TOPIC, "orders", false, List.of(
                new Operation("compression.type", Operation.APPEND, "gzip"))));
        assertThat(append.error()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(append.errorMessage()).contains("APPEND", "compression.type");
        ResourceResult subtract = alter(false, new Resource(Resource.TOPIC, "orders", false, List.of(
                new Operation("cleanup.policy", Operation.SUBTRACT, "delete"))));
        assertThat(subtract.error()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(subtract.errorMessage()).contains("SUBTRACT", "cleanup.policy");
    }

    @Test
    void replaceAllMakesTheGivenKeysTheOverridesDroppingTheOthers() throws Exception {
        assertThat(alter(false, new Resource(Resource.TOPIC, "orders", true, List.of(
                new Operation("compression.type", Operation.SET, "snappy"),
                new Operation("segment.bytes", Operation.SET, "1048576")))).error()).isEqualTo(ErrorCode.NONE);
        assertThat(store.topic("orders").orElseThrow().configs())
                .isEqualTo(Map.of("compression.type", "snappy", "segment.bytes", "1048576"));
    }

    @Test
    void valuesAreValidatedAgainstTheReplicationFactorAndErrorsArePerResource() throws Exception {
        IncrementalAlterConfigsResponse response = handler.handle(CONTEXT, new IncrementalAlterConfigsRequest(List.of(
                new Resource(Resource.TOPIC, "orders", false, List.of(
                        new Operation("min.insync.replicas", Operation.SET, "2"))),
                new Resource(Resource.TOPIC, "gone", false, List.of(
                        new Operation("compression.type", Operation.SET, "gzip"))),
                new Resource(Resource.BROKER, "5", false, List.of(
                        new Operation("log.retention.ms", Operation.SET, "1000"))),
                new Resource((byte) 3, "group", false, List.of())), false)).get(10, TimeUnit.SECONDS);
        assertThat(response.results()).extracting(ResourceResult::name, ResourceResult::error).containsExactly(
                org.assertj.core.groups.Tuple.tuple("orders", ErrorCode.INVALID_CONFIG),
                org.assertj.core.groups.Tuple.tuple("gone", ErrorCode.UNKNOWN_TOPIC_OR_PARTITION),
                org.assertj.core.groups.Tuple.tuple("5", ErrorCode.INVALID_REQUEST),
                org.assertj.core.groups.Tuple.tuple("group", ErrorCode.INVALID_REQUEST));
        assertThat(response.results().get(0).errorMessage()).contains("replication factor");
        assertThat(response.results().get(2).errorMessage()).contains("Unexpected broker id, expected 4");
    }

    @Test
    void brokerResourcesWriteTheirDynamicLayerAndTheBrokerRunsWithItWhenTheAnswerComes() throws Exception {
        assertThat(alter(false, new Resource(Resource.BROKER, "4", false, List.of(
                new Operation("log.segment.bytes", Operation.SET, "2000000"))))).extracting(ResourceResult::error)
                .isEqualTo(ErrorCode.NONE);
        assertThat(alter(false, new Resource(Resource.BROKER, "", false, List.of(
                new Operation("message.max.bytes", Operation.SET, "3000"))))).extracting(ResourceResult::error)
                .isEqualTo(ErrorCode.NONE);
        assertThat(dynamic.current().perBroker()).isEqualTo(Map.of("log.segment.bytes", "2000000"));
        assertThat(dynamic.current().effective().getInt("message.max.bytes")).isEqualTo(3000);
        assertThat(dynamic.store().read("4")).isEqualTo(Map.of("log.segment.bytes", "2000000"));
        assertThat(dynamic.store().read("<default>")).isEqualTo(Map.of("message.max.bytes", "3000"));

        assertThat(alter(true, new Resource(Resource.BROKER, "4", false, List.of(
                new Operation("log.segment.bytes", Operation.DELETE, null))))).extracting(ResourceResult::error)
                .isEqualTo(ErrorCode.NONE);
        assertThat(dynamic.store().read("4")).as("validateOnly writes nothing").isNotEmpty();
        assertThat(alter(false, new Resource(Resource.BROKER, "4", false, List.of(
                new Operation("log.segment.bytes", Operation.DELETE, null))))).extracting(ResourceResult::error)
                .isEqualTo(ErrorCode.NONE);
        assertThat(dynamic.current().perBroker()).isEmpty();
    }

    @Test
    void readOnlyAndUnknownBrokerKeysAreRefusedNamingThemAndNothingIsWritten() throws Exception {
        ResourceResult readOnly = alter(false, new Resource(Resource.BROKER, "4", false, List.of(
                new Operation("log.segment.bytes", Operation.SET, "2000000"),
                new Operation("log.dirs", Operation.SET, "/elsewhere"))));
        assertThat(readOnly.error()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(readOnly.errorMessage()).contains("'log.dirs' is read-only");
        ResourceResult unknown = alter(false, new Resource(Resource.BROKER, "", false, List.of(
                new Operation("log.segmnt.bytes", Operation.SET, "2000000"))));
        assertThat(unknown.error()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(unknown.errorMessage()).contains("unknown broker config 'log.segmnt.bytes'");
        assertThat(dynamic.store().read("4")).isEmpty();
        assertThat(dynamic.store().read("<default>")).isEmpty();
    }

    private ResourceResult alter(boolean validateOnly, Resource resource) throws Exception {
        return handler.handle(CONTEXT, new IncrementalAlterConfigsRequest(List.of(resource), validateOnly))
                .get(10, TimeUnit.SECONDS).results().get(0);
    }
}
