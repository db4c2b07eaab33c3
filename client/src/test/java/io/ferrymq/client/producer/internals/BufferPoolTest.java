package io.ferrymq.client.producer.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ferrymq.client.common.errors.BufferExhaustedException;
import io.ferrymq.common.errors.ApiException;
import io.ferrymq.common.errors.ErrorCode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BufferPoolTest {

    private final ExecutorService executor = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void poolableBuffersAreReusedAndMemoryIsAccounted() {
        BufferPool pool = new BufferPool(1024, 256);
        ByteBuffer first = pool.allocate(256, 0);
        first.put((byte) 7);
        assertThat(pool.availableMemory()).isEqualTo(768);
        pool.deallocate(first, 256);
        ByteBuffer again = pool.allocate(256, 0);
        assertThat(again).isSameAs(first);
        assertThat(again.position()).isZero();
        ByteBuffer odd = pool.allocate(500, 0);
        assertThat(odd.capacity()).isEqualTo(500);
        assertThat(pool.availableMemory()).isEqualTo(1024 - 256 - 500);
        pool.deallocate(odd, 500);
        pool.deallocate(again, 256);
        assertThat(pool.availableMemory()).isEqualTo(1024);
    }

    @Test
    void pooledFreeBuffersAreReleasedForALargerRequest() {
        BufferPool pool = new BufferPool(1024, 256);
        ByteBuffer[] buffers = {pool.allocate(256, 0), pool.allocate(256, 0), pool.allocate(256, 0), pool.allocate(256, 0)};
        for (ByteBuffer b : buffers) {
            pool.deallocate(b, 256);
        }
        assertThat(pool.allocate(1000, 0).capacity()).isEqualTo(1000);
        assertThat(pool.availableMemory()).isEqualTo(24);
    }

    @Test
    void allocationBeyondMemoryTimesOutWithBufferExhausted() {
        BufferPool pool = new BufferPool(512, 256);
        pool.allocate(256, 0);
        pool.allocate(256, 0);
        assertThatThrownBy(() -> pool.allocate(256, 20))
                .isInstanceOf(BufferExhaustedException.class).hasMessageContaining("max.block.ms");
        assertThat(pool.queued()).isZero();
        assertThat(pool.availableMemory()).isZero();
    }

    @Test
    void blockedAllocationProceedsWhenMemoryIsReturned() throws Exception {
        BufferPool pool = new BufferPool(512, 256);
        ByteBuffer a = pool.allocate(256, 0);
        pool.allocate(256, 0);
        CompletableFuture<ByteBuffer> waiting = CompletableFuture.supplyAsync(() -> pool.allocate(256, 30_000), executor);
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.queued() == 1);
        assertThat(waiting).isNotDone();
        pool.deallocate(a, 256);
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isSameAs(a);
    }

    @Test
    void recordLargerThanTheWholePoolIsRefusedAtOnce() {
        BufferPool pool = new BufferPool(512, 256);
        assertThatThrownBy(() -> pool.allocate(513, 60_000))
                .isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).error()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE));
    }

    @Test
    void closeWakesWaitersWithAnError() throws Exception {
        BufferPool pool = new BufferPool(256, 256);
        pool.allocate(256, 0);
        CompletableFuture<ByteBuffer> waiting = CompletableFuture.supplyAsync(() -> pool.allocate(256, 30_000), executor);
        await().atMost(Duration.ofSeconds(10)).until(() -> pool.queued() == 1);
        pool.close();
        assertThatThrownBy(() -> waiting.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
    }
}
