package io.rdbguard.core.check;

/**
 * A finding after the engine applied the check's mode: what the decision, the warnings, the logs,
 * the metrics and the audit reports are made of.
 */
public record CheckResult(String checkId, Mode mode, Status status, String container, String message, String fix) {

    public static CheckResult of(String checkId, Mode mode, Finding finding) {
        Status status = finding.status();
        if (mode == Mode.WARN && status.isViolation()) {
            status = Status.WARN;
        }
        return new CheckResult(checkId, mode, status, finding.container(), finding.message(), finding.fix());
    }

    /** True when this result alone denies the request. */
    public boolean denies() {
        return mode == Mode.ENFORCE && status.isViolation();
    }

    /** True for an audit-mode violation or advice: allowed, logged and counted, shown only on dry-run. */
    public boolean audited() {
        return mode == Mode.AUDIT && (status.isViolation() || status == Status.WARN);
    }

    /** True when the user is shown this result as a warning on every request. */
    public boolean warns() {
        return mode != Mode.AUDIT && status == Status.WARN;
    }
}
