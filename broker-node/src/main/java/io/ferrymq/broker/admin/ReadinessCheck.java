package io.ferrymq.broker.admin;

/**
 * Decides whether the broker can serve traffic; the broker supplies one that answers ready once it
 * is registered in ZooKeeper and every local replica is loaded. Called on the admin HTTP thread
 * for every {@code /health/ready} request: must be cheap, non-blocking and thread-safe.
 */
@FunctionalInterface
public interface ReadinessCheck {

    Readiness check();

    /** A check built from the broker's two conditions, in the order they are reported. */
    static ReadinessCheck of(java.util.function.BooleanSupplier registered,
                             java.util.function.BooleanSupplier replicasLoaded) {
        return () -> {
            if (!registered.getAsBoolean()) {
                return Readiness.notReady("broker not registered in ZooKeeper");
            }
            if (!replicasLoaded.getAsBoolean()) {
                return Readiness.notReady("local replicas still loading");
            }
            return Readiness.ok();
        };
    }
}
