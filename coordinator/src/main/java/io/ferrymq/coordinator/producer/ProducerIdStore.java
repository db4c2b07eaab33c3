package io.ferrymq.coordinator.producer;

/**
 * Where brokers claim blocks of producer ids. Contract: no two calls, on any broker, ever return
 * overlapping blocks. Implementations are thread-safe.
 */
public interface ProducerIdStore {

    /** Claims the next free block for {@code brokerId}; throws {@code CoordinatorException} when it cannot. */
    ProducerIdBlock claimNextBlock(int brokerId);
}
