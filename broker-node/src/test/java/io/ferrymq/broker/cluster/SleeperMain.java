package io.ferrymq.broker.cluster;

import java.time.Duration;

/**
 * A stand-in child process for launcher tests: prints {@code started}, then sleeps (at most two
 * minutes, so a lost child cannot live forever). On SIGTERM its shutdown hook prints
 * {@code stopping}; with the argument {@code slow-shutdown} the hook then stalls so only SIGKILL ends it.
 */
public final class SleeperMain {

    private SleeperMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        boolean slow = args.length > 0 && args[0].equals("slow-shutdown");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping");
            System.out.flush();
            if (slow) {
                sleep(Duration.ofMinutes(2));
            }
        }));
        System.out.println("started");
        System.out.flush();
        sleep(Duration.ofMinutes(2));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
