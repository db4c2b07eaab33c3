package io.ferrymq.broker.group;

/**
 * The life cycle of a consumer group on its coordinator, as in Kafka:
 *
 * <pre>
 * EMPTY --member joins--> PREPARING_REBALANCE --all joined or timeout--> COMPLETING_REBALANCE
 *   ^                        ^    |  (no members left: back to EMPTY)        | leader's SyncGroup
 *   |                        |    v                                          v
 *   |                        +---------- join / leave / death / new partitions -- STABLE
 * DEAD: unloaded (coordinator moved) or deleted; every request is answered NOT_COORDINATOR.
 * </pre>
 */
public enum GroupState {
    EMPTY("Empty"),
    PREPARING_REBALANCE("PreparingRebalance"),
    COMPLETING_REBALANCE("CompletingRebalance"),
    STABLE("Stable"),
    DEAD("Dead");

    private final String displayName;

    GroupState(String displayName) {
        this.displayName = displayName;
    }

    /** Kafka's name for the state, shown by tools. */
    public String displayName() {
        return displayName;
    }
}
