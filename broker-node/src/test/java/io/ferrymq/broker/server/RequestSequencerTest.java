package io.ferrymq.broker.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The per-connection barriers without sockets or threads: the connection's event loop is a queue
 * the test drains by hand, writes reach their ordering point when the test completes them, in a
 * random order interleaved with new submissions.
 */
class RequestSequencerTest {

    private final Connection connection = new Connection();

    @Property(tries = 500)
    void requestsStartInOrderEachAfterEveryEarlierOneReachedItsOrderingPoint(
            @ForAll @Size(max = 40) List<Boolean> isWrite, @ForAll Random random) {
        Connection c = new Connection();
        int submitted = 0;
        // Each step submits, applies or runs one event-loop task (one per applied write): at most 3n steps.
        while (submitted < isWrite.size() || !c.unapplied.isEmpty() || !c.eventLoop.isEmpty()) {
            List<Runnable> possible = new ArrayList<>();
            if (submitted < isWrite.size()) {
                int next = submitted;
                possible.add(() -> c.submit(next, isWrite.get(next)));
            }
            if (!c.unapplied.isEmpty()) {
                possible.add(() -> c.applyOne(random));
            }
            if (!c.eventLoop.isEmpty()) {
                possible.add(() -> c.eventLoop.poll().run());
            }
            possible.get(random.nextInt(possible.size())).run();
            submitted = c.reached.size();
            if (c.eventLoop.isEmpty()) {
                assertThat(c.started.size() == submitted || !c.unapplied.isEmpty())
                        .as("only an unapplied write may hold requests back").isTrue();
            }
        }
        assertThat(c.started).isEqualTo(IntStream.range(0, isWrite.size()).boxed().toList());
    }

    @Test
    void aWriteHoldsLaterReadsAndWritesUntilItIsApplied() {
        connection.submit(0, true);
        connection.submit(1, false);
        connection.submit(2, true);
        assertThat(connection.started).containsExactly(0);

        connection.apply(0, null);
        assertThat(connection.started).containsExactly(0);
        connection.eventLoop.poll().run();

        assertThat(connection.started).containsExactly(0, 1, 2);
        assertThat(connection.unapplied).containsOnlyKeys(2);
    }

    @Test
    void readsStartAtOnceAndHoldNothingUp() {
        IntStream.range(0, 5).forEach(i -> connection.submit(i, false));
        connection.submit(5, true);

        assertThat(connection.started).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(connection.eventLoop).isEmpty();
    }

    @Test
    void aWriteThatFailedCountsAsApplied() {
        connection.submit(0, true);
        connection.submit(1, true);
        connection.apply(0, new IllegalStateException("handler failed"));
        connection.eventLoop.poll().run();

        assertThat(connection.started).containsExactly(0, 1);
    }

    /** One connection's sequencer with its hand-run event loop and a record of what started. */
    private static final class Connection {

        private final Deque<Runnable> eventLoop = new ArrayDeque<>();
        private final RequestSequencer sequencer = new RequestSequencer(eventLoop::add);
        private final List<Integer> started = new ArrayList<>();
        private final List<Boolean> reached = new ArrayList<>();
        private final Map<Integer, CompletableFuture<Void>> unapplied = new HashMap<>();

        /** Submits request {@code index}; when started, checks every earlier request reached its point. */
        private void submit(int index, boolean isWrite) {
            reached.add(false);
            sequencer.submit(() -> {
                assertThat(reached.subList(0, index)).as("ordering points before request %d", index)
                        .doesNotContain(false);
                started.add(index);
                if (!isWrite) {
                    reached.set(index, true);
                    return CompletableFuture.completedFuture(null);
                }
                CompletableFuture<Void> applied = new CompletableFuture<>();
                unapplied.put(index, applied);
                return applied;
            });
        }

        private void applyOne(Random random) {
            List<Integer> candidates = new ArrayList<>(unapplied.keySet());
            int index = candidates.get(random.nextInt(candidates.size()));
            apply(index, random.nextBoolean() ? null : new IllegalStateException("write " + index + " failed"));
        }

        /** Write {@code index} reaches its ordering point, normally or (with a failure) exceptionally. */
        private void apply(int index, RuntimeException failure) {
            reached.set(index, true);
            CompletableFuture<Void> applied = unapplied.remove(index);
            if (failure == null) {
                applied.complete(null);
            } else {
                applied.completeExceptionally(failure);
            }
        }
    }
}
