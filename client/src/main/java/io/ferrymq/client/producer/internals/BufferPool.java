package io.ferrymq.client.producer.internals;

import io.ferrymq.client.common.errors.BufferExhaustedException;
import io.ferrymq.client.common.errors.InterruptException;
import io.ferrymq.common.errors.ErrorCode;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The producer's {@code buffer.memory}: a bounded pool of heap buffers. Buffers of exactly
 * {@code poolableSize} ({@code batch.size}) are kept on a free list and reused, so steady-state
 * batching allocates nothing; other sizes are allocated and dropped but still counted. A caller
 * that finds too little memory waits, first come first served, up to its {@code max.block.ms}.
 *
 * <p>Invariant: {@code nonPooledAvailable + free.size() * poolableSize + bytes handed out == totalMemory}.
 * Thread-safe: every field is guarded by {@code lock}.
 */
public final class BufferPool {

    private final long totalMemory;
    private final int poolableSize;
    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<ByteBuffer> free = new ArrayDeque<>();
    private final Deque<Condition> waiters = new ArrayDeque<>();
    private long nonPooledAvailable;
    private boolean closed;

    public BufferPool(long totalMemory, int poolableSize) {
        if (poolableSize <= 0 || totalMemory < poolableSize) {
            throw new IllegalArgumentException("need 0 < poolableSize <= totalMemory, got "
                    + poolableSize + " and " + totalMemory);
        }
        this.totalMemory = totalMemory;
        this.poolableSize = poolableSize;
        this.nonPooledAvailable = totalMemory;
    }

    /**
     * A cleared buffer of {@code size} bytes, waiting up to {@code maxBlockMs} for memory.
     *
     * @throws io.ferrymq.common.errors.ApiException MESSAGE_TOO_LARGE if {@code size} exceeds the whole pool
     * @throws BufferExhaustedException if the memory did not free up in time
     * @throws IllegalStateException if the pool was closed meanwhile
     */
    public ByteBuffer allocate(int size, long maxBlockMs) {
        if (size > totalMemory) {
            throw ErrorCode.MESSAGE_TOO_LARGE.exception("a batch of " + size
                    + " bytes is larger than buffer.memory (" + totalMemory + ")");
        }
        lock.lock();
        try {
            ensureOpen();
            if (size == poolableSize && !free.isEmpty()) {
                return free.pollFirst();
            }
            if (nonPooledAvailable + (long) free.size() * poolableSize >= size && waiters.isEmpty()) {
                freeUp(size);
                nonPooledAvailable -= size;
                return ByteBuffer.allocate(size);
            }
            return awaitMemory(size, maxBlockMs);
        } finally {
            lock.unlock();
        }
    }

    private ByteBuffer awaitMemory(int size, long maxBlockMs) {
        Condition turn = lock.newCondition();
        waiters.addLast(turn);
        long remainingNs = TimeUnit.MILLISECONDS.toNanos(maxBlockMs);
        long accumulated = 0;
        try {
            while (accumulated < size) {
                if (remainingNs <= 0) {
                    throw new BufferExhaustedException("Failed to allocate " + size + " bytes within "
                            + maxBlockMs + " ms (max.block.ms); buffer.memory is " + totalMemory
                            + " bytes, " + availableMemory() + " free");
                }
                remainingNs = turn.awaitNanos(remainingNs);
                ensureOpen();
                if (accumulated == 0 && size == poolableSize && !free.isEmpty()) {
                    return free.pollFirst();
                }
                freeUp(size - accumulated);
                long got = Math.min(size - accumulated, nonPooledAvailable);
                nonPooledAvailable -= got;
                accumulated += got;
            }
            accumulated = 0;
            return ByteBuffer.allocate(size);
        } catch (InterruptedException e) {
            throw new InterruptException("Interrupted while waiting for producer buffer memory", e);
        } finally {
            nonPooledAvailable += accumulated;
            waiters.remove(turn);
            signalNextIfMemory();
        }
    }

    /** Returns {@code buffer}, which was obtained with {@code allocate(size, ..)}, to the pool. */
    public void deallocate(ByteBuffer buffer, int size) {
        lock.lock();
        try {
            if (size == poolableSize && buffer.capacity() == poolableSize) {
                buffer.clear();
                free.addLast(buffer);
            } else {
                nonPooledAvailable += size;
            }
            Condition first = waiters.peekFirst();
            if (first != null) {
                first.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter; they fail with IllegalStateException, and later allocations too. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            waiters.forEach(Condition::signal);
        } finally {
            lock.unlock();
        }
    }

    /** Free bytes: pooled buffers plus unallocated memory. */
    public long availableMemory() {
        lock.lock();
        try {
            return nonPooledAvailable + (long) free.size() * poolableSize;
        } finally {
            lock.unlock();
        }
    }

    /** Threads waiting for memory. */
    public int queued() {
        lock.lock();
        try {
            return waiters.size();
        } finally {
            lock.unlock();
        }
    }

    public int poolableSize() {
        return poolableSize;
    }

    public long totalMemory() {
        return totalMemory;
    }

    private void freeUp(long size) {
        while (!free.isEmpty() && nonPooledAvailable < size) {
            free.pollLast();
            nonPooledAvailable += poolableSize;
        }
    }

    private void signalNextIfMemory() {
        Condition next = waiters.peekFirst();
        if (next != null && (nonPooledAvailable > 0 || !free.isEmpty())) {
            next.signal();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("Producer closed while allocating buffer memory");
        }
    }
}
