package io.ferrymq.broker.group;

import io.ferrymq.coordinator.group.GroupStore;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Everything a {@link GroupCoordinator} needs from its broker: its id, the group settings, the
 * durable {@link GroupStore}, the live broker ids (from the broker registry's cache), log end
 * offsets and lag gauges for the lag metric, and the clock. Immutable and thread-safe.
 */
public record GroupCoordinatorContext(int brokerId, GroupConfig config, GroupStore store,
                                      Supplier<Set<Integer>> liveBrokerIds, LogEndOffsets logEndOffsets,
                                      LagGauges lagGauges, Clock clock) {

    public GroupCoordinatorContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(liveBrokerIds, "liveBrokerIds");
        Objects.requireNonNull(logEndOffsets, "logEndOffsets");
        Objects.requireNonNull(lagGauges, "lagGauges");
        Objects.requireNonNull(clock, "clock");
    }
}
