package io.ferrymq.coordinator.zk;

/**
 * A ZooKeeper operation failed for a reason the caller cannot fix by changing its input
 * (connection loss, timeout, interrupted, unexpected ZooKeeper error). The message names the
 * operation and the znode; the cause is the ZooKeeper or Curator exception.
 */
public class CoordinatorException extends RuntimeException {

    public CoordinatorException(String message, Throwable cause) {
        super(message, cause);
    }

    public CoordinatorException(String message) {
        super(message);
    }

    /** Wraps any exception of a ZooKeeper call; restores the interrupt flag when interrupted. */
    public static CoordinatorException wrap(String operation, Exception cause) {
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        if (cause instanceof CoordinatorException coordinatorException) {
            return coordinatorException;
        }
        return new CoordinatorException(operation + " failed: " + cause, cause);
    }
}
