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
        assertEquals(Instant.parse(instant), time.parse("rdb-guard.io/backup-taken-at", value));
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource({"yesterday", "2026-11-25", "2026-11-25T09:00:00", "1764061200"})
    void anything_else_is_refused_with_an_example_taken_from_the_clock(String value) {
        InvalidAnnotationException error = assertThrows(InvalidAnnotationException.class,
                () -> time.parse("rdb-guard.io/exempt-until", value));
        assertEquals("rdb-guard.io/exempt-until=\"" + value + "\" is not an RFC 3339 time with a zone;"
                + " write e.g. 2026-11-25T12:00:00Z", error.getMessage());
    }

    @ParameterizedTest(name = "{0} reads as {1}")
    @CsvSource({"PT42S, 42s", "PT5M, 5m", "PT3H, 3h", "PT25H30M, 25h 30m", "PT72H, 3 days", "PT-2H, 2h"})
    void durations_read_as_people_write_them(Duration duration, String text) {
        assertEquals(text, AnnotationTime.describe(duration));
    }
}
