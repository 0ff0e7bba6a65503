package io.rdbguard.core.engine;

import io.rdbguard.core.check.Finding;
import io.rdbguard.core.check.Mode;
import io.rdbguard.core.check.Status;
import io.rdbguard.core.exemption.Exemption;

/**
 * A finding after the engine applied the check's mode and any exemption: what the decision, the warnings, the logs,
 * the metrics and the audit reports are made of. {@code exemption} is the provenance of a SKIP, else null;
 * {@code repeated} as in {@link Finding}.
 */
public record CheckResult(String checkId, Mode mode, Status status, String container, String message, String fix,
                          Exemption exemption, boolean repeated) {

    public static CheckResult of(String checkId, Mode mode, Finding finding) {
        Status status = finding.status();
        if (mode == Mode.WARN && status.isViolation()) {
            status = Status.WARN;
        }
        return new CheckResult(checkId, mode, status, finding.container(), finding.message(), finding.fix(), null,
                finding.repeated());
    }

    /** This result skipped by an exemption, if the result is something to exempt and the exemption covers it. */
    public CheckResult exemptedBy(Exemption exemption) {
        boolean exemptable = status.isViolation() || status == Status.WARN;
        if (exemption == null || !exemptable || !exemption.covers(checkId, container)) {
            return this;
        }
        return new CheckResult(checkId, mode, Status.SKIP, container, message, fix, exemption, repeated);
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
