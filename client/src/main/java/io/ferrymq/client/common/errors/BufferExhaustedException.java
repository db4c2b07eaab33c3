package io.ferrymq.client.common.errors;

/**
 * The producer could not get memory for a record within {@code max.block.ms} because
 * {@code buffer.memory} is used up by batches still waiting to be sent.
 */
public class BufferExhaustedException extends TimeoutException {

    public BufferExhaustedException(String message) {
        super(message);
    }
}
