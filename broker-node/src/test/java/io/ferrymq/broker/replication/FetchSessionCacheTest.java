package io.ferrymq.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.broker.replication.FetchSessionCache.News;
import io.ferrymq.broker.replication.FetchSessionCache.Position;
import io.ferrymq.broker.log.MutableClock;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;

class FetchSessionCacheTest {

    /** Kafka's key kind: the cache is generic over it. */
    private record PartitionKey(Uuid topicId, String topic, int partition) {
    }


    private static final Duration EVICTION = Duration.ofMinutes(2);
    private static final PartitionKey A0 = byName("a", 0);
    private static final PartitionKey A1 = byName("a", 1);
    private static final PartitionKey B0 = byName("b", 0);

    private final MutableClock clock = new MutableClock(1_000_000L);
    private final Map<PartitionKey, News> state = new HashMap<>();
    private final Function<PartitionKey, News> news = key -> state.getOrDefault(key, quiet(10, 0));

    @Test
    void aFullFetchOpensASessionAtEpochOneHoldingItsPartitionsInOrder() {
        FetchSessionCache<PartitionKey> cache = new FetchSessionCache<>(10, EVICTION, clock);

        int id = cache.maybeCreate(false, false, positions(A1, A0), news);

        assertThat(id).isPositive();
        assertThat(cache.nextEpoch(id)).contains(1);
        FetchSessionCache.Snapshot<PartitionKey> snapshot = cache.updateIncremental(id, 1, false, positions(), List.of());
        assertThat(snapshot.partitions().keySet()).containsExactly(A1, A0);
        assertThat(cache.nextEpoch(id)).contains(2);
    }

    @Test
    void anIncrementalFetchAddsAtTheEndRepositionsAndForgets() {
        FetchSessionCache<PartitionKey> cache = new FetchSessionCache<>(10, EVICTION, clock);
        int id = cache.maybeCreate(false, false, positions(A0, A1), news);

        LinkedHashMap<PartitionKey, Position> updates = new LinkedHashMap<>();
        updates.put(B0, new Position(7, 3, 100, -1));
        updates.put(A0, new Position(42, 5, 200, -1));
        FetchSessionCache.Snapshot<PartitionKey> snapshot = cache.updateIncremental(id, 1, false, updates, List.of(A1));

        assertThat(snapshot.partitions().keySet()).containsExactly(A0, B0);
        assertThat(snapshot.partitions().get(A0)).isEqualTo(new Position(42, 5, 200, -1));
        assertThat(snapshot.partitions().get(B0)).isEqualTo(new Position(7, 3, 100, -1));
    }

    @Test
    void forgettingEveryPartitionClosesTheSession() {
        FetchSessionCache<PartitionKey> cache = new FetchSessionCache<>(10, EVICTION, clock);
        int id = cache.maybeCreate(false, false, positions(A0), news);

        assertThat(cache.updateIncremental(id, 1, false, positions(), List.of(A0)).partitions()).isEmpty();

        assertThat(cache.size()).isZero();
        assertThat(cache.respondIncremental(id, news)).isEmpty();
    }

