package io.ferrymq.broker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.Clock;
import io.ferrymq.common.TopicPartition;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class BrokerMetricsTest {

    /** A Dropwizard clock the test moves by hand. */
    static final class ManualClock extends Clock {
        final AtomicLong nanos = new AtomicLong(TimeUnit.SECONDS.toNanos(1_000));

        @Override
        public long getTick() {
            return nanos.get();
        }

        void advance(Duration d) {
            nanos.addAndGet(d.toNanos());
        }
    }

    @Test
    void messagesInCountTotalAndPerTopic() {
        BrokerMetrics metrics = new BrokerMetrics();
        metrics.recordMessagesIn("a", 10, 1_000);
        metrics.recordMessagesIn("b", 5, 500);
        metrics.recordBytesOut("a", 300, false);
        metrics.recordBytesOut("a", 700, true);

        var meters = metrics.registry().getMeters();
        assertThat(meters.get("BrokerTopicMetrics.MessagesInPerSec").getCount()).isEqualTo(15);
        assertThat(meters.get("BrokerTopicMetrics.BytesInPerSec{topic=a}").getCount()).isEqualTo(1_000);
        assertThat(meters.get("BrokerTopicMetrics.BytesOutPerSec").getCount()).isEqualTo(300);
        assertThat(meters.get("BrokerTopicMetrics.ReplicationBytesOutPerSec").getCount()).isEqualTo(700);

        metrics.removeTopic("a");
        assertThat(metrics.registry().getMeters()).doesNotContainKey("BrokerTopicMetrics.BytesInPerSec{topic=a}");
    }

    @Test
    void latencyPercentilesForgetOldRequestsInsteadOfGoingStale() {
        ManualClock clock = new ManualClock();
        BrokerMetrics metrics = new BrokerMetrics(clock);
        for (int i = 1; i <= 1_000; i++) {
            metrics.produceRequest().update(Duration.ofMillis(i));
        }
        assertThat(metrics.produceRequest().getSnapshot().get99thPercentile())
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(980));

        clock.advance(BrokerMetrics.LATENCY_WINDOW.plusSeconds(5));
        metrics.produceRequest().update(Duration.ofMillis(2));

        assertThat(metrics.produceRequest().getSnapshot().get99thPercentile()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(2));
        assertThat(metrics.produceRequest().getCount()).isEqualTo(1_001);
    }

    @Test
    void gaugesReadTheirSourceOnEveryScrapeAndCanBeReplaced() {
        BrokerMetrics metrics = new BrokerMetrics();
        AtomicLong size = new AtomicLong(10);
        TopicPartition tp = new TopicPartition("demo", 2);
        metrics.registerLogSize(tp, size::get);
        size.set(42);
        assertThat(metrics.registry().getGauges().get("Log.Size{topic=demo,partition=2}").getValue()).isEqualTo(42L);

        metrics.registerLogSize(tp, () -> 7);
        assertThat(metrics.registry().getGauges().get("Log.Size{topic=demo,partition=2}").getValue()).isEqualTo(7L);
        metrics.remove(BrokerMetricNames.logSize(tp));
        assertThat(metrics.registry().getGauges()).doesNotContainKey("Log.Size{topic=demo,partition=2}");
    }

    @Test
    void jmxUsesKafkaLikeObjectNames() throws Exception {
        try (BrokerMetrics metrics = new BrokerMetrics()) {
            metrics.registerReplicaState(new FixedReplicaState(2, 1, 0, 5, 9));
            metrics.recordMessagesIn("demo", 3, 30);
            metrics.startJmx();
            var server = ManagementFactory.getPlatformMBeanServer();
            ObjectName urp = new ObjectName("io.ferrymq:type=ReplicaManager,name=UnderReplicatedPartitions");
            assertThat(server.getAttribute(urp, "Value")).isEqualTo(2);
            ObjectName topicBytes = new ObjectName("io.ferrymq:type=BrokerTopicMetrics,name=BytesInPerSec,topic=demo");
            assertThat(server.getAttribute(topicBytes, "Count")).isEqualTo(30L);
            metrics.close();
            assertThat(server.isRegistered(urp)).isFalse();
        }
    }

    record FixedReplicaState(int underReplicatedPartitions, int underMinIsrPartitions, int offlinePartitions,
                             int leaderCount, int partitionCount) implements ReplicaStateView {
    }
}
