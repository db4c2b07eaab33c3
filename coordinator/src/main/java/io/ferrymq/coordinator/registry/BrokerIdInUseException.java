package io.ferrymq.coordinator.registry;

import java.time.Duration;

/**
 * Start-up refused: {@code /brokers/ids/<id>} is held by another live ZooKeeper session, i.e.
 * another broker runs with the same {@code broker.id} (a killed predecessor's session would have
 * expired during the wait, see {@link RegistrationWait}).
 */
public class BrokerIdInUseException extends RuntimeException {

    private final int brokerId;

    /**
     * @param waited how long the broker waited for the registration to expire before refusing
     */
    public BrokerIdInUseException(int brokerId, long ownerSession, Duration waited) {
        super("broker.id " + brokerId + " is already registered by another live broker (ZooKeeper session 0x"
                + Long.toHexString(ownerSession) + ", still alive after waiting " + waited.toMillis()
                + " ms for it to expire); choose another broker.id or stop the other broker");
        this.brokerId = brokerId;
    }

    public int brokerId() {
        return brokerId;
    }
}
