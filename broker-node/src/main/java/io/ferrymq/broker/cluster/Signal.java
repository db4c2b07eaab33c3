package io.ferrymq.broker.cluster;

/**
 * The POSIX signals the launcher sends to its own child processes: TERM (graceful stop,
 * controlled shutdown), KILL (crash), STOP and CONT (freeze and thaw, e.g. to outlive a
 * ZooKeeper session).
 */
public enum Signal {
    TERM,
    KILL,
    STOP,
    CONT
}
