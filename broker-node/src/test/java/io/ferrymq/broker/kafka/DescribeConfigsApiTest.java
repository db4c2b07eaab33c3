package io.ferrymq.broker.kafka;

import static io.ferrymq.broker.kafka.WireRoundTrip.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.DescribeConfigsRequest;
import io.ferrymq.common.protocol.requests.DescribeConfigsRequest.Resource;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse.ConfigEntry;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse.ResourceResult;
import io.ferrymq.common.protocol.responses.DescribeConfigsResponse.Synonym;
import java.util.List;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;
import org.junit.jupiter.api.Test;

class DescribeConfigsApiTest {

    private final DescribeConfigsApi api = new DescribeConfigsApi();

    private static final DescribeConfigsResponse ANSWER = new DescribeConfigsResponse(List.of(
            new ResourceResult(Resource.TOPIC, "orders", ErrorCode.NONE, "", List.of(
                    new ConfigEntry("compression.type", "zstd", ConfigEntry.SOURCE_TOPIC, false, false, List.of(
                            new Synonym("compression.type", "zstd", ConfigEntry.SOURCE_TOPIC),
                            new Synonym("compression.type", "producer", ConfigEntry.SOURCE_DEFAULT)),
                            "The codec this topic stores", ConfigEntry.TYPE_STRING),
                    new ConfigEntry("ssl.keystore.password", null, ConfigEntry.SOURCE_STATIC_BROKER, true, true,
                            List.of(), null, ConfigEntry.TYPE_PASSWORD))),
            new ResourceResult(Resource.BROKER, "9", ErrorCode.INVALID_REQUEST, "expected 1", List.of())));

    @Test
    void ourCodesAreKafkasCodes() {
        assertThat(Resource.TOPIC).isEqualTo(ConfigResource.Type.TOPIC.id());
        assertThat(Resource.BROKER).isEqualTo(ConfigResource.Type.BROKER.id());
        assertThat(ConfigEntry.SOURCE_TOPIC).isEqualTo(ConfigSource.TOPIC_CONFIG.id());
        assertThat(ConfigEntry.SOURCE_STATIC_BROKER).isEqualTo(ConfigSource.STATIC_BROKER_CONFIG.id());
        assertThat(ConfigEntry.SOURCE_DEFAULT).isEqualTo(ConfigSource.DEFAULT_CONFIG.id());
        assertThat(List.of(ConfigEntry.TYPE_BOOLEAN, ConfigEntry.TYPE_STRING, ConfigEntry.TYPE_INT, ConfigEntry.TYPE_LONG,
                ConfigEntry.TYPE_DOUBLE, ConfigEntry.TYPE_LIST, ConfigEntry.TYPE_PASSWORD)).containsExactly(
                ConfigType.BOOLEAN.id(), ConfigType.STRING.id(), ConfigType.INT.id(), ConfigType.LONG.id(),
                ConfigType.DOUBLE.id(), ConfigType.LIST.id(), ConfigType.PASSWORD.id());
    }

    @Test
    void requestsCarryResourcesKeysSynonymsAndDocumentationWhereTheVersionHasThem() {
        DescribeConfigsRequestData v1 = roundTrip(request().setIncludeSynonyms(true), (short) 1, DescribeConfigsRequestData::new);
        assertThat(api.toFerry(v1, (short) 1)).isEqualTo(new DescribeConfigsRequest(List.of(
                new Resource(Resource.TOPIC, "orders", List.of()),
                new Resource(Resource.BROKER, "1", List.of("log.dirs"))), true, false));
        DescribeConfigsRequestData v4 = roundTrip(request().setIncludeDocumentation(true), (short) 4,
                DescribeConfigsRequestData::new);
        assertThat(api.toFerry(v4, (short) 4)).isEqualTo(new DescribeConfigsRequest(List.of(
                new Resource(Resource.TOPIC, "orders", List.of()),
                new Resource(Resource.BROKER, "1", List.of("log.dirs"))), false, true));
    }

    @Test
    void v1HasSourcesAndSynonymsButNoTypesOrDocumentation() {
        DescribeConfigsResponseData out = roundTrip(api.toKafka(request(), ANSWER, (short) 1), (short) 1,
                DescribeConfigsResponseData::new);
        DescribeConfigsResourceResult compression = out.results().get(0).configs().get(0);
        assertThat(compression.value()).isEqualTo("zstd");
        assertThat(compression.configSource()).isEqualTo(ConfigSource.TOPIC_CONFIG.id());
        assertThat(compression.synonyms()).extracting(s -> s.name() + "=" + s.value() + "@" + s.source())
                .containsExactly("compression.type=zstd@1", "compression.type=producer@5");
        assertThat(compression.configType()).isZero();
        assertThat(compression.documentation()).as("not in v1").isEmpty();
        DescribeConfigsResourceResult password = out.results().get(0).configs().get(1);
        assertThat(password.isSensitive()).isTrue();
        assertThat(password.value()).isNull();
        assertThat(password.readOnly()).isTrue();
        assertThat(out.results().get(1).errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
        assertThat(out.results().get(1).errorMessage()).isEqualTo("expected 1");
        assertThat(out.results().get(0).errorMessage()).isNull();
    }

    @Test
    void v3AndV4AddTypesAndDocumentation() {
        for (short version = 3; version <= 4; version++) {
            DescribeConfigsResponseData out = roundTrip(api.toKafka(request(), ANSWER, version), version,
                    DescribeConfigsResponseData::new);
            DescribeConfigsResourceResult compression = out.results().get(0).configs().get(0);
            assertThat(compression.configType()).isEqualTo(ConfigType.STRING.id());
            assertThat(compression.documentation()).isEqualTo("The codec this topic stores");
            assertThat(out.results().get(0).configs().get(1).configType()).isEqualTo(ConfigType.PASSWORD.id());
            assertThat(out.results().get(1).resourceName()).isEqualTo("9");
        }
    }

    private static DescribeConfigsRequestData request() {
        return new DescribeConfigsRequestData().setResources(List.of(
                new DescribeConfigsResource().setResourceType(Resource.TOPIC).setResourceName("orders")
                        .setConfigurationKeys(null),
                new DescribeConfigsResource().setResourceType(Resource.BROKER).setResourceName("1")
                        .setConfigurationKeys(List.of("log.dirs"))));
    }
}
