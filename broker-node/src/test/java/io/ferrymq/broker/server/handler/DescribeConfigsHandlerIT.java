package io.ferrymq.broker.server.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ferrymq.broker.ZkMetadata;
import io.ferrymq.broker.config.BrokerConfig;
import io.ferrymq.broker.server.RequestContext;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.requests.DescribeConfigsRequest;
import io.ferrymq.common.protocol.requests.DescribeConfigsRequest.Resource;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse.ConfigEntry;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse.ResourceResult;
import io.ferrymq.coordinator.metadata.NewTopic;
import io.ferrymq.coordinator.metadata.ZkMetadataStore;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DescribeConfigsHandler over a real {@link ZkMetadataStore} on an embedded ZooKeeper: topic
 * overrides as written to {@code /topics/<topic>}, this broker's configuration, and the per-resource
 * errors.
 */
class DescribeConfigsHandlerIT {

    private static final RequestContext CONTEXT = new RequestContext(ApiKey.DESCRIBE_CONFIGS, (short) 0, 1, "test",
            new InetSocketAddress("127.0.0.1", 1));

    private ZkMetadata metadata;
    private ZkMetadataStore store;
    private DescribeConfigsHandler handler;

    @BeforeEach
    void start() throws Exception {
        metadata = ZkMetadata.start(4);
        store = metadata.store();
        handler = new DescribeConfigsHandler(store, new ConfigDescriber(BrokerConfig.of(Map.of(
                "broker.id", "4", "zookeeper.connect", metadata.connectString(), "ssl.keystore.password", "s3cret"))));
    }

    @AfterEach
    void stop() throws Exception {
        metadata.close();
    }

    @Test
    void aTopicIsDescribedWithItsStoredOverrides() {
        store.createTopic(new NewTopic("orders", 1, 1, Map.of("min.insync.replicas", "1", "compression.type", "lz4")));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.topic("orders").isPresent());

        ResourceResult result = describe(new Resource(Resource.TOPIC, "orders", List.of()), true);
        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(result.configs()).extracting(ConfigEntry::name).contains("min.insync.replicas", "compression.type");
        ConfigEntry compression = find(result, "compression.type");
        assertThat(compression.value()).isEqualTo("lz4");
        assertThat(compression.source()).isEqualTo(ConfigEntry.SOURCE_TOPIC);
        assertThat(compression.synonyms()).hasSize(2);

        ResourceResult one = describe(new Resource(Resource.TOPIC, "orders", List.of("min.insync.replicas")), false);
        assertThat(one.configs()).singleElement().satisfies(e -> {
            assertThat(e.value()).isEqualTo("1");
            assertThat(e.synonyms()).isEmpty();
        });
    }

    @Test
    void thisBrokerIsDescribedWithPasswordsHidden() {
        ResourceResult result = describe(new Resource(Resource.BROKER, "4", List.of()), false);
        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(find(result, "broker.id").value()).isEqualTo("4");
        ConfigEntry password = find(result, "ssl.keystore.password");
        assertThat(password.sensitive()).isTrue();
        assertThat(password.value()).isNull();
        assertThat(password.source()).isEqualTo(ConfigEntry.SOURCE_STATIC_BROKER);
    }

    @Test
    void errorsArePerResource() {
        DescribeConfigsResponse response = handler.handle(CONTEXT, new DescribeConfigsRequest(List.of(
                new Resource(Resource.TOPIC, "missing", List.of()),
                new Resource(Resource.BROKER, "5", List.of()),
                new Resource(Resource.BROKER, "", List.of()),
                new Resource((byte) 8, "broker-logger", List.of()),
                new Resource(Resource.BROKER, "4", List.of("broker.id"))), false, false)).join();
        assertThat(response.results()).extracting(ResourceResult::error).containsExactly(
                ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.INVALID_REQUEST, ErrorCode.NONE, ErrorCode.INVALID_REQUEST,
                ErrorCode.NONE);
        assertThat(response.results().get(1).errorMessage()).contains("expected 4");
        assertThat(response.results().get(2).configs()).as("no dynamic broker defaults set").isEmpty();
        assertThat(response.results().get(4).configs()).extracting(ConfigEntry::name).containsExactly("broker.id");
    }

    @Test
    void aRefusedRequestPutsTheErrorOnEveryResource() {
        DescribeConfigsRequest request = new DescribeConfigsRequest(List.of(new Resource(Resource.TOPIC, "a", List.of()),
                new Resource(Resource.BROKER, "4", List.of())), false, false);
        DescribeConfigsResponse response = (DescribeConfigsResponse) handler.errorResponse(request,
                ErrorCode.TOPIC_AUTHORIZATION_FAILED, "denied");
        assertThat(response.results()).extracting(ResourceResult::error)
                .containsOnly(ErrorCode.TOPIC_AUTHORIZATION_FAILED).hasSize(2);
    }

    private ResourceResult describe(Resource resource, boolean synonyms) {
        return handler.handle(CONTEXT, new DescribeConfigsRequest(List.of(resource), synonyms, true)).join()
                .results().get(0);
    }

    private static ConfigEntry find(ResourceResult result, String name) {
        return result.configs().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }
}
