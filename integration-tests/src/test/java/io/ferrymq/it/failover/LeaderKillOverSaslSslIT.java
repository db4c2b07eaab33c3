package io.ferrymq.it.failover;

import java.time.Duration;

/**
 * {@link LeaderKillIT} with every connection over TLS: clients to brokers and the replica fetchers
 * between brokers ({@code security.inter.broker.protocol=SSL}). A shorter kill phase (two rounds)
 * keeps the suite's added time small; the final check is the same.
 */
class LeaderKillOverTlsIT extends LeaderKillIT {

    @Override
    protected boolean overTls() {
        return true;
    }

    @Override
    protected Duration killPhase() {
        return Duration.ofSeconds(25);
    }

    @Override
    protected int minimumKills() {
        return 2;
    }
}
