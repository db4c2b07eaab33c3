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
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterConfigsResource;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData.AlterableConfig;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class IncrementalAlterConfigsApiTest {

    private final IncrementalAlterConfigsApi api = new IncrementalAlterConfigsApi();

    @Test
    void ourOperationCodesAreKafkas() {
        assertThat(List.of(Operation.SET, Operation.DELETE, Operation.APPEND, Operation.SUBTRACT)).containsExactly(
                AlterConfigOp.OpType.SET.id(), AlterConfigOp.OpType.DELETE.id(), AlterConfigOp.OpType.APPEND.id(),
                AlterConfigOp.OpType.SUBTRACT.id());
        assertThat(api.key()).isEqualTo(ApiKeys.INCREMENTAL_ALTER_CONFIGS);
        assertThat(api.minVersion()).isZero();
        assertThat(api.maxVersion()).isEqualTo((short) 1);
    }

    @Test
    void operationsAreCarriedIncrementallyAtBothVersions() {
        for (short version : new short[] {0, 1}) {
            IncrementalAlterConfigsRequestData read = roundTrip(request(), version,
                    IncrementalAlterConfigsRequestData::new);
            assertThat(api.toFerry(read, version)).as("v%d", version).isEqualTo(new IncrementalAlterConfigsRequest(
                    List.of(new Resource(Resource.TOPIC, "orders", false, List.of(
                                    new Operation("compression.type", Operation.SET, "gzip"),
                                    new Operation("min.insync.replicas", Operation.DELETE, null),
                                    new Operation("cleanup.policy", Operation.APPEND, "compact"))),
                            new Resource(Resource.BROKER, "", false, List.of(
                                    new Operation("log.retention.ms", Operation.SUBTRACT, "1")))), false));
        }
    }

    @Test
    void resultsCarryTheirErrorsAndMessagesAtBothVersions() {
        IncrementalAlterConfigsResponse answer = new IncrementalAlterConfigsResponse(List.of(
                new ResourceResult(Resource.TOPIC, "orders", ErrorCode.INVALID_CONFIG,
                        "topic config 'retention.ms' cannot be changed"),
                new ResourceResult(Resource.BROKER, "", ErrorCode.INVALID_REQUEST, "no dynamic broker configs")));
        for (short version : new short[] {0, 1}) {
            IncrementalAlterConfigsResponseData out = roundTrip(api.toKafka(request(), answer, version), version,
                    IncrementalAlterConfigsResponseData::new);
            assertThat(out.responses()).extracting(r -> r.resourceType() + "/" + r.resourceName() + "/" + r.errorCode())
                    .containsExactly(Resource.TOPIC + "/orders/" + Errors.INVALID_CONFIG.code(),
                            Resource.BROKER + "//" + Errors.INVALID_REQUEST.code());
            assertThat(out.responses().get(0).errorMessage()).contains("retention.ms");
        }
        IncrementalAlterConfigsResponseData ok = roundTrip(api.toKafka(request(), new IncrementalAlterConfigsResponse(
                List.of(new ResourceResult(Resource.TOPIC, "orders", ErrorCode.NONE, ""))), (short) 1), (short) 1,
                IncrementalAlterConfigsResponseData::new);
        assertThat(ok.responses().get(0).errorMessage()).isNull();
    }

    private static IncrementalAlterConfigsRequestData request() {
        AlterConfigsResource topic = new AlterConfigsResource().setResourceType(Resource.TOPIC).setResourceName("orders");
        topic.configs().add(new AlterableConfig().setName("compression.type")
                .setConfigOperation(AlterConfigOp.OpType.SET.id()).setValue("gzip"));
        topic.configs().add(new AlterableConfig().setName("min.insync.replicas")
                .setConfigOperation(AlterConfigOp.OpType.DELETE.id()).setValue(null));
        topic.configs().add(new AlterableConfig().setName("cleanup.policy")
                .setConfigOperation(AlterConfigOp.OpType.APPEND.id()).setValue("compact"));
        AlterConfigsResource broker = new AlterConfigsResource().setResourceType(Resource.BROKER).setResourceName("");
        broker.configs().add(new AlterableConfig().setName("log.retention.ms")
                .setConfigOperation(AlterConfigOp.OpType.SUBTRACT.id()).setValue("1"));
        IncrementalAlterConfigsRequestData request = new IncrementalAlterConfigsRequestData();
        request.resources().add(topic);
        request.resources().add(broker);
        return request;
    }
}
