package io.ferrymq.broker.admin;

import ch.qos.logback.core.PropertyDefinerBase;
import java.nio.file.Path;
import java.util.List;

/**
 * Names a process's log file after what it runs, so several brokers started from one
 * installation do not share {@code logs/ferry.log}: {@code ferry broker --config .../broker-2.properties}
 * logs to {@code broker-2}, {@code ferry broker --config conf/broker.properties} to {@code broker},
 * {@code ferry zookeeper --config .../zookeeper-1.properties} to {@code zookeeper-1}, anything else to
 * {@code ferry}. Used by {@code conf/logback.xml} when {@code -Dferry.log.name} is not set; reads the
 * {@code sun.java.command} property. Stateless.
 */
public final class LogFileNameDefiner extends PropertyDefinerBase {

    @Override
    public String getPropertyValue() {
        return nameFor(System.getProperty("sun.java.command", ""));
    }

    /** The log name for a JVM command line ({@code <main class> <args...>}). */
    static String nameFor(String javaCommand) {
        List<String> words = List.of(javaCommand.trim().split("\\s+"));
        if (words.size() < 2 || !(words.get(1).equals("broker") || words.get(1).equals("zookeeper"))) {
            return "ferry";
        }
        String command = words.get(1);
        int config = words.indexOf("--config");
        if (config < 0 || config + 1 >= words.size()) {
            return command;
        }
        String file = Path.of(words.get(config + 1)).getFileName().toString().replaceFirst("\\.properties$", "");
        return file.startsWith(command) ? file.replaceAll("[^A-Za-z0-9._-]", "_") : command + "-" + file.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
