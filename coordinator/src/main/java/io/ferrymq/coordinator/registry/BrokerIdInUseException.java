package io.ferrymq.coordinator.registry;

/**
 * Start-up refused: {@code /brokers/ids/<id>} is held by another live ZooKeeper session, i.e.
 * another broker runs with the same {@code broker.id}.
 */
public class BrokerIdInUseException extends RuntimeException {

    private final int brokerId;

    public BrokerIdInUseException(int brokerId, long ownerSession) {
        super("broker.id " + brokerId + " is already registered by another live broker (ZooKeeper session 0x"
                + Long.toHexString(ownerSession) + "); choose another broker.id or stop the other broker");
        this.brokerId = brokerId;
    }

    public int brokerId() {
        return brokerId;
    }
}
