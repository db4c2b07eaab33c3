package io.ferrymq.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.Broker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.apache.curator.test.TestingServer;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real broker with a Ferry listener and a Kafka listener (on an embedded ZooKeeper), spoken to
 * over raw sockets with requests built and responses parsed by kafka-clients: KIP-511 negotiation,
 * and the connection-closing rules for what the listener does not serve.
 */
class KafkaListenerIT {

    @TempDir
    Path dir;

    private TestingServer zookeeper;
    private Broker broker;

    @BeforeEach
    void start() throws Exception {
        zookeeper = new TestingServer(true);
        broker = KafkaBroker.start(dir.resolve("logs"), zookeeper.getConnectString(), Map.of());
    }

    @AfterEach
    void stop() throws IOException {
        if (broker != null) {
            broker.close();
        }
        zookeeper.close();
    }

    @Test
    void apiVersionsAdvertisesTheKafkaApisAtEveryVersionFromZeroToFour() throws IOException {
        try (KafkaWire wire = new KafkaWire(broker.boundAddress("KAFKA"))) {
            for (short version = 0; version <= 4; version++) {
                ApiVersionsResponse response = (ApiVersionsResponse) wire.send(new ApiVersionsRequest.Builder().build(version));
                assertThat(response.data().errorCode()).as("v%d", version).isEqualTo(Errors.NONE.code());
                ApiVersion apiVersions = response.data().apiKeys().find(ApiKeys.API_VERSIONS.id);
                assertThat(apiVersions.minVersion()).isZero();
                assertThat(apiVersions.maxVersion()).isEqualTo((short) 4);
            }
        }
    }

    @Test
    void aNewerApiVersionsIsAnsweredAtVersionZeroWithTheSupportedRanges() throws IOException {
        try (KafkaWire wire = new KafkaWire(broker.boundAddress("KAFKA"))) {
            ApiVersionsRequestData data = new ApiVersionsRequestData().setClientSoftwareName("future")
                    .setClientSoftwareVersion("9.9");
            short future = 42;
            RequestHeader header = new RequestHeader(ApiKeys.API_VERSIONS, future, "future-client", 7);
            ByteBuffer frame = ByteBuffer.allocate(header.size() + 64);
            frame.put(org.apache.kafka.common.protocol.MessageUtil.toByteBuffer(header.data(), header.headerVersion()));
            frame.put(org.apache.kafka.common.protocol.MessageUtil.toByteBuffer(data, (short) 3));
            wire.sendRaw(frame.flip());
            ByteBuffer response = ByteBuffer.wrap(wire.readFrame().orElseThrow());
            assertThat(response.getInt()).as("correlation id, in a v0 header").isEqualTo(7);
            ApiVersionsResponse parsed = ApiVersionsResponse.parse(response, (short) 0);
            assertThat(parsed.data().errorCode()).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
            assertThat(parsed.data().apiKeys().find(ApiKeys.API_VERSIONS.id).maxVersion()).isEqualTo((short) 4);
        }
    }

    @Test
    void goldenBytesOfApiVersionsV0() throws IOException {
        try (KafkaWire wire = new KafkaWire(broker.boundAddress("KAFKA"))) {
            // api key 18, version 0, correlation id 0x01020304, client id "c"; no body
            wire.sendRaw(ByteBuffer.wrap(new byte[] {0, 18, 0, 0, 1, 2, 3, 4, 0, 1, 'c'}));
            ByteBuffer response = ByteBuffer.wrap(wire.readFrame().orElseThrow());
            assertThat(response.getInt()).isEqualTo(0x01020304);
            assertThat(response.getShort()).as("error code").isZero();
            int keys = response.getInt();
            assertThat(keys).isPositive();
            assertThat(response.remaining()).as("int16 key, min, max per key, nothing after").isEqualTo(keys * 6);
        }
    }

    @Test
    void anApiThisListenerDoesNotServeClosesTheConnectionAndOthersGoOn() throws IOException {
        try (KafkaWire wire = new KafkaWire(broker.boundAddress("KAFKA"))) {
            // api key 57 (UpdateFeatures), which Ferry does not serve
            wire.sendRaw(ByteBuffer.wrap(new byte[] {0, 57, 0, 0, 0, 0, 0, 1, 0, 1, 'c'}));
            assertThat(wire.readFrame()).isEmpty();
        }
        try (KafkaWire wire = new KafkaWire(broker.boundAddress("KAFKA"))) {
            // ApiVersions v3 whose client software name claims 100 bytes that are not there
            wire.sendRaw(ByteBuffer.wrap(new byte[] {0, 18, 0, 3, 0, 0, 0, 2, 0, 1, 'c', 0, 101, 'x'}));
            assertThat(wire.readFrame()).isEmpty();
        }
        try (KafkaWire wire = new KafkaWire(broker.boundAddress("KAFKA"))) {
            ApiVersionsResponse response = (ApiVersionsResponse) wire.send(new ApiVersionsRequest.Builder().build((short) 3));
            assertThat(response.data().errorCode()).isEqualTo(Errors.NONE.code());
        }
    }
}
