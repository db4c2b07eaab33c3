package io.ferrymq.common.protocol.requests;

import io.ferrymq.common.protocol.ApiKey;
import io.ferrymq.common.protocol.ApiRequest;
import java.util.List;

/**
 * Which SCRAM mechanisms and iteration counts the named users have (Kafka's
 * DescribeUserScramCredentials); an empty list asks for every user. Never returns keys or salts.
 * Immutable.
 */
public record DescribeUserScramCredentialsRequest(List<String> users) implements ApiRequest {

    public DescribeUserScramCredentialsRequest {
        users = List.copyOf(users);
    }

    @Override
    public ApiKey apiKey() {
        return ApiKey.DESCRIBE_USER_SCRAM_CREDENTIALS;
    }
}
