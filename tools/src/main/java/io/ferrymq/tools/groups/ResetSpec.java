package io.ferrymq.tools.groups;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Where {@code reset-offsets} moves a group's committed offsets: the log start, the log end, an
 * absolute offset, a shift from the current committed offset, or the first record at or after a
 * time. Immutable and thread-safe.
 */
public sealed interface ResetSpec {

    record ToEarliest() implements ResetSpec {
    }

    record ToLatest() implements ResetSpec {
    }

    record ToOffset(long offset) implements ResetSpec {
    }

    record ShiftBy(long delta) implements ResetSpec {
    }

    record ToDatetime(long timestampMs) implements ResetSpec {
    }

    /**
     * Parses {@code --to-datetime}: an ISO-8601 instant ({@code 2026-11-29T22:00:00Z}), a local date-time
     * taken as UTC ({@code 2026-11-29T22:00:00[.sss]}), or epoch milliseconds.
     */
    static ToDatetime datetime(String text) {
        try {
            if (text.chars().allMatch(Character::isDigit)) {
                return new ToDatetime(Long.parseLong(text));
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return new ToDatetime(Instant.parse(text.endsWith("Z") ? text
                        : java.time.OffsetDateTime.parse(text).toInstant().toString()).toEpochMilli());
            }
            return new ToDatetime(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli());
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("--to-datetime '" + text
                    + "' is not an ISO-8601 date-time (e.g. 2026-11-29T22:00:00Z) nor epoch milliseconds");
        }
    }
}
