package io.rdbguard.core.check;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a check's violations are acted on. */
public enum Mode {
    /** Violations deny the request. */
    ENFORCE,
    /** Violations are allowed and returned to the user as warnings. */
    WARN,
    /** Violations are allowed, logged and counted; the user sees them only on dry-run requests. */
    AUDIT,
    /** The check does not run. */
    OFF;

    /** Made once: messages, logs and metrics ask for it on every result. */
    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }

    public static Optional<Mode> parse(String text) {
        return Arrays.stream(values()).filter(m -> m.label().equals(text)).findFirst();
    }

    public static String choices() {
        return Arrays.stream(values()).map(Mode::label).collect(Collectors.joining(" | "));
    }
}
