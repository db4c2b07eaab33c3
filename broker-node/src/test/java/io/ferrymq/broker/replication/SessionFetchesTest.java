package io.ferrymq.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.broker.errors.ApiError;
import io.ferrymq.broker.log.LogConfig;
import io.ferrymq.broker.log.LogManager;
import io.ferrymq.broker.log.MutableClock;
import io.ferrymq.broker.metrics.BrokerMetrics;
import io.ferrymq.broker.partition.Partition;
import io.ferrymq.broker.partition.PartitionConfig;
import io.ferrymq.common.TopicPartition;
import io.ferrymq.common.errors.ErrorCode;
import io.ferrymq.common.protocol.RecordSource;
import io.ferrymq.common.protocol.requests.FetchRequest;
import io.ferrymq.common.protocol.requests.FetchRequest.PartitionData;
import io.ferrymq.common.protocol.responses.FetchResponse;
import io.ferrymq.common.record.CompressionType;
import io.ferrymq.common.record.RecordBatchBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental fetches of one follower's session against two real leader partitions on disk, without
 * sockets or ZooKeeper: an idle fetch takes nothing and waits on the session, an event wakes it, a
 * partition left with more to send is read again, no wake-up is lost to a fetch about to wait, and a
 * follower whose idle partitions its session left out stays in the ISR.
 */
class SessionFetchesTest {

    private static final TopicPartition A0 = new TopicPartition("a", 0);
    private static final TopicPartition A1 = new TopicPartition("a", 1);
    private static final int LEADER = 1;
    private static final int FOLLOWER = 2;
    private static final int EPOCH = 1;
    private static final long LAG_MS = 30_000;
    private static final int LONG_POLL_MS = 60_000;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(1_000_000L);
    private final FerryFetchSessions sessions = new FerryFetchSessions(
            new FetchSessionCache<>(10, Duration.ofMinutes(2), clock));
    /** The partitions whose follower position a fetch recorded, in order. */
    private final List<TopicPartition> recorded = new ArrayList<>();
    private final Map<TopicPartition, Partition> leaders = new ConcurrentHashMap<>();
    private LogManager logs;
    private SessionFetches fetches;
    private int sessionId;
    private int epoch = 1;

    @BeforeEach
    void openSession() {
        logs = LogManager.open(LogConfig.defaults(dir), clock);
        // Every partition fetched here is hosted: the metadata, asked only about others, is never needed.
        HostedPartitions hosted = new HostedPartitions(null, LEADER);
        for (TopicPartition tp : List.of(A0, A1)) {
            Partition partition = hosted.putIfAbsent(new Partition(tp, new PartitionLogReplica(logs.getOrCreate(tp),
                    logs.failureChannel()), new PartitionConfig(LEADER, List.of(LEADER, FOLLOWER), 1, LAG_MS), 0, clock));
            partition.makeLeader(EPOCH, List.of(LEADER, FOLLOWER));
            leaders.put(tp, partition);
        }
        fetches = new SessionFetches(sessions, new FetchReader(hosted, new BrokerMetrics(),
                new ReplicationThrottles(LEADER, clock)), hosted, this::record, "test");
        FetchRequest full = new FetchRequest(FOLLOWER, 0, 1, 1 << 20, List.of(at(A0, 0), at(A1, 0)),
                FetchRequest.NO_SESSION_ID, FetchRequest.INITIAL_EPOCH, List.of());
        sessionId = sessions.respond(full, new FetchResponse(ErrorCode.NONE, List.of(
                new FetchResponse.PartitionData(A0, ErrorCode.NONE, 0, 0, EPOCH, RecordSource.EMPTY),
                new FetchResponse.PartitionData(A1, ErrorCode.NONE, 0, 0, EPOCH, RecordSource.EMPTY)))).sessionId();
        assertThat(sessionId).isPositive();
        assertThat(answer(fetch(0, 1 << 20)).partitions()).isEmpty();
        assertThat(recorded).as("the first incremental fetch reads and records everything").containsExactly(A0, A1);
        recorded.clear();
    }

    @AfterEach
    void close() {
        fetches.close();
        logs.close();
    }

    @Test
    void anIdleFetchTakesNothingAndWaitsOnTheSessionUntilAnAppendWakesIt() {
        CompletableFuture<FetchResponse> idle = fetch(LONG_POLL_MS, 1 << 20);

        assertThat(recorded).as("nothing read, nothing recorded").isEmpty();
        assertThat(idle).isNotDone();
        assertThat(fetches.waiting()).as("one key: the session").isEqualTo(1);

        append(A1, "x");

        assertThat(idle).as("woken by the append, not by its timeout").isDone();
        assertThat(answer(idle).partitions()).singleElement().satisfies(p -> {
            assertThat(p.topicPartition()).isEqualTo(A1);
            assertThat(p.records().sizeInBytes()).isPositive();
        });
        assertThat(fetches.waiting()).isZero();
    }

