package io.ferrymq.coordinator.zk;

import org.apache.curator.framework.state.ConnectionState;

/**
 * The connection states a broker reacts to. SUSPENDED: the connection is gone, the session may
 * still live (a leader stops completing writes). LOST: the session is gone (ephemeral nodes and
 * latch positions are lost). RECONNECTED: connected again, possibly with a new session.
 */
public enum ZkConnectionState {
    CONNECTED, SUSPENDED, RECONNECTED, LOST, READ_ONLY;

    static ZkConnectionState of(ConnectionState state) {
        return switch (state) {
            case CONNECTED -> CONNECTED;
            case SUSPENDED -> SUSPENDED;
            case RECONNECTED -> RECONNECTED;
            case LOST -> LOST;
            case READ_ONLY -> READ_ONLY;
        };
    }

    /** Whether a leader may keep completing writes in this state. */
    public boolean isConnected() {
        return this == CONNECTED || this == RECONNECTED;
    }
}
