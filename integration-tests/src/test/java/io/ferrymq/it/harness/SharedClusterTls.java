package io.ferrymq.it.harness;

import io.ferrymq.broker.cluster.ClusterTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * One set of {@link ClusterTls} certificates (a CA and key stores for brokers 1..3) per test JVM,
 * in a temporary directory: keytool takes seconds per store on a busy machine, and every TLS cluster
 * of the integration tests has brokers 1..3 on 127.0.0.1. Thread-safe.
 */
public final class SharedClusterTls {

    private static final int BROKERS = 3;
    private static ClusterTls certificates;

    private SharedClusterTls() {
    }

    /** The certificates, generated on first use. */
    public static synchronized ClusterTls get() {
        if (certificates == null) {
            try {
                certificates = ClusterTls.generate(Files.createTempDirectory("ferry-it-certs"), BROKERS);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a directory for the test certificates", e);
            }
        }
        return certificates;
    }
}
