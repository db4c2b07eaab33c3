package io.ferrymq.broker.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.errors.ErrorCode;
import java.util.Arrays;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

/** Ferry's error codes are Kafka's: on a Kafka listener a code goes out as it is. */
class KafkaErrorCodesTest {

    @Test
    void everyErrorKafkaKnowsHasKafkasCodeAndName() {
        Arrays.stream(ErrorCode.values()).filter(error -> error != ErrorCode.UNKNOWN_API_KEY).forEach(error ->
                assertThat(Errors.forCode(error.code()).name()).as("code %d", error.code()).isEqualTo(error.name()));
    }

    @Test
    void kafkasRetriableErrorsAreRetriable() {
        Arrays.stream(ErrorCode.values()).filter(error -> error != ErrorCode.UNKNOWN_API_KEY).forEach(error ->
                assertThat(error.isRetriable()).as("%s", error)
                        .isEqualTo(Errors.forCode(error.code()).exception() instanceof org.apache.kafka.common.errors.RetriableException));
    }
}
