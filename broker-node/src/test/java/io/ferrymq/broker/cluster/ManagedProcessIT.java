package io.ferrymq.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessIT {

    @TempDir
    Path dir;

    private final List<ManagedProcess> started = new ArrayList<>();
    private final List<Process> others = new ArrayList<>();

    @AfterEach
    void stopEverything() {
        started.forEach(ManagedProcess::kill);
        others.forEach(Process::destroyForcibly);
    }

    /** A sleeper JVM whose command line carries the FerryMain marker, like a real Ferry child. */
    private ManagedProcess sleeper(String name, String... args) {
        JavaCommand command = JavaCommand.ofCurrentJvm().withJvmOptions(List.of("-Xmx32m", "-XX:TieredStopAtLevel=1"));
        List<String> cmd = new ArrayList<>(command.commandLine(java.util.Map.of("marker", JavaCommand.MAIN_CLASS), List.of()));
        cmd.set(cmd.size() - 1, SleeperMain.class.getName());
        cmd.addAll(List.of(args));
        ManagedProcess p = ManagedProcess.start(name, cmd, dir.resolve(name), dir.resolve("logs").resolve(name + ".log"),
                dir.resolve("pids"));
        started.add(p);
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(p.logFile()).contains("started"));
        return p;
    }

    private static char state(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }

    @Test
    void pauseResumeAndGracefulStopOfTheExactPid() throws Exception {
        ManagedProcess p = sleeper("one");
        assertThat(PidFile.readAll(dir.resolve("pids"))).extracting(PidFile::pid).containsExactly(p.pid());

        p.signal(Signal.STOP);
        await().atMost(Duration.ofSeconds(10)).until(() -> state(p.pid()) == 'T');
        assertThat(p.isPaused()).isTrue();
        p.signal(Signal.CONT);
        await().atMost(Duration.ofSeconds(10)).until(() -> state(p.pid()) != 'T');

        p.stop(Duration.ofSeconds(20));
        assertThat(p.isAlive()).isFalse();
        assertThat(Files.readString(p.logFile())).contains("stopping");
        assertThat(PidFile.readAll(dir.resolve("pids"))).isEmpty();
    }

    @Test
    void stopOfAPausedProcessStillEndsIt() {
        ManagedProcess p = sleeper("paused");
        p.signal(Signal.STOP);
        p.stop(Duration.ofSeconds(20));
        assertThat(p.isAlive()).isFalse();
    }

    @Test
    void sigkillFollowsWhenSigtermIsNotEnough() {
        ManagedProcess p = sleeper("stubborn", "slow-shutdown");
        Instant before = Instant.now();
        p.stop(Duration.ofSeconds(2));
        assertThat(p.isAlive()).isFalse();
        assertThat(p.exitCode()).hasValue(137);
        assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void leftoversOfACrashedLauncherAreStoppedButAReusedPidIsNot() throws Exception {
        ManagedProcess orphan = sleeper("orphan");
        Process unrelated = new ProcessBuilder("sleep", "60").start();
        others.add(unrelated);
        new PidFile("unrelated", unrelated.pid(), Optional.of(Instant.EPOCH)).write(dir.resolve("pids"));

        List<String> stopped = PidFile.stopLeftovers(dir.resolve("pids"), Duration.ofSeconds(20));

        assertThat(stopped).containsExactly("orphan (pid " + orphan.pid() + ")");
        assertThat(orphan.isAlive()).isFalse();
        assertThat(unrelated.isAlive()).isTrue();
        assertThat(PidFile.readAll(dir.resolve("pids"))).isEmpty();
    }

    @Test
    void leftoverBrokersAreStoppedBeforeTheirZooKeeper() {
        ManagedProcess zookeeper = sleeper("zookeeper-1");
        ManagedProcess broker = sleeper("broker-2");

        List<String> stopped = PidFile.stopLeftovers(dir.resolve("pids"), Duration.ofSeconds(20));

        assertThat(stopped).containsExactly("broker-2 (pid " + broker.pid() + ")",
                "zookeeper-1 (pid " + zookeeper.pid() + ")");
    }
}
