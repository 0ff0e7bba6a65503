package io.rdbguard.webhook;

import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.engine.Judge;
import io.rdbguard.core.engine.UserText;
import io.rdbguard.core.workload.Change;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One log line per decision that denies, warns or audits: who, what, which checks. It logs ids and messages,
 * never object contents, so no Secret data or values can leak into logs. What a log pipeline filters on is a field of
 * its own (the MDC, which JSON logs write under {@code mdc}): {@value #FIELDS}; the message keeps the verdict, the
 * workload and each result for a person reading it.
 */
final class LoggingJudge implements Judge {

    private static final Logger LOG = Logger.getLogger("io.rdbguard.decisions");
    static final int MAX_LOGGED_RESULTS = 50;
    static final String FIELDS = "uid, source, kind, namespace, name, operation, user, dryRun, checks, verdict";

    private final Judge delegate;
    private final String source;

    LoggingJudge(Judge delegate, String source) {
        this.delegate = delegate;
        this.source = source;
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
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("uid", change.id());
        fields.put("source", source);
        fields.put("kind", change.workload().kind());
        fields.put("namespace", change.workload().namespace());
        fields.put("name", change.workload().name());
        fields.put("operation", change.operation().name());
        fields.put("user", change.requester().username());
        fields.put("dryRun", String.valueOf(change.dryRun()));
        fields.put("checks", String.join(",", decision.violatedCheckIds()));
        fields.put("verdict", verdict);
        fields.forEach(MDC::put);
        try {
            LOG.infof("%s %s %s%s", verdict, change.operation(), change.workload().displayName(), details(decision));
        } finally {
            fields.keySet().forEach(MDC::remove);
        }
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
