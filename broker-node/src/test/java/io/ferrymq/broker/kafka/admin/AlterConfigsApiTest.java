package io.ferrymq.broker.kafka.admin;

import static io.ferrymq.broker.kafka.WireRoundTrip.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest.Operation;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest.Resource;
import io.ferrymq.common.protocol.responses.IncrementalAlterConfigsResponse;
import io.ferrymq.common.protocol.responses.IncrementalAlterConfigsResponse.ResourceResult;
import java.util.List;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.AlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class AlterConfigsApiTest {

    private final AlterConfigsApi api = new AlterConfigsApi();

    @Test
    void advertisesZeroToTwo() {
        assertThat(api.key()).isEqualTo(ApiKeys.ALTER_CONFIGS);
        assertThat(api.minVersion()).isZero();
        assertThat(api.maxVersion()).isEqualTo((short) 2);
    }

    @Test
    void everyResourceReplacesAllOverridesWithItsKeysAsSets() {
        for (short version : new short[] {0, 1, 2}) {
            AlterConfigsRequestData read = roundTrip(request(), version, AlterConfigsRequestData::new);
            assertThat(api.toFerry(read, version)).as("v%d", version).isEqualTo(new IncrementalAlterConfigsRequest(
                    List.of(new Resource(Resource.TOPIC, "orders", true, List.of(
                                    new Operation("compression.type", Operation.SET, "gzip"),
                                    new Operation("min.insync.replicas", Operation.SET, "1"))),
                            new Resource(Resource.BROKER, "1", true, List.of())), true));
        }
    }

    @Test
    void resultsCarryTheirErrorsAndMessagesAtEveryVersion() {
        IncrementalAlterConfigsResponse answer = new IncrementalAlterConfigsResponse(List.of(
                new ResourceResult(Resource.TOPIC, "orders", ErrorCode.NONE, ""),
                new ResourceResult(Resource.BROKER, "1", ErrorCode.INVALID_REQUEST,
                        "dynamic broker configs are not implemented (issue 21)")));
        for (short version : new short[] {0, 1, 2}) {
            AlterConfigsResponseData out = roundTrip(api.toKafka(request(), answer, version), version,
                    AlterConfigsResponseData::new);
            assertThat(out.responses()).hasSize(2);
            assertThat(out.responses().get(0).resourceName()).isEqualTo("orders");
            assertThat(out.responses().get(0).resourceType()).isEqualTo(Resource.TOPIC);
            assertThat(out.responses().get(0).errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(out.responses().get(0).errorMessage()).isNull();
            assertThat(out.responses().get(1).resourceType()).isEqualTo(Resource.BROKER);
            assertThat(out.responses().get(1).errorCode()).isEqualTo(Errors.INVALID_REQUEST.code());
            assertThat(out.responses().get(1).errorMessage()).contains("issue 21");
        }
    }

    private static AlterConfigsRequestData request() {
        AlterConfigsResource topic = new AlterConfigsResource().setResourceType(Resource.TOPIC).setResourceName("orders");
        topic.configs().add(new AlterableConfig().setName("compression.type").setValue("gzip"));
        topic.configs().add(new AlterableConfig().setName("min.insync.replicas").setValue("1"));
        AlterConfigsRequestData request = new AlterConfigsRequestData().setValidateOnly(true);
        request.resources().add(topic);
        request.resources().add(new AlterConfigsResource().setResourceType(Resource.BROKER).setResourceName("1"));
        return request;
    }
}
