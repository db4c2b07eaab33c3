package io.ferrymq.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.ferrymq.client.common.internals.InMemoryCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The options of {@code ferry leader-election} are refused before any request when they do not say which partitions. */
class LeaderElectionCommandTest {

    private static final String BOOTSTRAP = "--bootstrap-server=broker1:9001";

    private final InMemoryCluster cluster = new InMemoryCluster(3);
    private final InMemoryClients clients = new InMemoryClients(cluster);

    @AfterEach
    void stop() {
        cluster.close();
    }

    private CommandRun run(String... args) {
        return CommandRun.of(new LeaderElectionCommand(clients), args);
    }

    @Test
    void exactlyOneWayOfNamingPartitionsIsAccepted() {
        assertThat(run(BOOTSTRAP, "--election-type", "preferred").err())
                .contains("give exactly one of --topic with --partition, --path-to-json-file, --all-topic-partitions");
        assertThat(run(BOOTSTRAP, "--election-type", "preferred", "--all-topic-partitions", "--topic", "t",
                "--partition", "0").exitCode()).isEqualTo(2);
        assertThat(run(BOOTSTRAP, "--election-type", "preferred", "--topic", "t").err())
                .contains("--topic and --partition go together");
    }

    @Test
    void unknownElectionTypeIsRefused() {
        CommandRun refused = run(BOOTSTRAP, "--election-type", "fastest", "--all-topic-partitions");

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("--election-type must be preferred or unclean, was 'fastest'");
    }
}
