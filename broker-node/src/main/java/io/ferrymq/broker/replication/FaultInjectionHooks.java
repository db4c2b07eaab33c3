package io.ferrymq.broker.replication;

/**
 * Deliberate bugs that only tests switch on, to prove that a checker ({@code ferry verify}) detects a
 * broken broker: JVM system properties, never configuration keys, read once when a
 * {@link ReplicaManager} is built. docs/DESIGN.md ("Fault-injection hooks") lists them.
 * {@value #ACK_AT_LEADER_APPEND}: acks=all is answered as soon as the leader appended, without
 * waiting for the in-sync replicas, so a leader crash loses acknowledged writes. Immutable.
 */
public record FaultInjectionHooks(boolean ackAtLeaderAppend) {

    /** The system property that turns on acknowledging acks=all at the leader's append. */
    public static final String ACK_AT_LEADER_APPEND = "ferry.fault.ackAtLeaderAppend";

    /** The hooks as this JVM's system properties set them (all off unless a test set one). */
    public static FaultInjectionHooks fromSystemProperties() {
        return new FaultInjectionHooks(Boolean.getBoolean(ACK_AT_LEADER_APPEND));
    }
}
