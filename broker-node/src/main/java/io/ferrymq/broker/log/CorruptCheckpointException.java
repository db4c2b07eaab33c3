package io.ferrymq.broker.log;

/** A checkpoint file does not parse; the message names the file and the problem. */
public class CorruptCheckpointException extends RuntimeException {

    public CorruptCheckpointException(String message) {
        super(message);
    }
}
