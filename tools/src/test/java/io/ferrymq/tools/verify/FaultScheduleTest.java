package io.ferrymq.tools.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FaultScheduleTest {

    /** Records calls; a begin while a fault is active would be a schedule bug. */
    private static final class Recording implements FaultInjector {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile boolean active;

        @Override
        public String begin() {
            calls.add(active ? "begin-while-active" : "begin");
            active = true;
            return "began";
        }

        @Override
        public String end() {
            calls.add("end");
            active = false;
            return "ended";
        }
    }

    @Test
    void faultsAlternateWithHealthyPeriodsAndStopHealsTheOneInProgress() {
        Recording faults = new Recording();
        FaultSchedule schedule = new FaultSchedule(faults, Duration.ofMillis(20), Duration.ofSeconds(30), Clock.systemUTC());
        schedule.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> faults.active);

        schedule.stop(Duration.ofSeconds(10));

        assertThat(faults.calls).containsExactly("begin", "end");
        assertThat(faults.active).isFalse();
        assertThat(schedule.events()).hasSize(2);
        assertThat(schedule.events().get(0)).endsWith(" began");
        assertThat(schedule.events().get(1)).endsWith(" ended");
    }

    @Test
    void shortFaultsRepeatUntilStopped() {
        Recording faults = new Recording();
        FaultSchedule schedule = new FaultSchedule(faults, Duration.ofMillis(10), Duration.ofMillis(10), Clock.systemUTC());
        schedule.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> faults.calls.size() >= 6);

        schedule.stop(Duration.ofSeconds(10));

        assertThat(faults.calls).doesNotContain("begin-while-active");
        assertThat(faults.calls.get(faults.calls.size() - 1)).isEqualTo("end");
        assertThat(faults.active).isFalse();
    }

    @Test
    void noFaultInjectorInjectsNothing() {
        assertThat(FaultInjector.NONE.begin()).isEqualTo("no fault");
        assertThat(FaultInjector.NONE.end()).isEqualTo("nothing to heal");
    }
}
