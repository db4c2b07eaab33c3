package io.ferrymq.it.failover;

/**
 * {@link PausedLeaderIT} with every connection over TLS + SCRAM-SHA-512, clients and replica
 * fetchers alike: a leader frozen mid-stream is fenced and rejoins as a follower over
 * {@code SASL_SSL} connections.
 */
class PausedLeaderOverSaslSslIT extends PausedLeaderIT {

    @Override
    protected boolean overSaslSsl() {
        return true;
    }
}
