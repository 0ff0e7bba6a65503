package io.rdbguard.webhook;

import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.engine.Judge;
import io.rdbguard.core.engine.UserText;
import io.rdbguard.core.workload.Change;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The decision log (logger {@code io.rdbguard.decisions}): who, what, which checks. It logs ids and messages, never
 * object contents, so no Secret data or values can leak into logs. What a log pipeline filters on is a field of its
 * own (the MDC, which JSON logs write under {@code mdc}): {@value #FIELDS}; the message keeps the verdict, the
 * workload and each result for a person reading it.
 * <ul>
 * <li>A denial, and an allowed request that used an exemption (the audit trail of a policy exception): one INFO line
 * each.
 * <li>Allowed with findings (warnings, audit-mode findings): a DEBUG line each, and at most one INFO line per
 * {@code sampleInterval} that stands for all of them: it is the full line of one such decision, whose field
 * {@code suppressed} (and message) says how many more were allowed with findings since the previous INFO line. Every
 * such decision is also counted in the metrics, so the samples lose nothing a dashboard needs.
 * <li>Allowed without findings, and the pod's own warm-up reviews: DEBUG only.
 * </ul>
 * Every decision passes here on the event loop, so nothing is built (no fields, no text) unless the line is written.
 */
final class LoggingJudge implements Judge {

    private static final Logger LOG = Logger.getLogger("io.rdbguard.decisions");
    static final int MAX_LOGGED_RESULTS = 50;
    static final String FIELDS = "uid, source, kind, namespace, name, operation, user, dryRun, checks, verdict, suppressed";
    static final String DENIED = "denied";
    static final String EXEMPTED = "allowed by exemption";
    static final String WITH_FINDINGS = "allowed with findings";

    private final Judge delegate;
    private final String source;
    private final long sampleIntervalNanos;
    private final LongSupplier nanoClock;
    /** When the next sampled INFO line may be written (nanoClock time); the first decision with findings is logged. */
    private final AtomicLong nextSample;
    private final AtomicLong suppressed = new AtomicLong();

    LoggingJudge(Judge delegate, String source, Duration sampleInterval) {
        this(delegate, source, sampleInterval, System::nanoTime);
    }

    LoggingJudge(Judge delegate, String source, Duration sampleInterval, LongSupplier nanoClock) {
        this.delegate = delegate;
        this.source = source;
        this.sampleIntervalNanos = sampleInterval.toNanos();
        this.nanoClock = nanoClock;
        this.nextSample = new AtomicLong(nanoClock.getAsLong());
    }

    @Override
    public Decision judge(Change change) {
        Decision decision = delegate.judge(change);
        String verdict = verdict(decision);
        if (verdict == null || WarmUp.isWarmUp(change.id())) {
            if (LOG.isDebugEnabled()) {
                log(Logger.Level.DEBUG, change, decision, verdict == null ? "allowed" : verdict, 0);
            }
        } else if (!WITH_FINDINGS.equals(verdict)) {
            if (LOG.isInfoEnabled()) {
                log(Logger.Level.INFO, change, decision, verdict, 0);
            }
        } else if (LOG.isInfoEnabled() && takeSample()) {
            log(Logger.Level.INFO, change, decision, verdict, suppressed.getAndSet(0));
        } else {
            suppressed.incrementAndGet();
            if (LOG.isDebugEnabled()) {
                log(Logger.Level.DEBUG, change, decision, verdict, 0);
            }
        }
        return decision;
    }

    /** One loop over the results, no allocation: denied, exempted, with findings, or null for a plain allow. */
    private static String verdict(Decision decision) {
        if (!decision.allowed()) {
            return DENIED;
        }
        String verdict = null;
        for (CheckResult r : decision.results()) {
            if (r.exemption() != null) {
                return EXEMPTED;
            }
            if (r.warns() || r.audited()) {
                verdict = WITH_FINDINGS;
            }
        }
        return verdict;
    }

    /** True for the one caller per interval that may write the sampled line (a lost race counts as suppressed). */
    private boolean takeSample() {
        long now = nanoClock.getAsLong();
        long next = nextSample.get();
        return now - next >= 0 && nextSample.compareAndSet(next, now + sampleIntervalNanos);
    }

    private void log(Logger.Level level, Change change, Decision decision, String verdict, long suppressedBefore) {
        String[][] fields = {
                {"uid", change.id()},
                {"source", source},
                {"kind", change.workload().kind()},
                {"namespace", change.workload().namespace()},
                {"name", change.workload().name()},
                {"operation", change.operation().name()},
                {"user", change.requester().username()},
                {"dryRun", String.valueOf(change.dryRun())},
                {"checks", String.join(",", decision.violatedCheckIds())},
                {"verdict", verdict},
                {"suppressed", String.valueOf(suppressedBefore)},
        };
        for (String[] field : fields) {
            MDC.put(field[0], field[1]);
        }
        try {
            LOG.logf(level, "%s %s %s%s%s", verdict, change.operation(), change.workload().displayName(), details(decision),
                    suppressedBefore == 0 ? "" : " | " + suppressedBefore + " more " + WITH_FINDINGS
                            + " since the previous line of this kind (sampled: DEBUG shows each)");
        } finally {
            for (String[] field : fields) {
                MDC.remove(field[0]);
            }
        }
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
