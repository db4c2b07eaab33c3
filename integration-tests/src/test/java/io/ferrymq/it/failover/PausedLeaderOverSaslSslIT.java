package io.ferrymq.it.failover;

/**
 * {@link PausedLeaderIT} with every connection over TLS, clients and replica fetchers alike: a
 * leader frozen mid-stream is fenced and rejoins as a follower over {@code SSL} connections.
 */
class PausedLeaderOverTlsIT extends PausedLeaderIT {

    @Override
    protected boolean overTls() {
        return true;
    }
}
