package io.ferrymq.client.common.internals;

import io.ferrymq.common.protocol.responses.MetadataResponse;
import java.net.InetSocketAddress;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a Metadata request when {@link Metadata} says one is due and none is in flight, and feeds
 * the answer back through the owner's {@link EventQueue}. A failed request backs off and moves on
 * to the next broker address.
 *
 * <p>Confined to the owning client thread (responses are applied as its events).
 */
public final class MetadataRefresher {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataRefresher.class);

    private final Metadata metadata;
    private final RequestChannel channel;
    private final EventQueue events;
    private final Clock clock;
    private boolean inFlight;

    public MetadataRefresher(Metadata metadata, RequestChannel channel, EventQueue events, Clock clock) {
        this.metadata = metadata;
        this.channel = channel;
        this.events = events;
        this.clock = clock;
    }

    /** Sends a request if due; returns how long until the next one may be due (MAX_VALUE while one is in flight). */
    public long maybeUpdate(long nowMs) {
        if (inFlight) {
            return Long.MAX_VALUE;
        }
        long wait = metadata.timeToNextUpdate(nowMs);
        if (wait > 0) {
            return wait;
        }
        inFlight = true;
        InetSocketAddress target = metadata.nextAddress();
        Requests.send(channel, target, metadata.newRequest(nowMs)).whenComplete((response, error) -> events.post(() -> {
            inFlight = false;
            if (error == null && response instanceof MetadataResponse update) {
                metadata.update(update, clock.millis());
            } else {
                LOG.warn("Metadata request to {} failed: {}", target, error != null ? error.toString() : response);
                metadata.failedUpdate(clock.millis());
            }
        }));
        return Long.MAX_VALUE;
    }

    public boolean isInFlight() {
        return inFlight;
    }
}
