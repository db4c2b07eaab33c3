package io.ferrymq.broker.kafka;

import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.SaslAuthenticateRequest;
import io.ferrymq.common.protocol.requests.SaslHandshakeRequest;
import io.ferrymq.common.protocol.responses.SaslAuthenticateResponse;
import io.ferrymq.common.protocol.responses.SaslHandshakeResponse;
import java.util.List;
import org.apache.kafka.common.message.SaslAuthenticateRequestData;
import org.apache.kafka.common.message.SaslAuthenticateResponseData;
import org.apache.kafka.common.message.SaslHandshakeRequestData;
import org.apache.kafka.common.message.SaslHandshakeResponseData;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * SASL on a Kafka listener: SaslHandshake 1 and SaslAuthenticate 0-2, served before authentication
 * by the listener's SASL handler with Ferry's SCRAM and PLAIN mechanisms. SaslHandshake v0 (raw
 * tokens after the handshake, removed in Kafka 4.0) is not offered, so every client frames its
 * tokens in SaslAuthenticate. Stateless.
 */
final class SaslApis {

    private SaslApis() {
    }

    static List<KafkaApi<?, ?>> create() {
        return List.of(new Handshake(), new Authenticate());
    }

    static final class Handshake implements KafkaApi<SaslHandshakeRequestData, SaslHandshakeResponseData> {
        @Override
        public ApiKeys key() {
            return ApiKeys.SASL_HANDSHAKE;
        }

        @Override
        public short minVersion() {
            return 1;
        }

        @Override
        public short maxVersion() {
            return 1;
        }

        @Override
        public ApiRequest toFerry(SaslHandshakeRequestData request, short version) {
            return new SaslHandshakeRequest(request.mechanism());
        }

        @Override
        public SaslHandshakeResponseData toKafka(SaslHandshakeRequestData request, ApiResponse response, short version) {
            SaslHandshakeResponse ferry = (SaslHandshakeResponse) response;
            return new SaslHandshakeResponseData().setErrorCode(ferry.error().code()).setMechanisms(ferry.mechanisms());
        }
    }

    static final class Authenticate implements KafkaApi<SaslAuthenticateRequestData, SaslAuthenticateResponseData> {
        @Override
        public ApiKeys key() {
            return ApiKeys.SASL_AUTHENTICATE;
        }

        @Override
        public short minVersion() {
            return 0;
        }

        @Override
        public short maxVersion() {
            return 2;
        }

        @Override
        public ApiRequest toFerry(SaslAuthenticateRequestData request, short version) {
            return new SaslAuthenticateRequest(request.authBytes());
        }

        @Override
        public SaslAuthenticateResponseData toKafka(SaslAuthenticateRequestData request, ApiResponse response,
                                                    short version) {
            SaslAuthenticateResponse ferry = (SaslAuthenticateResponse) response;
            SaslAuthenticateResponseData out = new SaslAuthenticateResponseData().setErrorCode(ferry.error().code())
                    .setErrorMessage(ErrorMessages.orNull(ferry.errorMessage())).setAuthBytes(ferry.authBytes());
            if (version >= 1) {
                out.setSessionLifetimeMs(ferry.sessionLifetimeMs());
            }
            return out;
        }
    }
}
