package io.ferrymq.common.record;

import java.nio.ByteBuffer;

/**
 * Heap copies of direct (or read-only) buffers for a pass that reads the bytes once and keeps
 * none of them: the broker's validation of a produced batch, whose records section arrives in the
 * request frame's direct buffer. The copy goes into an array this thread reuses, because allocating
 * and zeroing a fresh array per batch costs about ten times the copy itself (it was the largest
 * part of a leader append's validation). Arrays up to {@link #MAX_RETAINED_BYTES} are kept, one per
 * thread; a larger batch gets a fresh array that is not kept.
 *
 * <p>Thread-safe: each thread has its own array. A copy is valid only until the same thread's next
 * {@link #copyOf}, so nothing read from it may outlive the pass.
 */
final class ScanScratch {

    /** The largest array a thread keeps: Kafka's default {@code message.max.bytes}. */
    static final int MAX_RETAINED_BYTES = 1_048_588;

    private static final ThreadLocal<byte[]> ARRAY = ThreadLocal.withInitial(() -> new byte[0]);

    private ScanScratch() {
    }

    /** The buffer's remaining bytes as a heap buffer over this thread's array (the buffer's position is kept). */
    static ByteBuffer copyOf(ByteBuffer buffer) {
        int size = buffer.remaining();
        byte[] array = ARRAY.get();
        if (array.length < size) {
            array = new byte[(int) Math.max(size, Math.min(2L * array.length, MAX_RETAINED_BYTES))];
            if (array.length <= MAX_RETAINED_BYTES) {
                ARRAY.set(array);
            }
        }
        buffer.get(buffer.position(), array, 0, size);
        return ByteBuffer.wrap(array, 0, size);
    }
}
