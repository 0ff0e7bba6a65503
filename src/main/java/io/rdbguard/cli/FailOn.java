package io.rdbguard.cli;

/** {@code --fail-on}: the weakest severity that makes the audit exit 1. */
public enum FailOn {
    DENY(Severity.DENY),
    WARN(Severity.WARN),
    AUDIT(Severity.AUDIT),
    NEVER(null);

    private final Severity threshold;

    FailOn(Severity threshold) {
        this.threshold = threshold;
    }

    public boolean fails(Severity severity) {
        return threshold != null && severity.compareTo(threshold) >= 0;
    }
}
