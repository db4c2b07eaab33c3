package io.ferrymq.broker.metrics;

import static io.ferrymq.broker.metrics.BrokerMetricNames.*;

import com.codahale.metrics.Clock;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import com.codahale.metrics.Timer;
import com.codahale.metrics.jmx.JmxReporter;
import com.codahale.metrics.jvm.GarbageCollectorMetricSet;
import com.codahale.metrics.jvm.MemoryUsageGaugeSet;
import com.codahale.metrics.jvm.ThreadStatesGaugeSet;
import io.ferrymq.common.TopicPartition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Every broker metric, in one Dropwizard {@link MetricRegistry}; names come from
 * {@link BrokerMetricNames}. Components either update meters and timers through the accessors
 * here ({@code metrics.produceRequest().update(d)}, {@code metrics.recordMessagesIn(topic, n, bytes)})
 * or register gauges that are read on every scrape ({@link #registerReplicaState}). Latency timers
 * use a {@link SlidingTimeWindowArrayReservoir} over the last {@link #LATENCY_WINDOW}, so
 * percentiles describe recent requests and drop to zero when idle instead of going stale.
 * {@link #startJmx()} exposes everything under {@code io.ferrymq:type=..,name=..}.
 * Thread-safe: every method may be called from any thread.
 */
public final class BrokerMetrics implements AutoCloseable {

    public static final Duration LATENCY_WINDOW = Duration.ofSeconds(60);

    private final MetricRegistry registry = new MetricRegistry();
    private final Clock clock;
    private final Map<String, TopicMeters> topicMeters = new ConcurrentHashMap<>();
    private final Map<MetricName, Timer> timers = new ConcurrentHashMap<>();
    private final TopicMeters totals;
    private final Meter replicationBytesOut;
    private final Histogram followerFetchPartitions;
    private final AtomicInteger lastFollowerFetchPartitions = new AtomicInteger();
    private volatile Optional<JmxReporter> jmx = Optional.empty();

    private record TopicMeters(Meter messagesIn, Meter bytesIn, Meter bytesOut) {
    }

    /** Metrics on the wall clock. */
    public BrokerMetrics() {
        this(Clock.defaultClock());
    }

    /** Metrics on a given clock (tests advance it to age the latency window). */
    public BrokerMetrics(Clock clock) {
        this.clock = clock;
        this.totals = new TopicMeters(meter(MESSAGES_IN), meter(BYTES_IN), meter(BYTES_OUT));
        this.replicationBytesOut = meter(REPLICATION_BYTES_OUT);
        this.followerFetchPartitions = registry.histogram(FOLLOWER_FETCH_PARTITIONS.encode(), () -> new Histogram(
                new SlidingTimeWindowArrayReservoir(LATENCY_WINDOW.toSeconds(), TimeUnit.SECONDS, clock)));
        registerGauge(LAST_FOLLOWER_FETCH_PARTITIONS, lastFollowerFetchPartitions::get);
        for (MetricName m : new MetricName[] {FAILED_PRODUCE, FAILED_FETCH, ISR_SHRINKS, ISR_EXPANDS, UNCLEAN_ELECTIONS}) {
            meter(m);
        }
        for (String request : new String[] {PRODUCE, FETCH, FETCH_FOLLOWER}) {
            timer(requestTotalTime(request));
            timer(BrokerMetricNames.requestQueueTime(request));
        }
    }

    /** The underlying registry, for reporters; register broker metrics through this class instead. */
    public MetricRegistry registry() {
        return registry;
    }

    /** A leader appended {@code messages} records of {@code bytes} bytes to {@code topic}. */
    public void recordMessagesIn(String topic, long messages, long bytes) {
        TopicMeters t = topic(topic);
        totals.messagesIn.mark(messages);
        totals.bytesIn.mark(bytes);
        t.messagesIn.mark(messages);
        t.bytesIn.mark(bytes);
    }

    /** A fetch returned {@code bytes} of {@code topic}; follower fetches count as replication traffic. */
    public void recordBytesOut(String topic, long bytes, boolean followerFetch) {
        if (followerFetch) {
            replicationBytesOut.mark(bytes);
            return;
        }
        totals.bytesOut.mark(bytes);
        topic(topic).bytesOut.mark(bytes);
    }

    /**
     * A follower's fetch request named {@code partitions} partitions: all it follows from this broker
     * when full, only changed ones when incremental (fetch sessions). Kept over the last
     * {@link #LATENCY_WINDOW} and as the latest value.
     */
    public void recordFollowerFetchPartitions(int partitions) {
        followerFetchPartitions.update(partitions);
        lastFollowerFetchPartitions.set(partitions);
    }

    /** Registers the fetch-session cache's gauges: sessions held and partitions they hold. */
    public void registerFetchSessions(IntSupplier sessions, IntSupplier partitions) {
        registerGauge(FETCH_SESSIONS, sessions::getAsInt);
        registerGauge(FETCH_SESSION_PARTITIONS, partitions::getAsInt);
    }

    /** Drops the per-topic meters of a deleted topic. */
    public void removeTopic(String topic) {
        if (topicMeters.remove(topic) != null) {
            for (MetricName m : new MetricName[] {MESSAGES_IN, BYTES_IN, BYTES_OUT}) {
                registry.remove(forTopic(m, topic).encode());
            }
        }
    }

    /** Produce request rate and total time (update with the time from receipt to response). */
    public Timer produceRequest() {
        return requestTime(PRODUCE);
    }

    /** Consumer fetch request rate and total time (includes long-poll waiting). */
    public Timer fetchRequest() {
        return requestTime(FETCH);
    }

    /** Follower fetch request rate and total time. */
    public Timer fetchFollowerRequest() {
        return requestTime(FETCH_FOLLOWER);
    }

    /** Rate and total time of any request type, named like the API ({@code Metadata}, {@code ListOffsets}). */
    public Timer requestTime(String request) {
        return timer(requestTotalTime(request));
    }

    /** Time requests of a type waited between being read off the socket and reaching a handler. */
    public Timer requestQueueTime(String request) {
        return timer(BrokerMetricNames.requestQueueTime(request));
    }

    public Meter failedProduceRequests() {
        return meter(FAILED_PRODUCE);
    }

    public Meter failedFetchRequests() {
        return meter(FAILED_FETCH);
    }

    public Meter isrShrinks() {
        return meter(ISR_SHRINKS);
    }

    public Meter isrExpands() {
        return meter(ISR_EXPANDS);
    }

    public Meter uncleanLeaderElections() {
        return meter(UNCLEAN_ELECTIONS);
    }

    /** Counts one audited authorization decision. */
    public void recordAuthorization(boolean allowed) {
        meter(allowed ? BrokerMetricNames.AUTHORIZATION_ALLOWED : BrokerMetricNames.AUTHORIZATION_DENIED).mark();
    }

    /** Registers the replica-manager gauges (under-replicated, under-min-ISR, offline, leaders, partitions). */
    public void registerReplicaState(ReplicaStateView view) {
        registerGauge(UNDER_REPLICATED, view::underReplicatedPartitions);
        registerGauge(UNDER_MIN_ISR, view::underMinIsrPartitions);
        registerGauge(OFFLINE, view::offlinePartitions);
        registerGauge(LEADER_COUNT, view::leaderCount);
        registerGauge(PARTITION_COUNT, view::partitionCount);
    }

    /**
     * Registers the log-dir gauges: how many of {@code logDirs} are offline, and per dir 1 when
     * offline, else 0.
     */
    public void registerLogDirectories(List<Path> logDirs, Predicate<Path> isOffline) {
        registerGauge(OFFLINE_LOG_DIRS, () -> (int) logDirs.stream().filter(isOffline).count());
        for (Path dir : logDirs) {
            registerGauge(logDirectoryOffline(dir.toString()), () -> isOffline.test(dir) ? 1 : 0);
        }
    }

    /** Registers the size of a purgatory, e.g. {@code ("Produce", purgatory::size)}. */
    public void registerPurgatorySize(String operation, IntSupplier size) {
        registerGauge(purgatorySize(operation), size::getAsInt);
    }

    /** Registers a partition log's size in bytes; call {@link #remove(MetricName)} with {@code logSize(tp)} on delete. */
    public void registerLogSize(TopicPartition tp, LongSupplier sizeInBytes) {
        registerGauge(logSize(tp), sizeInBytes::getAsLong);
    }

    /** Registers a group's lag on one partition (high watermark minus committed offset). */
    public void registerConsumerLag(String group, TopicPartition tp, LongSupplier lag) {
        registerGauge(consumerLag(group, tp), lag::getAsLong);
    }

    /** Registers the ZooKeeper connection state as text (e.g. Curator's {@code CONNECTED}, {@code SUSPENDED}). */
    public void registerZooKeeperSessionState(Supplier<String> state) {
        registerGauge(ZK_SESSION_STATE, state::get);
    }

    /** Registers the log cleaner's gauges (Kafka's names): recopy percent, max dirty percent, time since last run. */
    public void registerLogCleaner(IntSupplier recopyPercent, IntSupplier maxDirtyPercent, LongSupplier timeSinceLastRunMs) {
        registerGauge(CLEANER_RECOPY_PERCENT, recopyPercent::getAsInt);
        registerGauge(MAX_DIRTY_PERCENT, maxDirtyPercent::getAsInt);
        registerGauge(TIME_SINCE_LAST_RUN_MS, timeSinceLastRunMs::getAsLong);
    }

    /** Registers (or replaces) a gauge under a name. */
    public <T> void registerGauge(MetricName name, Gauge<T> gauge) {
        String key = name.encode();
        registry.remove(key);
        registry.register(key, gauge);
    }

    /** Removes one metric; unknown names are ignored. */
    public void remove(MetricName name) {
        timers.remove(name);
        registry.remove(name.encode());
    }

    /** Adds JVM memory, GC and thread gauges under type {@code Jvm}. */
    public void registerJvmMetrics() {
        registry.register("Jvm.memory", new MemoryUsageGaugeSet());
        registry.register("Jvm.gc", new GarbageCollectorMetricSet());
        registry.register("Jvm.threads", new ThreadStatesGaugeSet());
    }

    /** Exposes every metric over JMX with Kafka-like object names; idempotent. */
    public synchronized void startJmx() {
        if (jmx.isEmpty()) {
            JmxReporter reporter = JmxReporter.forRegistry(registry)
                    .inDomain(KafkaStyleObjectNameFactory.DOMAIN)
                    .createsObjectNamesWith(new KafkaStyleObjectNameFactory())
                    .convertDurationsTo(TimeUnit.MILLISECONDS)
                    .build();
            reporter.start();
            jmx = Optional.of(reporter);
        }
    }

    /** Stops the JMX reporter (unregistering its MBeans). */
    @Override
    public synchronized void close() {
        jmx.ifPresent(JmxReporter::stop);
        jmx = Optional.empty();
    }

    private TopicMeters topic(String topic) {
        return topicMeters.computeIfAbsent(topic, t -> new TopicMeters(
                meter(forTopic(MESSAGES_IN, t)), meter(forTopic(BYTES_IN, t)), meter(forTopic(BYTES_OUT, t))));
    }

    private Meter meter(MetricName name) {
        return registry.meter(name.encode(), () -> new Meter(clock));
    }

    private Timer timer(MetricName name) {
        return timers.computeIfAbsent(name, n -> registry.timer(n.encode(), () -> new Timer(
                new SlidingTimeWindowArrayReservoir(LATENCY_WINDOW.toSeconds(), TimeUnit.SECONDS, clock), clock)));
    }
}
