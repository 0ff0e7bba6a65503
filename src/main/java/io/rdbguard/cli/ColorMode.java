package io.rdbguard.cli;

/** {@code --color}: whether the table report is coloured. */
public enum ColorMode {
    /** When stdout is a terminal and NO_COLOR is not set to a non-empty value (no-color.org). */
    AUTO,
    ALWAYS,
    NEVER;

    boolean colour(AuditEnvironment environment, boolean toFile) {
        return switch (this) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> !toFile && environment.stdoutTerminal()
                    && environment.variables().getOrDefault("NO_COLOR", "").isEmpty();
        };
    }
}
