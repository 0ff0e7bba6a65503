package io.rdbguard.core.engine;

import io.rdbguard.core.annotation.AnnotationTime;
import io.rdbguard.core.check.Check;
import io.rdbguard.core.check.CheckDescriptor;
import io.rdbguard.core.check.DescribedCheck;
import io.rdbguard.core.check.Finding;
import io.rdbguard.core.check.Mode;
import io.rdbguard.core.exemption.Exemptions;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.HelmCharts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Runs every check that is not off, applies its mode and the workload's exemption. Shared by the webhook and the
 * audit CLI, so both reach the same verdict for the same change.
 */
public final class Engine implements Judge {

    private final List<DescribedCheck> checks;
    private final Policy policy;
    private final Exemptions exemptions;
    private final HelmCharts charts;

    /** An engine whose denials know no Helm chart's values (tests, and anything without the chart knowledge). */
    public Engine(List<DescribedCheck> checks, Policy policy, Clock clock) {
        this(checks, policy, clock, HelmCharts.NONE);
    }

    /** {@code charts}: the Helm charts whose commonAnnotations a denial may suggest. */
    public Engine(List<DescribedCheck> checks, Policy policy, Clock clock, HelmCharts charts) {
        this.charts = charts;
        Set<String> ids = checks.stream().map(check -> check.descriptor().id()).collect(Collectors.toCollection(TreeSet::new));
        this.checks = List.copyOf(checks);
        this.policy = policy;
        this.exemptions = new Exemptions(policy.exemptions(), new AnnotationTime(clock), ids);
    }

    @Override
    public Decision judge(Change change) {
        Exemptions.Reading exemption = exemptions.read(change);
        List<CheckResult> results = new ArrayList<>();
        for (Finding problem : exemption.problems()) {
            results.add(CheckResult.of(Exemptions.CHECK_ID, Mode.ENFORCE, problem));
        }
        for (DescribedCheck described : checks) {
            CheckDescriptor descriptor = described.descriptor();
            Mode mode = policy.mode(descriptor);
            if (mode == Mode.OFF) {
                continue;
            }
            for (Finding finding : evaluateSafely(described.check(), change)) {
                results.add(CheckResult.of(descriptor.id(), mode, finding).exemptedBy(exemption.exemption()));
            }
        }
        return Decision.of(change, results, charts);
    }

    /** A bug in one check must not turn into a 500: it becomes that check's error, subject to its mode. */
    private static List<Finding> evaluateSafely(Check check, Change change) {
        try {
            return check.evaluate(change);
        } catch (RuntimeException e) {
            return List.of(Finding.error(null,
                    "rdb-guard could not evaluate this check (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                    "report this as an rdb-guard bug; meanwhile set the check's mode to warn to let the change through"));
        }
    }
}
