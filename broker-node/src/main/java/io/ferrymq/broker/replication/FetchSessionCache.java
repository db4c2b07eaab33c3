package io.ferrymq.broker.replication;

import io.ferrymq.common.errors.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Incremental fetch sessions (KIP-227) as pure bookkeeping, for both fetch paths: the Kafka
 * listeners' (keyed by Kafka's partition names or topic ids) and Ferry's own between brokers (keyed
 * by {@code TopicPartition}, {@code usesTopicIds} always false). It holds which partitions each session
 * fetches, at which positions, and what its fetcher was last told (high watermark, log start offset),
 * so an incremental response carries only partitions with news. At most {@code maxSlots} sessions
 * live at once ({@code max.incremental.fetch.session.cache.slots}, 1000 in Kafka); a new session
 * takes a slot as Kafka's {@code FetchSessionCache.tryEvict} does: from the least recently used
 * session idle past {@code evictionAfter} ({@code min.incremental.fetch.session.eviction.ms}, two
 * minutes), else from the least valuable session older than {@code evictionAfter} (consumer sessions
 * before follower sessions, then fewer partitions first) if the newcomer ranks above it, a follower's
 * new session also from any consumer session, however young. Without a slot the fetch is answered without a
 * session (session id 0) and the client keeps sending full requests.
 *
 * <p>Session errors are Kafka's: an incremental request naming a session this cache does not hold
 * gets {@code FETCH_SESSION_ID_NOT_FOUND}, one whose epoch is not the session's next
 * {@code INVALID_FETCH_SESSION_EPOCH}, one switching between topic names and topic ids
 * {@code FETCH_SESSION_TOPIC_ID_ERROR}. A new session's epoch is 1; each incremental request moves it
 * on (after {@link Integer#MAX_VALUE} comes 1).
 *
 * <p>Change tracking, for fetches that read only what changed (Ferry's follower sessions,
 * {@link FerryFetchSessions}): each session keeps the set of its partitions that changed since they
 * were last taken. A new session counts all of its partitions as changed; {@link #markChanged(Object)}
 * (an event on a partition: an append, a high-watermark move, a leadership change) and
 * {@link #markChanged(int, Collection)} (a partition whose last read found more to send) add to it;
 * {@link #updateAndTakeChanged} adds the partitions a request repositions and then takes the set,
 * emptying it; {@link #changed} peeks at it. A caller that marks a partition after every change of
 * its state, and takes before it reads, never skips a partition whose state changed since its last
 * read. Kafka's listeners read whole sessions ({@link #updateIncremental}) and never mark.
 *
 * <p>Thread-safe: every method holds the cache's monitor, so a request sees a session whole.
 */
public final class FetchSessionCache<K> {

    /** Kafka's {@code max.incremental.fetch.session.cache.slots} default. */
    public static final int DEFAULT_MAX_SLOTS = 1000;
    /** Kafka's {@code min.incremental.fetch.session.eviction.ms} default. */
    public static final Duration DEFAULT_EVICTION_AFTER = Duration.ofMinutes(2);
    /** The session id of a fetch outside any session. */
    public static final int NO_SESSION_ID = 0;

    private static final long NEVER_TAKEN = -1L;

    private static final Comparator<Session<?>> BY_LAST_USED = Comparator.<Session<?>>comparingLong(s -> s.lastUsedMs)
            .thenComparingInt(s -> s.id);
    private static final Comparator<Session<?>> BY_VALUE = Comparator.<Session<?>, Boolean>comparing(s -> s.privileged)
            .thenComparingInt(s -> s.partitions.size()).thenComparingInt(s -> s.id);

    private final int maxSlots;
    private final long evictionAfterMs;
    private final Clock clock;
    private final Map<Integer, Session<K>> sessions = new HashMap<>();

    public FetchSessionCache(int maxSlots, Duration evictionAfter, Clock clock) {
        if (maxSlots < 0) {
            throw new IllegalArgumentException("maxSlots must be >= 0, was " + maxSlots);
        }
        this.maxSlots = maxSlots;
        this.evictionAfterMs = evictionAfter.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Kafka's defaults: 1000 slots, sessions evictable after two minutes. */
    public static <K> FetchSessionCache<K> withKafkaDefaults(Clock clock) {
        return new FetchSessionCache<>(DEFAULT_MAX_SLOTS, DEFAULT_EVICTION_AFTER, clock);
    }

    /** Where the fetcher reads a partition from, as its latest request said. */
    public record Position(long fetchOffset, int currentLeaderEpoch, int maxBytes, int lastFetchedEpoch) {
    }

    /** What a response says of a partition: what decides whether an incremental response must carry it. */
    public record News(boolean hasRecords, ErrorCode error, long highWatermark, long logStartOffset, boolean isDiverging) {
        public News {
            Objects.requireNonNull(error, "error");
        }
    }

    /** A session's partitions in its order, with their positions. */
    public record Snapshot<K>(LinkedHashMap<K, Position> partitions) {
    }

    /**
     * The partitions of a session taken by {@link #updateAndTakeChanged}, with their positions, and for
     * those the session held at its previous take without taking them, when that take was: the fetch
     * then left them out because nothing had happened to them.
     */
    public record Changes<K>(LinkedHashMap<K, Position> partitions, Map<K, Long> lastUnnamedFetchMs) {
    }

    /** How many sessions are held now. */
    public synchronized int size() {
        return sessions.size();
    }

    /** How many partitions all sessions hold now. */
    public synchronized int partitionCount() {
        return sessions.values().stream().mapToInt(s -> s.partitions.size()).sum();
    }

    /** The epoch the next incremental request of {@code sessionId} must carry; empty when no such session. */
    public synchronized Optional<Integer> nextEpoch(int sessionId) {
        return Optional.ofNullable(sessions.get(sessionId)).map(s -> s.epoch);
    }

    /** Closes {@code sessionId} (a full request names the session it replaces); true when it existed. */
    public synchronized boolean remove(int sessionId) {
        return sessions.remove(sessionId) != null;
    }

    /**
     * Opens a session for a full fetch just answered, when a slot is free or can be freed: the session
     * holds {@code partitions} in order, each remembering what {@code news} said of it. Returns the new
     * session's id, or {@link #NO_SESSION_ID} when there are no partitions or no slot.
     */
    public synchronized int maybeCreate(boolean privileged, boolean usesTopicIds,
                                 LinkedHashMap<K, Position> partitions, Function<K, News> news) {
        long now = clock.millis();
        if (partitions.isEmpty() || !(sessions.size() < maxSlots || tryEvict(privileged, partitions.size(), now))) {
            return NO_SESSION_ID;
        }
        int id;
        do {
            id = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        } while (sessions.containsKey(id));
        Session<K> session = new Session<>(id, privileged, usesTopicIds, now);
        partitions.forEach((key, position) -> {
            Cached cached = new Cached(position);
            cached.mustRespond(news.apply(key));
            session.partitions.put(key, cached);
        });
        sessions.put(id, session);
        return id;
    }

    /**
     * Applies an incremental request to its session: {@code updates} added or repositioned (added ones
     * at the end), then {@code forgotten} removed, and the epoch moved on. Returns the session's whole
     * partition set in order; an emptied session is closed and its snapshot is empty.
     *
     * @throws io.ferrymq.common.errors.ApiException FETCH_SESSION_ID_NOT_FOUND, INVALID_FETCH_SESSION_EPOCH
     *         or FETCH_SESSION_TOPIC_ID_ERROR, as Kafka answers
     */
    public synchronized Snapshot<K> updateIncremental(int sessionId, int epoch, boolean usesTopicIds,
                                            LinkedHashMap<K, Position> updates,
                                            List<K> forgotten) {
        LinkedHashMap<K, Position> all = new LinkedHashMap<>();
        apply(sessionId, epoch, usesTopicIds, updates, forgotten)
                .ifPresent(session -> session.partitions.forEach((key, cached) -> all.put(key, cached.position)));
        return new Snapshot<>(all);
    }

    /**
     * Applies an incremental request to its session as {@link #updateIncremental} does, marks the
     * partitions it added or repositioned as changed, and takes the session's changed partitions (all of
     * them at its first take), in the order they changed: the set is empty afterwards. An emptied session
     * is closed and nothing is taken.
     *
     * @throws io.ferrymq.common.errors.ApiException as {@link #updateIncremental}
     */
    public synchronized Changes<K> updateAndTakeChanged(int sessionId, int epoch, boolean usesTopicIds,
                                                        LinkedHashMap<K, Position> updates, List<K> forgotten) {
        Optional<Session<K>> applied = apply(sessionId, epoch, usesTopicIds, updates, forgotten);
        if (applied.isEmpty()) {
            return new Changes<>(new LinkedHashMap<>(), Map.of());
        }
        Session<K> session = applied.get();
        updates.keySet().stream().filter(session.partitions::containsKey).forEach(session.changed::add);
        LinkedHashMap<K, Position> taken = positions(session, session.takenOnce ? session.changed
                : session.partitions.keySet());
        session.changed.clear();
        session.takenOnce = true;
        long previous = session.lastTakeMs;
        long now = clock.millis();
        Map<K, Long> unnamed = new HashMap<>();
        taken.keySet().forEach(key -> {
            Cached cached = session.partitions.get(key);
            if (cached.lastTakeMs != NEVER_TAKEN && cached.lastTakeMs < previous) {
                unnamed.put(key, previous);
            }
            cached.lastTakeMs = now;
        });
        session.lastTakeMs = now;
        return new Changes<>(taken, unnamed);
    }

    /** The session's partitions changed since its last take, with their positions, without taking them. */
    public synchronized LinkedHashMap<K, Position> changed(int sessionId) {
        Session<K> session = sessions.get(sessionId);
        if (session == null) {
            return new LinkedHashMap<>();
        }
        return positions(session, session.takenOnce ? session.changed : session.partitions.keySet());
    }

    /** Marks {@code key} as changed in every session holding it; returns those sessions' ids. */
    public synchronized List<Integer> markChanged(K key) {
        List<Integer> marked = List.of();
        for (Session<K> session : sessions.values()) {
            if (session.partitions.containsKey(key)) {
                session.changed.add(key);
                marked = marked.isEmpty() ? new ArrayList<>(2) : marked;
                marked.add(session.id);
            }
        }
        return marked;
    }

    /** Marks those of {@code keys} that the session holds as changed; nothing when the session is gone. */
    public synchronized void markChanged(int sessionId, Collection<K> keys) {
        Session<K> session = sessions.get(sessionId);
        if (session != null) {
            keys.stream().filter(session.partitions::containsKey).forEach(session.changed::add);
        }
    }

    private Optional<Session<K>> apply(int sessionId, int epoch, boolean usesTopicIds,
                                       LinkedHashMap<K, Position> updates, List<K> forgotten) {
        Session<K> session = sessions.get(sessionId);
        if (session == null) {
            throw ErrorCode.FETCH_SESSION_ID_NOT_FOUND.exception("fetch session " + sessionId + " is not in the cache");
        }
        if (session.epoch != epoch) {
            throw ErrorCode.INVALID_FETCH_SESSION_EPOCH.exception("fetch session " + sessionId + " expects epoch "
                    + session.epoch + ", not " + epoch);
        }
        if (session.usesTopicIds != usesTopicIds) {
            throw ErrorCode.FETCH_SESSION_TOPIC_ID_ERROR.exception("fetch session " + sessionId
                    + (session.usesTopicIds ? " uses topic ids" : " uses topic names"));
        }
        updates.forEach((key, position) -> {
            Cached cached = session.partitions.get(key);
            if (cached == null) {
                session.partitions.put(key, new Cached(position));
            } else {
                cached.position = position;
            }
        });
        forgotten.forEach(key -> {
            session.partitions.remove(key);
            session.changed.remove(key);
        });
        if (session.partitions.isEmpty()) {
            sessions.remove(sessionId);
            return Optional.empty();
        }
        session.lastUsedMs = clock.millis();
        session.epoch = session.epoch == Integer.MAX_VALUE ? 1 : session.epoch + 1;
        return Optional.of(session);
    }

    private static <K> LinkedHashMap<K, Position> positions(Session<K> session, Collection<K> keys) {
        LinkedHashMap<K, Position> positions = new LinkedHashMap<>();
        keys.forEach(key -> positions.put(key, session.partitions.get(key).position));
        return positions;
    }

    /**
     * The partitions an incremental response to {@code sessionId} carries, in session order: those
     * with records, an error, or a high watermark or log start offset other than last sent. Their
     * reported state is remembered and they move to the end of the session, so the next fetch starts
     * with partitions that had nothing (Kafka's fairness rotation). Empty when the session is gone
     * (emptied, or evicted since its request was read): the response then goes out without a session.
     */
    public synchronized Optional<List<K>> respondIncremental(int sessionId, Function<K, News> news) {
        Session<K> session = sessions.get(sessionId);
        return session == null ? Optional.empty()
                : respondIncremental(sessionId, new ArrayList<>(session.partitions.keySet()), news);
    }

    /**
     * {@link #respondIncremental(int, Function)} over the partitions {@code read} only, in that order
     * (those the session no longer holds are left out): the others are not judged, so what was last
     * sent of them stays remembered.
     */
    public synchronized Optional<List<K>> respondIncremental(int sessionId, Collection<K> read, Function<K, News> news) {
        Session<K> session = sessions.get(sessionId);
        if (session == null) {
            return Optional.empty();
        }
        List<K> carried = new ArrayList<>();
        for (K key : read) {
            Cached cached = session.partitions.get(key);
            if (cached != null && cached.mustRespond(news.apply(key))) {
                carried.add(key);
            }
        }
        for (K key : carried) {
            session.partitions.put(key, session.partitions.remove(key));
        }
        return Optional.of(carried);
    }

    private boolean tryEvict(boolean privileged, int size, long now) {
        Optional<Session<K>> leastRecentlyUsed = sessions.values().stream().min(BY_LAST_USED);
        if (leastRecentlyUsed.isEmpty()) {
            return false;
        }
        if (now - leastRecentlyUsed.get().lastUsedMs > evictionAfterMs) {
            sessions.remove(leastRecentlyUsed.get().id);
            return true;
        }
        Optional<Session<K>> cheapest = sessions.values().stream()
                .filter(s -> now - s.creationMs > evictionAfterMs || (privileged && !s.privileged))
                .min(BY_VALUE);
        // Kafka's EvictableKey order (consumer before follower, then size, then id): the newcomer, whose
        // key carries id 0, must rank strictly above the session it replaces.
        if (cheapest.isEmpty() || (privileged == cheapest.get().privileged
                ? size <= cheapest.get().partitions.size()
                : !privileged)) {
            return false;
        }
        sessions.remove(cheapest.get().id);
        return true;
    }

    /** One session. Guarded by the cache's monitor. */
    private static final class Session<K> {
        final int id;
        final boolean privileged;
        final boolean usesTopicIds;
        final long creationMs;
        final LinkedHashMap<K, Cached> partitions = new LinkedHashMap<>();
        /** Partitions changed since the last take; before the first take every partition counts as changed. */
        final LinkedHashSet<K> changed = new LinkedHashSet<>();
        boolean takenOnce;
        long lastTakeMs = NEVER_TAKEN;
        long lastUsedMs;
        int epoch = 1;

        Session(int id, boolean privileged, boolean usesTopicIds, long now) {
            this.id = id;
            this.privileged = privileged;
            this.usesTopicIds = usesTopicIds;
            this.creationMs = now;
            this.lastUsedMs = now;
        }
    }

    /** A session partition: its fetch position and what its fetcher was last told. Guarded by the cache's monitor. */
    private static final class Cached {
        Position position;
        long lastTakeMs = NEVER_TAKEN;
        long highWatermark = -1L;
        long logStartOffset = -1L;

        Cached(Position position) {
            this.position = position;
        }

        /** Kafka's {@code CachedPartition.maybeUpdateResponseData}: whether to respond, remembering what is sent. */
        boolean mustRespond(News news) {
            boolean mustRespond = news.hasRecords();
            if (highWatermark != news.highWatermark()) {
                mustRespond = true;
                highWatermark = news.highWatermark();
            }
            if (logStartOffset != news.logStartOffset()) {
                mustRespond = true;
                logStartOffset = news.logStartOffset();
            }
            if (news.error() != ErrorCode.NONE) {
                // As Kafka: forget the high watermark so the partition is sent again once the error clears.
                highWatermark = -1L;
                mustRespond = true;
            }
            return mustRespond || news.isDiverging();
        }
    }
}
