package io.ferrymq.test.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.ferrymq.test.FerryTestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The extension's lifecycle seen from outside: a {@link FerryCluster} class run through the JUnit
 * Platform shares one cluster between its tests and leaves nothing running once it finished, also
 * when a test failed.
 */
class FerryClusterLifecycleIT {

    private static final AtomicReference<FerryTestCluster> FIRST = new AtomicReference<>();
    private static final AtomicReference<FerryTestCluster> SECOND = new AtomicReference<>();
    private static volatile boolean launchedHere;

    @Test
    void theClusterOfAClassWithAFailingTestIsStoppedAndDeletedAfterTheClass() {
        launchedHere = true;
        TestExecutionSummary summary;
        try {
            summary = run(Sample.class);
        } finally {
            launchedHere = false;
        }
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
        assertThat(summary.getTestsFailedCount()).isEqualTo(1);
        FerryTestCluster cluster = FIRST.get();
        assertThat(cluster).isNotNull().isSameAs(SECOND.get());
        assertThat(cluster.broker(0).isRunning()).isFalse();
        Path data = cluster.broker(0).logDir();
        assertThat(Files.exists(data.getParent())).isFalse();
    }

    private static TestExecutionSummary run(Class<?> testClass) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .filters(EngineFilter.includeEngines("junit-jupiter")).build(), listener);
        return listener.getSummary();
    }

    /** Runs only when launched by the test above; its second test fails on purpose. */
    @FerryCluster(kafkaListener = false)
    static class Sample {

        @Test
        void first(FerryTestCluster cluster) {
            Assumptions.assumeTrue(launchedHere);
            FIRST.set(cluster);
        }

        @Test
        void second(FerryTestCluster cluster) {
            Assumptions.assumeTrue(launchedHere);
            SECOND.set(cluster);
            assertThat(cluster.broker(0).isRunning()).as("fails on purpose").isFalse();
        }
    }
}
