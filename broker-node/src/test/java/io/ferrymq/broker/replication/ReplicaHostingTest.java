package io.ferrymq.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ferrymq.common.TopicPartition;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplicaHostingTest {

    private final ReplicaHosting hosting = new ReplicaHosting();

    @AfterEach
    void close() {
        hosting.close();
    }

    private static List<TopicPartition> partitions(int count) {
        return IntStream.range(0, count).mapToObj(p -> new TopicPartition("t", p)).toList();
    }

    @Test
    void hostsSeveralReplicasAtOnceAndReturnsOnlyWhenAllAreHosted() {
        CountDownLatch allThreadsBusy = new CountDownLatch(ReplicaHosting.THREADS);
        Set<TopicPartition> hosted = ConcurrentHashMap.newKeySet();

        hosting.hostAll(partitions(40), tp -> {
            allThreadsBusy.countDown();
            try {
                // one replica at a time would wait here in vain
                if (!allThreadsBusy.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("replicas are not hosted " + ReplicaHosting.THREADS + " at a time");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            hosted.add(tp);
        });

        assertThat(hosted).containsExactlyInAnyOrderElementsOf(partitions(40));
    }

    @Test
    void aFailedReplicaIsReportedAfterTheOthersAreHosted() {
        Set<TopicPartition> hosted = ConcurrentHashMap.newKeySet();

        assertThatThrownBy(() -> hosting.hostAll(partitions(20), tp -> {
            if (tp.partition() == 3 || tp.partition() == 7) {
                throw new IllegalStateException("disk error hosting " + tp);
            }
            hosted.add(tp);
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("disk error hosting t-3")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).hasMessageContaining("t-7")));

        assertThat(hosted).hasSize(18).doesNotContain(new TopicPartition("t", 3), new TopicPartition("t", 7));
    }

    @Test
    void aSingleReplicaIsHostedOnTheCallingThread() {
        Thread caller = Thread.currentThread();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();

        hosting.hostAll(partitions(1), tp -> threads.add(Thread.currentThread()));

        assertThat(threads).containsExactly(caller);
    }

    @Test
    void nothingIsHostedOnceClosed() {
        hosting.close();
        Set<TopicPartition> hosted = ConcurrentHashMap.newKeySet();

        assertThatThrownBy(() -> hosting.hostAll(partitions(5), hosted::add)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(hosted).isEmpty();
    }
}
