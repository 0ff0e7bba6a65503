package io.rdbguard.cli;

import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.engine.Decision;

/**
 * How far the webhook would act on a result, weakest first: {@code --fail-on} names the weakest one that fails the audit.
 */
public enum Severity {
    /** Passed, exempted (skip), or a check that had nothing to say. */
    NONE,
    /** An audit-mode violation: the webhook allows it and only logs and counts it. */
    AUDIT,
    /** A warning the webhook returns to the user (warn mode, or advice). */
    WARN,
    /** The webhook would deny the change. */
    DENY;

    public static Severity of(CheckResult result) {
        if (result.denies()) {
            return DENY;
        }
        if (result.warns()) {
            return WARN;
        }
        return result.audited() ? AUDIT : NONE;
    }

    /** The strongest result of the decision, including those of its parts (the workloads of a release). */
    public static Severity of(Decision decision) {
        return java.util.stream.Stream.concat(decision.results().stream().map(Severity::of),
                decision.parts().stream().map(Severity::of)).max(Enum::compareTo).orElse(NONE);
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
