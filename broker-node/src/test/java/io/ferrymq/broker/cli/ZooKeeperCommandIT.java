package io.ferrymq.broker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ZooKeeperCommandIT {

    @TempDir
    Path dataDir;

    @Test
    void servesClientsOnLoopbackUntilStopped() throws Exception {
        ZooKeeperCommand command = new ZooKeeperCommand();
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = runner.submit(() -> new CommandLine(command)
                    .execute("--port", "0", "--data-dir", dataDir.toString()));
            int port = command.awaitStarted(30, TimeUnit.SECONDS);

            try (CuratorFramework client = CuratorFrameworkFactory.newClient("127.0.0.1:" + port, new RetryOneTime(100))) {
                client.start();
                assertThat(client.blockUntilConnected(10, TimeUnit.SECONDS)).isTrue();
                client.create().forPath("/ferry-check", "ok".getBytes());
                assertThat(new String(client.getData().forPath("/ferry-check"))).isEqualTo("ok");
            }
            command.stop();
            assertThat(exit.get(30, TimeUnit.SECONDS)).isZero();
            assertThat(dataDir.resolve("version-2")).isDirectory();
        } finally {
            command.stop();
            runner.shutdownNow();
            assertThat(runner.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void refusesMissingDataDirWithAOneLineReason() {
        CommandLine commandLine = new CommandLine(new ZooKeeperCommand());
        java.io.StringWriter err = new java.io.StringWriter();
        commandLine.setErr(new java.io.PrintWriter(err));
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println(e.getMessage());
            return 1;
        });

        assertThat(commandLine.execute("--port", "0")).isEqualTo(1);
        assertThat(err.toString()).contains("--data-dir is required");
    }
}
