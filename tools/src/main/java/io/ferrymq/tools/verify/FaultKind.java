package io.ferrymq.tools.verify;

/**
 * The faults {@code ferry verify --faults} can inject: none; {@code kill}, kill -9 of a partition
 * leader then a restart; {@code stop}, SIGSTOP of a leader then SIGCONT; {@code partition}, network
 * partitions between servers in network namespaces (or whatever a fault command does for it).
 */
public enum FaultKind {
    NONE,
    KILL,
    STOP,
    PARTITION
}
