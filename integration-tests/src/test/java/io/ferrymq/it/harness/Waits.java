package io.ferrymq.it.harness;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Bounded polling for the harness (awaitility, 100 ms steps). Stateless. */
final class Waits {

    private Waits() {
    }

    static void until(String what, Duration timeout, Callable<Boolean> condition) {
        await(what).atMost(timeout).pollInterval(Duration.ofMillis(100)).pollInSameThread().until(condition);
    }
}
