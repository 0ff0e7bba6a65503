package io.rdbguard.core.check;

/**
 * The five outcomes of a check on one container. Checks report PASS, FAIL, ERROR, or WARN for advice
 * that never denies; the engine turns FAIL/ERROR into WARN under warn mode and into SKIP when an exemption applies.
 */
public enum Status {
    PASS,
    FAIL,
    WARN,
    SKIP,
    ERROR;

    /** Made once: messages, logs and metrics ask for it on every result. */
    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    public boolean isViolation() {
        return this == FAIL || this == ERROR;
    }

    public String label() {
        return label;
    }
}
