package io.ferrymq.tools.verify;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Durations as people type them on a command line: a whole number with a unit, {@code 500ms},
 * {@code 15s}, {@code 2m}, {@code 1h}. A picocli converter; pure and thread-safe.
 */
public final class DurationText implements CommandLine.ITypeConverter<Duration> {

    private static final Pattern SHAPE = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /** The duration {@code text} names; throws naming the text when it is not {@code <n>ms|s|m|h}. */
    public static Duration parse(String text) {
        Matcher m = SHAPE.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration like 500ms, 15s, 2m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
