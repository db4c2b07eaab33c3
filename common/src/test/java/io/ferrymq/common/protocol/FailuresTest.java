package io.ferrymq.common.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void unwrapRemovesNestedFutureWrappers() {
        IllegalStateException cause = new IllegalStateException("boom");
        assertThat(Failures.unwrap(new CompletionException(new ExecutionException(cause)))).isSameAs(cause);
    }

    @Test
    void unwrapKeepsAWrapperWithoutCause() {
        CompletionException bare = new CompletionException("no cause", null);
        assertThat(Failures.unwrap(bare)).isSameAs(bare);
    }

    @Test
    void unwrapLeavesOtherExceptionsAlone() {
        RuntimeException wrapper = new RuntimeException(new IllegalStateException("inner"));
        assertThat(Failures.unwrap(wrapper)).isSameAs(wrapper);
    }

    @Test
    void reasonDropsOnlyTheLeadingCodeName() {
        assertThat(Failures.reason(ErrorCode.NOT_LEADER_OR_FOLLOWER.exception("broker 1 left t-0")))
                .isEqualTo("broker 1 left t-0");
        assertThat(Failures.reason(ErrorCode.INVALID_RECORD.exception("INVALID_CONFIG: odd")))
                .isEqualTo("INVALID_CONFIG: odd");
    }

    @Test
    void reasonOfASubclassOverridingTheMessageIsItsMessage() {
        ApiException custom = new ApiException(ErrorCode.INVALID_RECORD, "x") {
            @Override
            public String getMessage() {
                return "custom text";
            }
        };
        assertThat(Failures.reason(custom)).isEqualTo("custom text");
    }
}
