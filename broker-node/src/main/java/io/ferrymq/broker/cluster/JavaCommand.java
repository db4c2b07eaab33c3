package io.ferrymq.broker.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to start {@code io.ferrymq.broker.FerryMain} in a new JVM: the java binary of the running
 * JVM, a classpath and JVM options. The classpath defaults to the test classpath when run under
 * Surefire/Failsafe ({@code surefire.test.class.path}), else to {@code java.class.path} (which,
 * under {@code bin/ferry}, is the jar plus {@code lib/*}). Immutable.
 */
public record JavaCommand(Path javaBinary, String classpath, List<String> jvmOptions) {

    public static final String MAIN_CLASS = "io.ferrymq.broker.FerryMain";
    public static final List<String> DEFAULT_JVM_OPTIONS =
            List.of("-Xms64m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:+ExitOnOutOfMemoryError");

    public JavaCommand {
        jvmOptions = List.copyOf(jvmOptions);
        if (classpath == null || classpath.isBlank()) {
            throw new IllegalArgumentException("the classpath for child JVMs is empty");
        }
    }

    /** The running JVM's java binary and classpath with {@link #DEFAULT_JVM_OPTIONS}. */
    public static JavaCommand ofCurrentJvm() {
        return new JavaCommand(Path.of(System.getProperty("java.home"), "bin", "java"), currentClasspath(),
                DEFAULT_JVM_OPTIONS);
    }

    /** The same command with other JVM options. */
    public JavaCommand withJvmOptions(List<String> options) {
        return new JavaCommand(javaBinary, classpath, options);
    }

    /** The full command line: java, options, system properties, {@code -cp}, FerryMain, then {@code args}. */
    public List<String> commandLine(Map<String, String> systemProperties, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaBinary.toString());
        cmd.addAll(jvmOptions);
        systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(MAIN_CLASS);
        cmd.addAll(args);
        return cmd;
    }

    private static String currentClasspath() {
        return Optional.ofNullable(System.getProperty("surefire.test.class.path"))
                .filter(cp -> !cp.isBlank())
                .orElse(System.getProperty("java.class.path"));
    }
}
