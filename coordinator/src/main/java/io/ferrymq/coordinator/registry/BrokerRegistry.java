package io.ferrymq.coordinator.registry;

import io.ferrymq.common.TopicPartition;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The set of live brokers. A broker {@link #register registers} itself once; the registration is
 * an ephemeral znode kept alive across reconnects and re-created after a new session. Everyone may
 * read the live set (served from a local cache that follows ZooKeeper) and listen for changes.
 *
 * <p>Implementations are thread-safe.
 */
public interface BrokerRegistry extends AutoCloseable {

    /** Starts following {@code /brokers/ids}; returns once the cache holds the current set. */
    void start();

    /**
     * Registers this broker and waits until its node exists. A node held by another session (a
     * killed predecessor whose session has not expired yet) is waited for, up to the session
     * timeout plus a margin ({@link RegistrationWait}).
     *
     * @throws BrokerIdInUseException when another session still holds the id after that wait
     */
    void register(BrokerInfo self);

    /**
     * Replaces the content of this broker's registration (same id; e.g. to report offline log dirs);
     * the new content is also what a re-created node holds after a new session.
     *
     * @throws IllegalStateException when this broker is not registered
     */
    void updateRegistration(BrokerInfo self);

    /** Removes this broker's registration (controlled shutdown); no-op when not registered. */
    void deregister();

    /** The live brokers by id, as last seen. */
    Map<Integer, BrokerInfo> liveBrokers();

    default Set<Integer> liveBrokerIds() {
        return liveBrokers().keySet();
    }

    default Optional<BrokerInfo> broker(int id) {
        return Optional.ofNullable(liveBrokers().get(id));
    }

    /**
     * The live brokers that may hold a usable replica of {@code partition}: every live broker but those
     * whose registration reports that replica offline ({@link OfflineStorage}).
     */
    default Set<Integer> brokersServing(TopicPartition partition) {
        return liveBrokers().values().stream().filter(b -> !b.offline().isOffline(partition)).map(BrokerInfo::id)
                .collect(Collectors.toSet());
    }

    /** Adds a listener for later joins and leaves (not replayed for brokers already live). */
    void addListener(BrokerListener listener);

    @Override
    void close();
}
