package io.ferrymq.broker.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.config.ConfigException;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.errors.CorruptRecordException;
import io.ferrymq.coordinator.group.GroupFencedException;
import io.ferrymq.coordinator.metadata.PartitionStateConflictException;
import io.ferrymq.coordinator.zk.CoordinatorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {

    private static final TopicPartition TP = new TopicPartition("orders", 3);

    @Test
    void anApiExceptionKeepsItsCodeAndReasonWithoutTheCodeName() {
        ApiError error = ErrorMapper.toApiError(ErrorCode.INVALID_PARTITIONS.exception("count 0 is below 1"));

        assertThat(error).isEqualTo(new ApiError(ErrorCode.INVALID_PARTITIONS, "count 0 is below 1"));
    }

    @Test
    void aRecordFormatExceptionCarriesItsCode() {
        assertThat(ErrorMapper.toApiError(new CorruptRecordException("CRC mismatch at position 0")))
                .isEqualTo(new ApiError(ErrorCode.CORRUPT_MESSAGE, "CRC mismatch at position 0"));
    }

    @Test
    void nestedFutureWrappersAreRemovedFirst() {
        Throwable wrapped = new CompletionException(new ExecutionException(new TimeoutException("waited 30000 ms")));

        assertThat(ErrorMapper.toApiError(wrapped)).isEqualTo(new ApiError(ErrorCode.REQUEST_TIMED_OUT, "waited 30000 ms"));
    }

    @Test
    void jdkAndModuleExceptionsHaveFixedCodes() {
        assertThat(codeOf(new PartitionStateConflictException(TP, "epoch moved", Optional.empty())))
                .isEqualTo(ErrorCode.NOT_LEADER_OR_FOLLOWER);
        assertThat(codeOf(new GroupFencedException("claimed by broker 2"))).isEqualTo(ErrorCode.NOT_COORDINATOR);
        assertThat(codeOf(new ConfigException("bad retention.ms"))).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(codeOf(new IllegalArgumentException("negative"))).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(codeOf(new UncheckedIOException(new IOException("disk full")))).isEqualTo(ErrorCode.KAFKA_STORAGE_ERROR);
    }

    @Test
    void aStoppedExecutorMeansTheBrokerIsShuttingDown() {
        ApiError expected = new ApiError(ErrorCode.BROKER_NOT_AVAILABLE, "the broker is shutting down");

        assertThat(ErrorMapper.toApiError(new RejectedExecutionException("pool shut down"))).isEqualTo(expected);
        assertThat(ErrorMapper.toApiError(new CompletionException(new CancellationException()))).isEqualTo(expected);
    }

    @Test
    void anUnexpectedExceptionIsUnknownAndNamesOnlyTypeAndMessage() {
        ApiError error = ErrorMapper.toApiError(new IllegalStateException("boom"));

        assertThat(error).isEqualTo(new ApiError(ErrorCode.UNKNOWN_SERVER_ERROR, "IllegalStateException: boom"));
        assertThat(ErrorMapper.toApiError(new NullPointerException()).message()).isEqualTo("NullPointerException");
    }

    @Test
    void aZooKeeperFailureOutsideGroupsIsUnknown() {
        assertThat(codeOf(new CoordinatorException("reading /brokers failed"))).isEqualTo(ErrorCode.UNKNOWN_SERVER_ERROR);
    }

    @Test
    void aPartitionErrorIsPrefixedWithThePartitionUnlessItNamesIt() {
        assertThat(ErrorMapper.forPartition(ErrorCode.NOT_LEADER_OR_FOLLOWER.exception("leader is broker 2"), TP))
                .isEqualTo(new ApiError(ErrorCode.NOT_LEADER_OR_FOLLOWER, "orders-3: leader is broker 2"));
        assertThat(ErrorMapper.forPartition(ErrorCode.FENCED_LEADER_EPOCH.exception("epoch 4 of orders-3 is old"), TP))
                .isEqualTo(new ApiError(ErrorCode.FENCED_LEADER_EPOCH, "epoch 4 of orders-3 is old"));
    }

    @Test
    void aPartitionMessageDoesNotRepeatTheCodeName() {
        ApiError error = ErrorMapper.forPartition(
                new CompletionException(ErrorCode.NOT_LEADER_OR_FOLLOWER.exception("not leader of orders-3")), TP);

        assertThat(error.message()).isEqualTo("not leader of orders-3");
    }

    @Test
    void aDiskErrorOnAPartitionIsAStorageErrorNamingIt() {
        ApiError error = ErrorMapper.forPartition(new UncheckedIOException(new IOException("No space left")), TP);

        assertThat(error.error()).isEqualTo(ErrorCode.KAFKA_STORAGE_ERROR);
        assertThat(error.message()).startsWith("orders-3: disk error").contains("No space left");
    }

    @Test
    void anUnexpectedPartitionErrorIsUnknownNamingThePartitionWithoutStackTrace() {
        ApiError error = ErrorMapper.forPartition(new IllegalStateException("boom"), TP);

        assertThat(error).isEqualTo(new ApiError(ErrorCode.UNKNOWN_SERVER_ERROR, "orders-3: IllegalStateException: boom"));
    }

    @Test
    void aZooKeeperFailureServingAGroupMeansTheCoordinatorIsUnavailable() {
        assertThat(ErrorMapper.forGroup(new CompletionException(new CoordinatorException("session expired")), "g"))
                .isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    }

    @Test
    void groupErrorsOtherwiseFollowTheSharedMapping() {
        assertThat(ErrorMapper.forGroup(new GroupFencedException("claimed by broker 2"), "g"))
                .isEqualTo(ErrorCode.NOT_COORDINATOR);
        assertThat(ErrorMapper.forGroup(ErrorCode.UNKNOWN_MEMBER_ID.exception("m-1"), "g"))
                .isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(ErrorMapper.forGroup(new IllegalStateException("boom"), "g")).isEqualTo(ErrorCode.UNKNOWN_SERVER_ERROR);
    }

    private static ErrorCode codeOf(Throwable failure) {
        return ErrorMapper.toApiError(failure).error();
    }
}
