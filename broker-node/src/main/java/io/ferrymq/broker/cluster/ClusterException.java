package io.ferrymq.broker.cluster;

/** A local cluster could not be started, reached or stopped; the message names the process and the cause. */
public class ClusterException extends RuntimeException {

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
