package io.ferrymq.it.failover;

import java.time.Duration;

/**
 * {@link LeaderKillIT} with every connection over TLS + SCRAM-SHA-512: clients to brokers and the
 * replica fetchers between brokers ({@code security.inter.broker.protocol=SASL_SSL}). A shorter kill phase (at least one round)
 * keeps the suite's added time small; the final check is the same.
 */
class LeaderKillOverSaslSslIT extends LeaderKillIT {

    @Override
    protected boolean overSaslSsl() {
        return true;
    }

    @Override
    protected Duration killPhase() {
        return Duration.ofSeconds(12);
    }

    @Override
    protected int minimumKills() {
        return 1;
    }
}
