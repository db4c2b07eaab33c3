package io.ferrymq.broker.replication;

import io.ferrymq.client.protocol.ApiException;
import io.ferrymq.client.protocol.ErrorCode;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an exception met while serving one partition into that partition's error code and
 * message, which always names the partition: {@link ApiException}s carry theirs (validation,
 * leadership, fencing), prefixed with the partition unless they name it; disk errors become
 * {@code KAFKA_STORAGE_ERROR}; anything else is a bug, logged with its stack trace and answered
 * {@code UNKNOWN_SERVER_ERROR}. Stack traces never go on the wire.
 *
 * <p>Stateless; thread-safe.
 */
final class Errors {

    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    record Described(ErrorCode error, String message) {
    }

    private Errors() {
    }

    static Described describe(RuntimeException e, Object partition) {
        if (e instanceof ApiException api) {
            String message = api.getMessage();
            String name = String.valueOf(partition);
            return new Described(api.error(), message != null && message.contains(name) ? message
                    : name + ": " + message);
        }
        if (e instanceof UncheckedIOException io) {
            LOG.error("Disk error serving {}", partition, io);
            return new Described(ErrorCode.KAFKA_STORAGE_ERROR, "disk error on " + partition + ": " + io.getMessage());
        }
        LOG.error("Unexpected error serving {}", partition, e);
        return new Described(ErrorCode.UNKNOWN_SERVER_ERROR, "unexpected error on " + partition + ": " + e);
    }
}
