package io.ferrymq.test.junit5;

import io.ferrymq.client.admin.Admin;
import io.ferrymq.test.FerryTestCluster;

/**
 * The cluster of one {@link FerryCluster} test class and the admin client injected into its
 * tests; kept in the class's extension store, which closes it after the class (admin first).
 * Thread-safe.
 */
final class ClassCluster implements AutoCloseable {

    private final FerryTestCluster cluster;
    private final Admin admin;

    private ClassCluster(FerryTestCluster cluster, Admin admin) {
        this.cluster = cluster;
        this.admin = admin;
    }

    static ClassCluster start(FerryCluster annotation) {
        FerryTestCluster cluster = ClusterAnnotations.builder(annotation).start();
        try {
            return new ClassCluster(cluster, cluster.admin());
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    FerryTestCluster cluster() {
        return cluster;
    }

    Admin admin() {
        return admin;
    }

    @Override
    public void close() {
        try {
            admin.close();
        } finally {
            cluster.close();
        }
    }
}
