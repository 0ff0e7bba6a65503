package io.rdbguard.core.check;

import java.util.Objects;

/**
 * What a check found about one container (or the whole workload when {@code container} is null).
 * {@code message} says what is wrong and what will happen; {@code fix} says what to do about it.
 * {@code repeated} marks a finding about something the change did not touch (a probe an UPDATE left as it was): it
 * comes back on every change, so warnings show such findings once per workload, summarised, while logs and reports
 * keep each one.
 */
public record Finding(Status status, String container, String message, String fix, boolean repeated) {

    public Finding {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        fix = fix == null ? "" : fix;
    }

    public Finding(Status status, String container, String message, String fix) {
        this(status, container, message, fix, false);
    }

    /** This finding, marked as being about something the change did not touch. */
    public Finding asRepeated() {
        return new Finding(status, container, message, fix, true);
    }

    public static Finding pass(String container, String message) {
        return new Finding(Status.PASS, container, message, "");
    }

    public static Finding fail(String container, String message, String fix) {
        return new Finding(Status.FAIL, container, message, fix);
    }

    /** Advice that never denies on its own (e.g. a liveness probe that equals the readiness probe). */
    public static Finding warn(String container, String message, String fix) {
        return new Finding(Status.WARN, container, message, fix);
    }

    /** The check could not decide (bad annotation, unparsable image): treated like a failure. */
    public static Finding error(String container, String message, String fix) {
        return new Finding(Status.ERROR, container, message, fix);
    }
}
