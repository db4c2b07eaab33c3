package io.ferrymq.broker.server.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest.Operation;
import io.ferrymq.common.protocol.requests.IncrementalAlterConfigsRequest.Resource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrokerConfigChangeTest {

    private static Resource incremental(Operation... ops) {
        return new Resource(Resource.BROKER, "1", false, List.of(ops));
    }

    @Test
    void setAndDeleteApplyToTheCurrentLayer() {
        Map<String, String> updated = BrokerConfigChange.apply(Map.of("log.segment.bytes", "2000",
                "message.max.bytes", "5000"), incremental(new Operation("log.segment.bytes", Operation.SET, "3000"),
                new Operation("message.max.bytes", Operation.DELETE, null),
                new Operation("leader.replication.throttled.rate", Operation.SET, "200000")));
        assertThat(updated).isEqualTo(Map.of("log.segment.bytes", "3000", "leader.replication.throttled.rate", "200000"));
    }

    @Test
    void replaceAllKeepsOnlyTheGivenKeys() {
        Map<String, String> updated = BrokerConfigChange.apply(Map.of("log.segment.bytes", "2000"),
                new Resource(Resource.BROKER, "", true, List.of(new Operation("message.max.bytes", Operation.SET, "100"))));
        assertThat(updated).isEqualTo(Map.of("message.max.bytes", "100"));
    }

    @Test
    void readOnlyUnknownAndInvalidKeysAreRefusedNamingThem() {
        assertThatThrownBy(() -> BrokerConfigChange.apply(Map.of(), incremental(
                new Operation("num.io.threads", Operation.SET, "4"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'num.io.threads' is read-only");
        assertThatThrownBy(() -> BrokerConfigChange.apply(Map.of(), incremental(
                new Operation("num.io.threads", Operation.DELETE, null))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'num.io.threads' is read-only");
        assertThatThrownBy(() -> BrokerConfigChange.apply(Map.of(), incremental(
                new Operation("no.such.key", Operation.SET, "4"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown broker config 'no.such.key'");
        assertThatThrownBy(() -> BrokerConfigChange.apply(Map.of(), incremental(
                new Operation("log.segment.bytes", Operation.SET, "ten"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("log.segment.bytes");
    }

    @Test
    void appendAndSubtractAreRefusedAsNoDynamicKeyIsAList() {
        assertThatThrownBy(() -> BrokerConfigChange.apply(Map.of(), incremental(
                new Operation("log.segment.bytes", Operation.APPEND, "1"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ErrorCode.INVALID_CONFIG))
                .hasMessageContaining("APPEND on broker config 'log.segment.bytes'");
        assertThatThrownBy(() -> BrokerConfigChange.apply(Map.of(), incremental(
                new Operation("log.segment.bytes", (byte) 9, "1"))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }
}
