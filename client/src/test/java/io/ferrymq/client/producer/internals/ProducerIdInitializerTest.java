package io.ferrymq.client.producer.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.common.TopicPartition;
import io.ferrymq.client.common.internals.EventQueue;
import io.ferrymq.client.producer.ProducerConfig.Idempotence;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ProducerIdInitializerTest {

    private final List<Optional<ProducerIdAndEpoch>> calls = new ArrayList<>();
    private final List<CompletableFuture<ProducerIdAndEpoch>> answers = new ArrayList<>();
    private final EventQueue events = new EventQueue();
    private final ProducerIdSource source = current -> {
        calls.add(current);
        CompletableFuture<ProducerIdAndEpoch> answer = new CompletableFuture<>();
        answers.add(answer);
        return answer;
    };
    private final Clock clock = Clock.fixed(Instant.ofEpochMilli(1000), ZoneOffset.UTC);

    private ProducerIdInitializer initializer(IdempotenceManager manager) {
        return new ProducerIdInitializer(manager, source, events, clock, 100);
    }

    private void answer(int call, Throwable error) {
        answers.get(call).completeExceptionally(error);
        events.runPending();
    }

    @Test
    void asksOnlyOnceRecordsWaitAndOnlyOnce() {
        IdempotenceManager manager = new IdempotenceManager(Idempotence.ENABLED_BY_DEFAULT, 5);
        ProducerIdInitializer initializer = initializer(manager);
        initializer.maybeInit(false, 1000);
        assertThat(calls).isEmpty();
        initializer.maybeInit(true, 1000);
        initializer.maybeInit(true, 1000);
        assertThat(calls).containsExactly(Optional.empty());
        answers.get(0).complete(new ProducerIdAndEpoch(3, (short) 0));
        events.runPending();
        assertThat(manager.state()).isEqualTo(IdempotenceManager.State.READY);
        assertThat(manager.producerIdAndEpoch()).contains(new ProducerIdAndEpoch(3, (short) 0));
    }

    @Test
    void aRetriableFailureIsRetriedAfterTheBackoff() {
        IdempotenceManager manager = new IdempotenceManager(Idempotence.ENABLED, 5);
        ProducerIdInitializer initializer = initializer(manager);
        initializer.maybeInit(true, 1000);
        answer(0, new ApiException(ErrorCode.COORDINATOR_NOT_AVAILABLE, "no block yet"));
        assertThat(initializer.maybeInit(true, 1050)).isEqualTo(50);
        assertThat(calls).hasSize(1);
        initializer.maybeInit(true, 1100);
        assertThat(calls).hasSize(2);
    }

    @Test
    void brokersWithoutTheApiTurnADefaultedIdempotenceOff() {
        IdempotenceManager manager = new IdempotenceManager(Idempotence.ENABLED_BY_DEFAULT, 5);
        initializer(manager).maybeInit(true, 1000);
        answer(0, new ApiException(ErrorCode.UNKNOWN_API_KEY, "not served"));
        assertThat(manager.state()).isEqualTo(IdempotenceManager.State.DISABLED);
        assertThat(manager.fatalError()).isEmpty();
    }

    @Test
    void brokersWithoutTheApiAreFatalWhenIdempotenceWasAskedFor() {
        IdempotenceManager manager = new IdempotenceManager(Idempotence.ENABLED, 5);
        initializer(manager).maybeInit(true, 1000);
        answer(0, new ApiException(ErrorCode.UNKNOWN_API_KEY, "not served"));
        assertThat(manager.state()).isEqualTo(IdempotenceManager.State.FATAL);
        assertThat(manager.fatalError()).hasValueSatisfying(e -> assertThat(e)
                .hasMessageContaining("producer id").hasMessageContaining("not served"));
    }

    @Test
    void aFreshIdAfterAnExhaustedEpochIsAskedWithTheCurrentOne() {
        IdempotenceManager manager = new IdempotenceManager(Idempotence.ENABLED, 5);
        ProducerIdInitializer initializer = initializer(manager);
        ProducerIdAndEpoch last = new ProducerIdAndEpoch(3, Short.MAX_VALUE);
        initializer.maybeInit(true, 1000);
        answers.get(0).complete(last);
        events.runPending();
        manager.restartSequences(new TopicPartition("t", 0), last);
        initializer.maybeInit(true, 1000);
        assertThat(calls).containsExactly(Optional.empty(), Optional.of(last));
    }
}
