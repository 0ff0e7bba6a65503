package io.rdbguard.webhook;

import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.engine.Judge;
import io.rdbguard.core.engine.UserText;
import io.rdbguard.core.workload.Change;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * One log line per decision that denies, warns or audits: who, what, which checks. It logs ids and messages,
 * never object contents, so no Secret data or values can leak into logs.
 */
final class LoggingJudge implements Judge {

    private static final Logger LOG = Logger.getLogger("io.rdbguard.decisions");
    static final int MAX_LOGGED_RESULTS = 50;

    private final Judge delegate;

    LoggingJudge(Judge delegate) {
        this.delegate = delegate;
    }

    @Override
    public Decision judge(Change change) {
        Decision decision = delegate.judge(change);
        String verdict = !decision.allowed() ? "denied"
                : decision.results().stream().anyMatch(r -> r.exemption() != null) ? "allowed by exemption"
                : decision.results().stream().anyMatch(r -> r.warns() || r.audited()) ? "allowed with findings" : null;
        if (verdict == null) {
            LOG.debugf("allowed uid=%s %s %s", change.id(), change.operation(), change.workload().displayName());
            return decision;
        }
        LOG.infof("%s uid=%s %s %s user=%s dryRun=%s checks=%s%s", verdict, change.id(), change.operation(),
                change.workload().displayName(), change.requester().username(), change.dryRun(),
                decision.violatedCheckIds(), details(decision));
        return decision;
    }

    /** Every result that matters, up to a bound: one crafted workload must not write megabytes into the log. */
    private static String details(Decision decision) {
        List<CheckResult> shown = decision.results().stream()
                .filter(r -> r.denies() || r.warns() || r.audited() || r.exemption() != null)
                .toList();
        String details = shown.stream().limit(MAX_LOGGED_RESULTS).map(LoggingJudge::detail).collect(Collectors.joining());
        return shown.size() <= MAX_LOGGED_RESULTS ? details
                : details + " | … and " + (shown.size() - MAX_LOGGED_RESULTS) + " more results";
    }

    private static String detail(CheckResult r) {
        String exempted = r.exemption() == null ? "" : " (exempt until " + r.exemption().until() + ", granted by "
                + (r.exemption().grantedBy() == null ? "an earlier request" : r.exemption().grantedBy())
                + ": " + r.exemption().reason() + ")";
        return " | " + UserText.oneLine(r.mode().label() + " " + r.status().label() + " [" + r.checkId() + "]"
                + (r.container() == null ? "" : " " + r.container()) + ": " + r.message() + exempted, Decision.MAX_LINE_LENGTH);
    }
}