    @Test
    void aPartitionLeftWithMoreToSendIsReadAgainAtTheNextFetch() {
        append(A0, "first");
        append(A1, "second");

        FetchResponse first = answer(fetch(0, 1));

        assertThat(first.partitions()).as("the budget holds one batch").singleElement()
                .satisfies(p -> assertThat(p.topicPartition()).isEqualTo(A0));
        recorded.clear();
        FetchResponse second = answer(fetch(0, 1, at(A0, 1)));
        assertThat(recorded).containsExactly(A0, A1);
        assertThat(second.partitions()).extracting(FetchResponse.PartitionData::topicPartition).contains(A1);
        assertThat(second.partitions()).filteredOn(p -> p.topicPartition().equals(A1)).singleElement()
                .satisfies(p -> assertThat(p.records().sizeInBytes()).isPositive());
    }

    @Test
    void anAppendRacingAFetchAboutToWaitIsNeverMissed() throws Exception {
        long offset = 0;
        for (int round = 0; round < 200; round++) {
            CountDownLatch go = new CountDownLatch(1);
            Thread appender = new Thread(() -> {
                try {
                    go.await();
                    append(A1, "race");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            appender.start();
            go.countDown();
            CompletableFuture<FetchResponse> waiting = fetch(LONG_POLL_MS, 1 << 20, at(A1, offset));
            appender.join(10_000);

            FetchResponse answer = waiting.get(10, TimeUnit.SECONDS);
            assertThat(answer.partitions()).as("round %d", round)
                    .filteredOn(p -> p.topicPartition().equals(A1) && p.records().sizeInBytes() > 0).hasSize(1);
            offset = leaders.get(A1).logEndOffset();
        }
    }

    @Test
    void aFollowerWhosePartitionsSatOutIdleFetchesStaysInTheIsrAfterAnAppend() {
        long namedAt = clock.millis();
        clock.advance(20_000);
        answer(fetch(0, 1 << 20));
        assertThat(recorded).isEmpty();
        long lastIdleFetch = clock.millis();

        clock.advance(1_000);
        append(A0, "after a long idle");
        answer(fetch(0, 1 << 20));
        assertThat(recorded).containsExactly(A0);

        clock.advance(15_000);
        assertThat(clock.millis() - lastIdleFetch).isLessThan(LAG_MS);
        assertThat(clock.millis() - namedAt).as("longer than the lag since the last fetch that named A0")
                .isGreaterThan(LAG_MS);
        assertThat(leaders.get(A0).proposeIsrShrink(Set.of(LEADER, FOLLOWER))).as("caught up at the last idle fetch")
                .isEmpty();
    }

    private CompletableFuture<FetchResponse> fetch(int maxWaitMs, int maxBytes, PartitionData... moved) {
        FetchRequest request = new FetchRequest(FOLLOWER, maxWaitMs, 1, maxBytes, List.of(moved), sessionId, epoch++,
                List.of());
        return fetches.fetch(new FetchParams(FOLLOWER, maxWaitMs, 1, maxBytes), request);
    }

    private Map<TopicPartition, ApiError> record(int followerId, Map<TopicPartition, PartitionFetchRequest> requests,
                                                 Map<TopicPartition, Long> lastUnnamedFetchMs) {
        Map<TopicPartition, ApiError> errors = new HashMap<>();
        requests.forEach((tp, request) -> {
            synchronized (recorded) {
                recorded.add(tp);
            }
            leaders.get(tp).updateFollowerFetchState(followerId, request.fetchOffset(), request.currentLeaderEpoch(),
                    lastUnnamedFetchMs.getOrDefault(tp, Partition.NO_UNNAMED_FETCH));
        });
        return errors;
    }

    /** Appends as the leader, then reports the change as the replica manager does. */
    private void append(TopicPartition tp, String value) {
        RecordBatchBuilder builder = RecordBatchBuilder.allocate(256, CompressionType.NONE);
        builder.append(1_000L, null, value.getBytes(StandardCharsets.UTF_8));
        ByteBuffer batch = builder.build().buffer().duplicate();
        leaders.get(tp).appendAsLeader(batch, (short) 1);
        fetches.onChanged(tp);
    }

    private static FetchResponse answer(CompletableFuture<FetchResponse> response) {
        assertThat(response).isDone();
        return response.join();
    }

    private static PartitionData at(TopicPartition tp, long offset) {
        return new PartitionData(tp, offset, EPOCH, 1 << 20);
    }
}
