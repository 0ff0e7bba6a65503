package io.rdbguard.core.annotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AnnotationTimeTest {

    private final AnnotationTime time = new AnnotationTime(
            Clock.fixed(Instant.parse("2026-11-25T12:00:00.750Z"), ZoneOffset.UTC));

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "2026-11-25T09:00:00Z, 2026-11-25T09:00:00Z",
        "2026-11-25T10:00:00+01:00, 2026-11-25T09:00:00Z",
        "2026-11-25T09:00:00.5Z, 2026-11-25T09:00:00.500Z",
    })
    void rfc_3339_times_with_a_zone_are_read(String value, String instant) throws InvalidAnnotationException {
        assertEquals(Instant.parse(instant), time.parse("rdb-guard.io/backup-taken-at", value, ""));
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource({"yesterday", "2026-11-25", "2026-11-25T09:00:00", "1764061200"})
    void anything_else_is_refused_with_an_example_taken_from_the_clock(String value) {
        InvalidAnnotationException error = assertThrows(InvalidAnnotationException.class,
                () -> time.parse("rdb-guard.io/exempt-until", value, ""));
        assertEquals("rdb-guard.io/exempt-until=\"" + value + "\" is not an RFC 3339 time with a zone;"
                + " write e.g. 2026-11-25T12:00:00Z", error.getMessage());
    }

    @ParameterizedTest(name = "the place goes into the message: {0}")
    @CsvSource({"on the pod template", "on the StatefulSet"})
    void a_refused_time_says_where_it_was_set(String where) {
        InvalidAnnotationException error = assertThrows(InvalidAnnotationException.class,
                () -> time.parse("rdb-guard.io/backup-taken-at", "yesterday", where));
        assertEquals("rdb-guard.io/backup-taken-at=\"yesterday\" " + where + " is not an RFC 3339 time with a zone;"
                + " write e.g. 2026-11-25T12:00:00Z", error.getMessage());
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource({
        "PT42S, 42 seconds",
        "PT1S, 1 second",
        "PT0S, 0 seconds",
        "PT5M, 5 minutes",
        "PT3H, 3 hours",
        "PT1H1M1S, '1 hour, 1 minute and 1 second'",
        "PT25H30M, 25 hours and 30 minutes",
        "PT72H, 3 days",
        "PT-2H, 2 hours",
        "PT0.5S, 0.5 seconds",
    })
    void durations_read_as_people_write_them(Duration duration, String text) {
        assertEquals(text, AnnotationTime.describe(duration));
    }

    /** Observed: "30 days and 1 hour" ahead was reported as "30 days ahead, more than the 30 days allowed". */
    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource({
        "P30DT1H, 30 days and 1 hour",
        "P30DT0.5S, 30 days and 0.5 seconds",
        "P30DT1M, 30 days and 1 minute",
        "P2DT23H59M59S, '2 days, 23 hours, 59 minutes and 59 seconds'",
        "PT24H0.001S, 24 hours and 0.001 seconds",
    })
    void a_duration_just_over_a_limit_never_reads_as_the_limit(Duration duration, String text) {
        assertEquals(text, AnnotationTime.describe(duration));
    }
}
