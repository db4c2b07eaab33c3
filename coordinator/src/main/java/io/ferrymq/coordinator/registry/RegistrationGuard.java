package io.ferrymq.coordinator.registry;

import io.ferrymq.coordinator.zk.CoordinatorException;
import io.ferrymq.coordinator.zk.ZkClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link RegistrationWait} to a broker's registration node in ZooKeeper: looks at the
 * node's ephemeral owner, logs once per owner that it is waiting (owner session and deadline), and
 * polls until the verdict is to register or to refuse. The session timeout it waits for is the
 * larger of the configured and the server-negotiated one (the server may raise a requested timeout
 * to {@code 2 * tickTime}). Used by the registering thread only; holds no mutable state.
 */
final class RegistrationGuard {

    private static final Logger log = LoggerFactory.getLogger(RegistrationGuard.class);

    private final ZkClient zk;
    private final Clock clock;
    private final Duration margin;

    RegistrationGuard(ZkClient zk, Clock clock, Duration margin) {
        this.zk = zk;
        this.clock = clock;
        this.margin = margin;
    }

    /**
     * Returns once {@code path} is absent or this session's; waits while another session holds it,
     * up to the {@link RegistrationWait} deadline.
     *
     * @throws BrokerIdInUseException when another session still holds it at the deadline
     */
    void awaitPreviousGone(int id, String path) {
        RegistrationWait wait = new RegistrationWait(clock.instant(), sessionTimeout(), margin);
        OptionalLong loggedOwner = OptionalLong.empty();
        while (true) {
            Instant now = clock.instant();
            OptionalLong owner = owner(path);
            switch (wait.verdict(owner, zk.sessionId(), now)) {
                case REGISTER -> {
                    return;
                }
                case REFUSE -> throw new BrokerIdInUseException(id, owner.getAsLong(), wait.waited(now));
                case WAIT -> {
                    if (!owner.equals(loggedOwner)) {
                        log.info("Waiting for the previous registration of broker {} (ZooKeeper session 0x{}) to "
                                + "expire, until {}", id, Long.toHexString(owner.getAsLong()), wait.deadline());
                        loggedOwner = owner;
                    }
                    sleep(wait.nextPoll(now), path);
                }
            }
        }
    }

    /** Throws {@link BrokerIdInUseException} at once when another session holds {@code path}. */
    void refuseIfHeldByOther(int id, String path) {
        OptionalLong owner = owner(path);
        if (owner.isPresent() && owner.getAsLong() != zk.sessionId()) {
            throw new BrokerIdInUseException(id, owner.getAsLong(), Duration.ZERO);
        }
    }

    private Duration sessionTimeout() {
        Duration configured = zk.config().sessionTimeout();
        Duration negotiated = zk.negotiatedSessionTimeout();
        return configured.compareTo(negotiated) >= 0 ? configured : negotiated;
    }

    private OptionalLong owner(String path) {
        try {
            Stat stat = zk.curator().checkExists().forPath(path);
            return stat == null ? OptionalLong.empty() : OptionalLong.of(stat.getEphemeralOwner());
        } catch (Exception e) {
            throw CoordinatorException.wrap("checking " + path, e);
        }
    }

    private static void sleep(Duration pause, String path) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CoordinatorException.wrap("waiting for " + path + " to expire", e);
        }
    }
}
