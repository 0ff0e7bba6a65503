package io.rdbguard.cli;

import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.check.Status;
import java.util.List;

/** What the reports show of a decision: results the webhook would act on, and exemptions (skips) with their reason. */
final class Results {

    private Results() {
    }

    static List<CheckResult> shown(Evaluation evaluation) {
        return evaluation.decision().results().stream()
                .filter(r -> Severity.of(r) != Severity.NONE || r.status() == Status.SKIP)
                .toList();
    }

    /** "deny", "warn", "audit", "skip" (exempted) or "pass". */
    static String verdict(CheckResult result) {
        Severity severity = Severity.of(result);
        if (severity != Severity.NONE) {
            return severity.label();
        }
        return result.status() == Status.SKIP ? "skip" : "pass";
    }
}