    @Test
    void sessionErrorsAreKafkas() {
        FetchSessionCache<PartitionKey> cache = new FetchSessionCache<>(10, EVICTION, clock);
        int id = cache.maybeCreate(false, false, positions(A0), news);

        assertThatThrownBy(() -> cache.updateIncremental(id + 1, 1, false, positions(), List.of()))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.FETCH_SESSION_ID_NOT_FOUND));
        assertThatThrownBy(() -> cache.updateIncremental(id, 2, false, positions(), List.of()))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.INVALID_FETCH_SESSION_EPOCH));
        assertThatThrownBy(() -> cache.updateIncremental(id, 1, true, positions(), List.of()))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.FETCH_SESSION_TOPIC_ID_ERROR));
        assertThat(cache.nextEpoch(id)).as("a refused request leaves the epoch").contains(1);
        cache.updateIncremental(id, 1, false, positions(), List.of());
        assertThatThrownBy(() -> cache.updateIncremental(id, 1, false, positions(), List.of()))
                .as("a replayed epoch").isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.INVALID_FETCH_SESSION_EPOCH));
    }

    @Test
    void aRemovedSessionIsNotFound() {
        FetchSessionCache<PartitionKey> cache = new FetchSessionCache<>(10, EVICTION, clock);
        int id = cache.maybeCreate(false, false, positions(A0), news);

        assertThat(cache.remove(id)).isTrue();

        assertThatThrownBy(() -> cache.updateIncremental(id, 1, false, positions(), List.of()))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error()).isEqualTo(ErrorCode.FETCH_SESSION_ID_NOT_FOUND));
    }

    @Test
    void theFirstTakeHandsOutEveryPartitionAndLaterTakesOnlyWhatChangedSince() {
        FetchSessionCache<PartitionKey> cache = new FetchSessionCache<>(10, EVICTION, clock);
        int id = cache.maybeCreate(true, false, positions(A0, A1, B0), news);
        assertThat(cache.changed(id).keySet()).as("a new session counts everything as changed").containsExactly(A0, A1, B0);

        assertThat(cache.updateAndTakeChanged(id, 1, false, positions(), List.of()).partitions().keySet())
                .containsExactly(A0, A1, B0);
        assertThat(cache.changed(id)).isEmpty();
        assertThat(cache.updateAndTakeChanged(id, 2, false, positions(), List.of()).partitions()).isEmpty();

        assertThat(cache.markChanged(B0)).containsExactly(id);
        cache.markChanged(id, List.of(A0));
        assertThat(cache.changed(id).keySet()).as("peeking takes nothing").containsExactly(B0, A0);
        LinkedHashMap<PartitionKey, Position> moved = new LinkedHashMap<>();
        moved.put(A1, new Position(9, 5, 100, -1));
        FetchSessionCache.Changes<PartitionKey> taken = cache.updateAndTakeChanged(id, 3, false, moved, List.of(A0));

        assertThat(taken.partitions().keySet()).as("marked, then repositioned; forgotten ones never").containsExactly(B0, A1);
        assertThat(taken.partitions().get(A1)).isEqualTo(new Position(9, 5, 100, -1));
        assertThat(cache.changed(id)).isEmpty();
        assertThat(cache.markChanged(A0)).as("no session holds a forgotten partition").isEmpty();
        cache.markChanged(id, List.of(A0));
        assertThat(cache.changed(id)).isEmpty();
    }

    @Test
    void aTakeSaysWhenTheSessionLastFetchedWithoutTheTakenPartitions() {
        FetchSessionCache<PartitionKey> cache = new FetchSessionCache<>(10, EVICTION, clock);
        int id = cache.maybeCreate(true, false, positions(A0, A1), news);
        assertThat(cache.updateAndTakeChanged(id, 1, false, positions(), List.of()).lastUnnamedFetchMs())
                .as("the first take follows the full fetch, which named everything").isEmpty();
        long first = clock.millis();

        clock.advance(500);
        long second = clock.millis();
        cache.markChanged(A0);
        assertThat(cache.updateAndTakeChanged(id, 2, false, positions(), List.of()).lastUnnamedFetchMs())
                .as("A0 was taken by the previous fetch").isEmpty();

        clock.advance(500);
        cache.markChanged(A0);
        cache.markChanged(A1);
        LinkedHashMap<PartitionKey, Position> added = positions(B0);
        Map<PartitionKey, Long> unnamed = cache.updateAndTakeChanged(id, 3, false, added, List.of()).lastUnnamedFetchMs();

        assertThat(unnamed).as("only A1 sat out the previous fetch; B0 is new").isEqualTo(Map.of(A1, second));
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void anIncrementalResponseCarriesOnlyPartitionsWithNewsAndRemembersWhatItSent() {
        FetchSessionCache<PartitionKey> cache = new FetchSessionCache<>(10, EVICTION, clock);
        int id = cache.maybeCreate(false, false, positions(A0, A1, B0), news);
        cache.updateIncremental(id, 1, false, positions(), List.of());

        assertThat(cache.respondIncremental(id, news)).contains(List.of());

        state.put(A1, new News(true, ErrorCode.NONE, 10, 0, false));
        state.put(B0, quiet(11, 0));
        assertThat(cache.respondIncremental(id, news)).contains(List.of(A1, B0));
        state.put(A1, quiet(10, 0));
        assertThat(cache.respondIncremental(id, news)).as("the new high watermark was sent").contains(List.of());

        state.put(A0, quiet(10, 4));
        assertThat(cache.respondIncremental(id, news)).as("log start offset moved").contains(List.of(A0));
    }

    @Test
    void aPartitionWithAnErrorIsAlwaysSentAndSentAgainOnceTheErrorClears() {
        FetchSessionCache<PartitionKey> cache = new FetchSessionCache<>(10, EVICTION, clock);
        int id = cache.maybeCreate(false, false, positions(A0, A1), news);

        state.put(A0, new News(false, ErrorCode.NOT_LEADER_OR_FOLLOWER, 10, 0, false));
        assertThat(cache.respondIncremental(id, news)).contains(List.of(A0));
        assertThat(cache.respondIncremental(id, news)).contains(List.of(A0));

        state.put(A0, quiet(10, 0));
        assertThat(cache.respondIncremental(id, news)).contains(List.of(A0));
        assertThat(cache.respondIncremental(id, news)).contains(List.of());
    }

    @Test
    void aDivergingPartitionIsAlwaysSent() {
        FetchSessionCache<PartitionKey> cache = new FetchSessionCache<>(10, EVICTION, clock);
        int id = cache.maybeCreate(false, false, positions(A0, A1), news);

        state.put(A1, new News(false, ErrorCode.NONE, 10, 0, true));

        assertThat(cache.respondIncremental(id, news)).contains(List.of(A1));
        assertThat(cache.respondIncremental(id, news)).contains(List.of(A1));
    }

    @Test
    void partitionsSentMoveToTheEndOfTheSessionSoOthersAreReadFirstNextTime() {
        FetchSessionCache<PartitionKey> cache = new FetchSessionCache<>(10, EVICTION, clock);
        int id = cache.maybeCreate(false, false, positions(A0, A1, B0), news);
        cache.updateIncremental(id, 1, false, positions(), List.of());

        state.put(A0, new News(true, ErrorCode.NONE, 10, 0, false));
        cache.respondIncremental(id, news);

        assertThat(cache.updateIncremental(id, 2, false, positions(), List.of()).partitions().keySet())
                .containsExactly(A1, B0, A0);
    }

    @Test
    void aFullSessionCreatedWithAnErrorRemembersNoHighWatermark() {
        FetchSessionCache<PartitionKey> cache = new FetchSessionCache<>(10, EVICTION, clock);
        state.put(A0, new News(false, ErrorCode.NOT_LEADER_OR_FOLLOWER, 10, 0, false));
        int id = cache.maybeCreate(false, false, positions(A0), news);

        state.put(A0, quiet(10, 0));

        assertThat(cache.respondIncremental(id, news)).contains(List.of(A0));
    }

    @Test
    void noSessionForAFetchWithoutPartitionsOrWithoutSlots() {
        assertThat(new FetchSessionCache<PartitionKey>(10, EVICTION, clock).maybeCreate(false, false, positions(), news))
                .isEqualTo(FetchSessionCache.NO_SESSION_ID);
        assertThat(new FetchSessionCache<PartitionKey>(0, EVICTION, clock).maybeCreate(true, false, positions(A0), news))
                .isEqualTo(FetchSessionCache.NO_SESSION_ID);
    }

    @Test
    void theCacheNeverHoldsMoreThanItsSlotsAndYoungConsumerSessionsAreNotEvictedByConsumers() {
        FetchSessionCache<PartitionKey> cache = new FetchSessionCache<>(2, EVICTION, clock);
        int first = cache.maybeCreate(false, false, positions(A0), news);
        int second = cache.maybeCreate(false, false, positions(A0), news);

        assertThat(cache.maybeCreate(false, false, positions(A0, A1, B0), news)).isEqualTo(FetchSessionCache.NO_SESSION_ID);

        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.nextEpoch(first)).isPresent();
        assertThat(cache.nextEpoch(second)).isPresent();
    }

    @Test
    void aSessionIdlePastTheEvictionTimeGivesWayToANewOne() {
        FetchSessionCache<PartitionKey> cache = new FetchSessionCache<>(2, EVICTION, clock);
        int idle = cache.maybeCreate(false, false, positions(A0), news);
        clock.advance(1_000);
        int used = cache.maybeCreate(false, false, positions(A0), news);
        clock.advance(EVICTION.toMillis());
        cache.updateIncremental(used, 1, false, positions(), List.of());

        int third = cache.maybeCreate(false, false, positions(A0), news);

        assertThat(third).isPositive();
        assertThat(cache.size()).isEqualTo(2);
        assertThat(cache.nextEpoch(idle)).as("least recently used, evicted").isEmpty();
        assertThat(cache.nextEpoch(used)).isPresent();
    }

    @Test
    void anOldSessionInUseGivesWayOnlyToALargerOne() {
        FetchSessionCache<PartitionKey> cache = new FetchSessionCache<>(1, EVICTION, clock);
        int old = cache.maybeCreate(false, false, positions(A0, A1), news);
        clock.advance(EVICTION.toMillis() + 1);
        cache.updateIncremental(old, 1, false, positions(), List.of());

        assertThat(cache.maybeCreate(false, false, positions(B0, A0), news))
                .as("same size").isEqualTo(FetchSessionCache.NO_SESSION_ID);
        int larger = cache.maybeCreate(false, false, positions(A0, A1, B0), news);

        assertThat(larger).isPositive();
        assertThat(cache.nextEpoch(old)).isEmpty();
    }

    @Test
    void aFollowerSessionEvictsTheSmallestConsumerSessionHoweverYoung() {
        FetchSessionCache<PartitionKey> cache = new FetchSessionCache<>(2, EVICTION, clock);
        int small = cache.maybeCreate(false, false, positions(A0), news);
        int big = cache.maybeCreate(false, false, positions(A0, A1, B0), news);

        int follower = cache.maybeCreate(true, false, positions(A0), news);

        assertThat(follower).isPositive();
        assertThat(cache.nextEpoch(small)).isEmpty();
        assertThat(cache.nextEpoch(big)).isPresent();
        assertThat(cache.maybeCreate(true, false, positions(A0), news)).as("evicts the other consumer").isPositive();
        assertThat(cache.maybeCreate(true, false, positions(A0, A1), news))
                .as("young follower sessions stay").isEqualTo(FetchSessionCache.NO_SESSION_ID);
    }

    @Test
    void sessionsByTopicIdAreKeyedById() {
        FetchSessionCache<PartitionKey> cache = new FetchSessionCache<>(10, EVICTION, clock);
        Uuid id = Uuid.randomUuid();
        PartitionKey byId = new PartitionKey(id, null, 0);
        int session = cache.maybeCreate(false, true, positions(byId), news);

        LinkedHashMap<PartitionKey, Position> update = new LinkedHashMap<>();
        update.put(new PartitionKey(id, null, 0), new Position(5, -1, 10, -1));
        FetchSessionCache.Snapshot<PartitionKey> snapshot = cache.updateIncremental(session, 1, true, update, List.of());

        assertThat(snapshot.partitions()).containsOnlyKeys(byId);
        assertThat(snapshot.partitions().get(byId).fetchOffset()).isEqualTo(5);
    }

    private static PartitionKey byName(String topic, int partition) {
        return new PartitionKey(Uuid.ZERO_UUID, topic, partition);
    }

    private static News quiet(long highWatermark, long logStartOffset) {
        return new News(false, ErrorCode.NONE, highWatermark, logStartOffset, false);
    }

    private static LinkedHashMap<PartitionKey, Position> positions(PartitionKey... keys) {
        LinkedHashMap<PartitionKey, Position> positions = new LinkedHashMap<>();
        for (PartitionKey key : keys) {
            positions.put(key, new Position(0, -1, 1024, -1));
        }
        return positions;
    }
}
