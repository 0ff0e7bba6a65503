package io.rdbguard.core.annotation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Timestamps in annotations (backup-taken-at, exempt-until): RFC 3339 parsing with a message that shows a valid
 * value, and the current time from an injected clock so that tests and the CLI can fix it.
 */
public final class AnnotationTime {

    private final Clock clock;

    public AnnotationTime(Clock clock) {
        this.clock = clock;
    }

    /**
     * The current time in whole seconds, the precision annotations are written in: so that an age reads "10 minutes",
     * not "10 minutes and 0.2 seconds" (a limit is then exact to the second).
     */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    /** The current time as a user would write it in an annotation, e.g. {@code 2026-11-25T14:30:00Z}. */
    public String example() {
        return now().toString();
    }

    /**
     * The instant an RFC 3339 value names, e.g. {@code 2026-11-25T14:30:00Z} or {@code 2026-11-25T15:30:00+01:00};
     * {@code where} ("on the pod template", or empty) goes into the message, so the user knows which value to fix.
     */
    public Instant parse(String key, String value, String where) throws InvalidAnnotationException {
        try {
            return OffsetDateTime.parse(value.trim(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidAnnotationException(key + "=\"" + value + "\"" + (where.isEmpty() ? "" : " " + where)
                    + " is not an RFC 3339 time with a zone; write e.g. " + example());
        }
    }

    /**
     * How far apart two instants are, exactly, for messages: "25 hours", "3 hours and 5 minutes", "30 days and 1 hour",
     * "30 days and 0.5 seconds". Nothing is rounded away: a message that compares a duration with a limit ("30 days and
     * 1 hour ahead, more than the 30 days allowed") must not print two equal numbers. Up to 48 hours the age is counted
     * in hours, as backup ages are read.
     */
    public static String describe(Duration duration) {
        Duration d = duration.abs();
        List<String> parts = new ArrayList<>();
        long hours = d.toHours() < 48 ? d.toHours() : d.toHoursPart();
        if (d.toHours() >= 48) {
            parts.add(count(d.toDays(), "day"));
        }
        if (hours > 0) {
            parts.add(count(hours, "hour"));
        }
        if (d.toMinutesPart() > 0) {
            parts.add(count(d.toMinutesPart(), "minute"));
        }
        if (d.toSecondsPart() > 0 || d.toNanosPart() > 0 || parts.isEmpty()) {
            BigDecimal seconds = BigDecimal.valueOf(d.toSecondsPart()).add(BigDecimal.valueOf(d.toNanosPart(), 9));
            String number = seconds.stripTrailingZeros().toPlainString();
            parts.add(number + (number.equals("1") ? " second" : " seconds"));
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        return String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }

    private static String count(long amount, String unit) {
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }
}
