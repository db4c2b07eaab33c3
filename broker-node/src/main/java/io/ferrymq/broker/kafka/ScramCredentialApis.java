package io.ferrymq.broker.kafka;

import io.ferrymq.common.protocol.ApiRequest;
import io.ferrymq.common.protocol.ApiResponse;
import io.ferrymq.common.protocol.requests.AlterUserScramCredentialsRequest;
import io.ferrymq.common.protocol.requests.DescribeUserScramCredentialsRequest;
import io.ferrymq.common.protocol.responses.AlterUserScramCredentialsResponse;
import io.ferrymq.common.protocol.responses.DescribeUserScramCredentialsResponse;
import java.util.List;
import org.apache.kafka.common.message.AlterUserScramCredentialsRequestData;
import org.apache.kafka.common.message.AlterUserScramCredentialsResponseData;
import org.apache.kafka.common.message.DescribeUserScramCredentialsRequestData;
import org.apache.kafka.common.message.DescribeUserScramCredentialsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.clients.admin.ScramMechanism;

/**
 * DescribeUserScramCredentials 0 and AlterUserScramCredentials 0 (KIP-554), so Kafka's Admin
 * client and {@code kafka-configs --entity-type users} manage the SCRAM users Ferry's SASL listeners
 * authenticate, as {@code ferry users} does. Kafka names a mechanism by a byte (1 SCRAM-SHA-256,
 * 2 SCRAM-SHA-512), Ferry by its SASL name; a byte Kafka does not know travels as a name no
 * mechanism has, which Ferry's handler answers UNSUPPORTED_SASL_MECHANISM. Stateless.
 */
final class ScramCredentialApis {

    private ScramCredentialApis() {
    }

    static List<KafkaApi<?, ?>> create() {
        return List.of(new Describe(), new Alter());
    }

    static String mechanismName(byte type) {
        ScramMechanism mechanism = ScramMechanism.fromType(type);
        return mechanism == ScramMechanism.UNKNOWN ? "UNKNOWN(" + type + ")" : mechanism.mechanismName();
    }

    static byte mechanismType(String name) {
        return ScramMechanism.fromMechanismName(name).type();
    }

    static final class Describe implements
            KafkaApi<DescribeUserScramCredentialsRequestData, DescribeUserScramCredentialsResponseData> {
        @Override
        public ApiKeys key() {
            return ApiKeys.DESCRIBE_USER_SCRAM_CREDENTIALS;
        }

        @Override
        public short minVersion() {
            return 0;
        }

        @Override
        public short maxVersion() {
            return 0;
        }

        @Override
        public ApiRequest toFerry(DescribeUserScramCredentialsRequestData request, short version) {
            return new DescribeUserScramCredentialsRequest(request.users() == null ? List.of()
                    : request.users().stream().map(DescribeUserScramCredentialsRequestData.UserName::name).toList());
        }

        @Override
        public DescribeUserScramCredentialsResponseData toKafka(DescribeUserScramCredentialsRequestData request,
                                                                ApiResponse response, short version) {
            DescribeUserScramCredentialsResponse ferry = (DescribeUserScramCredentialsResponse) response;
            DescribeUserScramCredentialsResponseData out = new DescribeUserScramCredentialsResponseData()
                    .setErrorCode(ferry.error().code()).setErrorMessage(ErrorMessages.orNull(ferry.errorMessage()));
            for (DescribeUserScramCredentialsResponse.UserResult user : ferry.results()) {
                out.results().add(new DescribeUserScramCredentialsResponseData.DescribeUserScramCredentialsResult()
                        .setUser(user.user()).setErrorCode(user.error().code())
                        .setErrorMessage(ErrorMessages.orNull(user.errorMessage()))
                        .setCredentialInfos(user.credentials().stream().map(c ->
                                new DescribeUserScramCredentialsResponseData.CredentialInfo()
                                        .setMechanism(mechanismType(c.mechanism())).setIterations(c.iterations())).toList()));
            }
            return out;
        }
    }

    static final class Alter implements
            KafkaApi<AlterUserScramCredentialsRequestData, AlterUserScramCredentialsResponseData> {
        @Override
        public ApiKeys key() {
            return ApiKeys.ALTER_USER_SCRAM_CREDENTIALS;
        }

        @Override
        public short minVersion() {
            return 0;
        }

        @Override
        public short maxVersion() {
            return 0;
        }

        @Override
        public ApiRequest toFerry(AlterUserScramCredentialsRequestData request, short version) {
            return new AlterUserScramCredentialsRequest(
                    request.deletions().stream().map(d -> new AlterUserScramCredentialsRequest.Deletion(d.name(),
                            mechanismName(d.mechanism()))).toList(),
                    request.upsertions().stream().map(u -> new AlterUserScramCredentialsRequest.Upsertion(u.name(),
                            mechanismName(u.mechanism()), u.iterations(), u.salt(), u.saltedPassword())).toList());
        }

        @Override
        public AlterUserScramCredentialsResponseData toKafka(AlterUserScramCredentialsRequestData request,
                                                             ApiResponse response, short version) {
            AlterUserScramCredentialsResponse ferry = (AlterUserScramCredentialsResponse) response;
            return new AlterUserScramCredentialsResponseData().setResults(ferry.results().stream().map(r ->
                    new AlterUserScramCredentialsResponseData.AlterUserScramCredentialsResult().setUser(r.user())
                            .setErrorCode(r.error().code()).setErrorMessage(ErrorMessages.orNull(r.errorMessage())))
                    .toList());
        }
    }
}
