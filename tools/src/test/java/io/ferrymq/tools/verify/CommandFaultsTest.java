package io.ferrymq.tools.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandFaultsTest {

    @TempDir
    Path dir;

    @Test
    void theCommandRunsWithStartThenStopAndSeesTheRunInItsEnvironment() throws Exception {
        Path log = dir.resolve("calls.log");
        Path script = dir.resolve("fault.sh");
        Files.writeString(script, "#!/bin/sh\necho \"$1 $2 $FERRY_VERIFY_FAULT $FERRY_VERIFY_TOPIC $FERRY_VERIFY_BOOTSTRAP\" >> "
                + log + "\necho \"did $2\"\n");
        script.toFile().setExecutable(true);
        CommandFaults faults = new CommandFaults(script + " --flag", FaultKind.STOP, "t", "127.0.0.1:9", Duration.ofSeconds(30));

        assertThat(faults.begin()).isEqualTo("fault command '" + script + " --flag start': did start");
        assertThat(faults.end()).isEqualTo("fault command '" + script + " --flag stop': did stop");
        assertThat(Files.readAllLines(log)).containsExactly("--flag start stop t 127.0.0.1:9", "--flag stop stop t 127.0.0.1:9");
    }

    @Test
    void aFailingOrHangingCommandIsReportedNotThrown() {
        CommandFaults failing = new CommandFaults("echo broken; exit 3;", FaultKind.KILL, "t", "b", Duration.ofSeconds(30));
        CommandFaults hanging = new CommandFaults("sleep 30;", FaultKind.KILL, "t", "b", Duration.ofMillis(300));

        assertThat(failing.begin()).isEqualTo("fault command 'echo broken; exit 3; start' FAILED (exit 3): broken");
        assertThat(hanging.end()).isEqualTo("fault command 'sleep 30; stop' did not finish within 300 ms; killed");
    }
}
