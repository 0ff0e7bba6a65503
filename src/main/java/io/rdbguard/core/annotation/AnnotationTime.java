package io.rdbguard.core.annotation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps in annotations (backup-taken-at, exempt-until): RFC 3339 parsing with a message that shows a valid
 * value, and the current time from an injected clock so that tests and the CLI can fix it.
 */
public final class AnnotationTime {

    private final Clock clock;

    public AnnotationTime(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The current time as a user would write it in an annotation, e.g. {@code 2026-11-25T14:30:00Z}. */
    public String example() {
        return now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** The instant an RFC 3339 value names, e.g. {@code 2026-11-25T14:30:00Z} or {@code 2026-11-25T15:30:00+01:00}. */
    public Instant parse(String key, String value) throws InvalidAnnotationException {
        try {
            return OffsetDateTime.parse(value.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidAnnotationException(key + "=\"" + value + "\" is not an RFC 3339 time with a zone;"
                    + " write e.g. " + example());
        }
    }

    /** "3h 5m", "2 days": how far apart two instants are, for messages. */
    public static String describe(Duration duration) {
        Duration d = duration.abs();
        if (d.toMinutes() < 1) {
            return d.toSeconds() + "s";
        }
        if (d.toHours() < 1) {
            return d.toMinutes() + "m";
        }
        if (d.toHours() < 48) {
            return d.toHours() + "h" + (d.toMinutesPart() == 0 ? "" : " " + d.toMinutesPart() + "m");
        }
        return d.toDays() + " days";
    }
}
