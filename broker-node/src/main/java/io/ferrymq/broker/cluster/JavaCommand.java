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
    /** Environment variable choosing the servers' JIT: {@code auto} (default), {@code c1} or {@code c2}. */
    public static final String JIT_ENV = "FERRY_JIT";
    private static final List<String> BASE_JVM_OPTIONS =
            List.of("-Xms64m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:+ExitOnOutOfMemoryError");

    public JavaCommand {
        jvmOptions = List.copyOf(jvmOptions);
        if (classpath == null || classpath.isBlank()) {
            throw new IllegalArgumentException("the classpath for child JVMs is empty");
        }
    }

    /** The running JVM's java binary and classpath with a 512 MiB G1 heap and {@link #withServerJit the servers' JIT}. */
    public static JavaCommand ofCurrentJvm() {
        return new JavaCommand(Path.of(System.getProperty("java.home"), "bin", "java"), currentClasspath(),
                withServerJit(BASE_JVM_OPTIONS));
    }

    /**
     * {@code options} plus the JIT flags of a server JVM (broker, ZooKeeper) on this machine, by
     * {@link #serverJitOptions(int, String)} with the CPUs the running JVM sees and {@value #JIT_ENV}.
     */
    public static List<String> withServerJit(List<String> options) {
        List<String> all = new ArrayList<>(options);
        all.addAll(serverJitOptions(Runtime.getRuntime().availableProcessors(),
                Optional.ofNullable(System.getenv(JIT_ENV)).orElse("auto")));
        return List.copyOf(all);
    }

    /**
     * The rule {@code bin/ferry} applies too: on a machine with at most 2 CPUs a server runs C1 only
     * ({@code -XX:TieredStopAtLevel=1}), because C2's compile threads take the cores from request
     * handling for minutes after start (docs/PERFORMANCE.md has the figures); with more CPUs the
     * JVM's tiered default. {@code mode} {@code c1} or {@code c2} overrides the CPU count.
     */
    static List<String> serverJitOptions(int cpus, String mode) {
        return switch (mode) {
            case "auto" -> cpus <= 2 ? List.of("-XX:TieredStopAtLevel=1") : List.of();
            case "c1" -> List.of("-XX:TieredStopAtLevel=1");
            case "c2" -> List.of();
            default -> throw new IllegalArgumentException(JIT_ENV + " must be auto, c1 or c2, was '" + mode + "'");
        };
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
