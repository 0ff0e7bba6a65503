package io.rdbguard.core.engine;

import io.rdbguard.core.annotation.KubectlAnnotate;
import io.rdbguard.core.check.Status;
import io.rdbguard.core.exemption.Exemptions;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.HelmCharts;
import io.rdbguard.core.workload.HelmRelease;
import io.rdbguard.core.workload.ReleaseChange;
import io.rdbguard.core.workload.Subject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The verdict on one subject: a workload change (its check results), or a Helm release (its own results, such as a
 * workload that could not be looked up, and one decision per workload in it). The texts users read are made here,
 * once, for the webhook and the CLI alike.
 */
public record Decision(Subject subject, List<CheckResult> results, List<Decision> parts, HelmCharts charts) {

    /** The length the admission API asks warnings to keep to "if possible"; {@link WarningLine} says when they may not. */
    public static final int WARNING_LENGTH = 120;
    /** A handful of warnings is read; a wall of them is not. */
    public static final int MAX_WARNINGS = 8;
    /** Violation lines in a denial message; the rest are counted, so the message stays readable and bounded. */
    public static final int MAX_VIOLATION_LINES = 20;
    /** One violation line; a message built from crafted values cannot grow without end. */
    public static final int MAX_LINE_LENGTH = 2000;

    public Decision {
        results = List.copyOf(results);
        parts = List.copyOf(parts);
    }

    /** The decision on one workload change; {@code charts} says which Helm charts a denial may point to. */
    public static Decision of(Change change, List<CheckResult> results, HelmCharts charts) {
        return new Decision(change, results, List.of(), charts);
    }

    /** The decision on a Helm release: its own results and the decision on each workload in it (made by one engine). */
    public static Decision ofRelease(ReleaseChange release, List<CheckResult> results, List<Decision> parts) {
        return new Decision(release, results, parts, parts.isEmpty() ? HelmCharts.NONE : parts.get(0).charts());
    }

    /** The workload change this decision judged; a release decision has one per part. */
    public Change change() {
        if (subject instanceof Change change) {
            return change;
        }
        throw new IllegalStateException(subject.displayName() + " is a release; its workload changes are its parts");
    }

    public boolean allowed() {
        return results.stream().noneMatch(CheckResult::denies) && parts.stream().allMatch(Decision::allowed);
    }

    public List<CheckResult> denials() {
        return results.stream().filter(CheckResult::denies).toList();
    }

    /** Ids of checks with a violation or advice in any mode, here and in the parts, for logs and metrics. */
    public Set<String> violatedCheckIds() {
        Set<String> ids = new TreeSet<>();
        results.stream().filter(r -> r.status().isViolation() || r.status() == Status.WARN)
                .forEach(r -> ids.add(r.checkId()));
        parts.forEach(part -> ids.addAll(part.violatedCheckIds()));
        return ids;
    }

    /** The message of a denial: every violation with its check id, container and fix; per workload for a release. */
    public String denialMessage() {
        List<String> lines = new ArrayList<>();
        String headline;
        if (subject instanceof ReleaseChange) {
            List<Decision> denied = parts.stream().filter(part -> !part.allowed()).toList();
            List<String> counts = new ArrayList<>();
            if (!denied.isEmpty()) {
                counts.add(denied.size() + (denied.size() == 1 ? " workload violates" : " workloads violate") + " the policy");
            }
            if (!denials().isEmpty()) {
                counts.add(denials().size() + (denials().size() == 1 ? " problem" : " problems") + " with the release");
            }
            headline = "rdb-guard denied " + subject.displayName() + " before Helm changed anything: " + String.join(", ", counts);
            denials().forEach(denial -> lines.add(violationLine(denial)));
            for (Decision part : denied) {
                lines.add("== " + UserText.oneLine(part.subject().displayName()));
                part.denials().forEach(denial -> lines.add(violationLine(denial)));
            }
        } else {
            int count = denials().size();
            headline = "rdb-guard denied " + subject.displayName() + ": " + count + (count == 1 ? " violation" : " violations");
            denials().forEach(denial -> lines.add(violationLine(denial)));
        }
        StringBuilder text = new StringBuilder(UserText.oneLine(headline, MAX_LINE_LENGTH));
        lines.stream().limit(MAX_VIOLATION_LINES).forEach(line -> text.append('\n').append(line));
        if (lines.size() > MAX_VIOLATION_LINES) {
            text.append("\n- … and ").append(lines.size() - MAX_VIOLATION_LINES)
                    .append(" more lines; rdb-guard's log and `rdb-guard audit` list them all");
        }
        List<CheckResult> workloadDenials = subject instanceof Change ? denials()
                : parts.stream().flatMap(part -> part.denials().stream()).toList();
        // Only an annotation can be set through a chart: a probe is fixed in the chart's values of its own.
        if (workloadDenials.stream().anyMatch(Decision::annotationResolves)) {
            subject.helmRelease().ifPresent(release -> text.append('\n').append(helmHint(release)));
        }
        return text.toString();
    }

    /** A denial an annotation resolves: a format check that asks for one, or a problem with the exemption annotations. */
    private static boolean annotationResolves(CheckResult denial) {
        return denial.checkId().equals(Exemptions.CHECK_ID) || KubectlAnnotate.isIn(denial.fix());
    }

    /** "container NAME: message Fix: fix", one clean line: how a result reads everywhere (denials, reports). */
    public static String text(CheckResult result) {
        String fix = result.fix().isEmpty() ? "" : " Fix: " + result.fix();
        return UserText.oneLine(where(result) + result.message() + fix, MAX_LINE_LENGTH);
    }

    private static String violationLine(CheckResult denial) {
        return "- [" + denial.checkId() + "] " + text(denial);
    }

    private static String where(CheckResult result) {
        return result.container() == null ? "" : "container " + result.container() + ": ";
    }

    /**
     * A Helm user changes the workload through the chart, so say how annotations get there: through commonAnnotations
     * only for a chart known to render them onto the workload, else on the live object, which Helm leaves alone.
     */
    private String helmHint(HelmRelease release) {
        String owner = "It belongs to Helm release " + release.name() + " in " + release.namespace()
                + (release.chart() == null ? "" : " (chart " + release.chart() + ")");
        String how = charts.setsCommonAnnotations(release)
                ? ": set the rdb-guard.io/* annotations through the chart's commonAnnotations (helm upgrade ... --set-string"
                        + " 'commonAnnotations.rdb-guard\\.io/backup=...'), or annotate the live object first (kubectl"
                        + " annotate); Helm keeps annotations its chart does not set."
                : ": annotate the live object (kubectl annotate) before the upgrade; Helm keeps annotations its chart does"
                        + " not set.";
        return UserText.oneLine(owner + how, MAX_LINE_LENGTH);
    }

    /**
     * Warnings for the user, here and in the parts: honoured exemptions first (one per check), warn-mode results and
     * advice, audit-mode violations on dry-run requests (the user asked what would happen). Results a change did not
     * cause (repeated) are summarised, one warning per check and workload. One clean line each, shortened by
     * {@link WarningLine}, without duplicates, at most {@value #MAX_WARNINGS}.
     */
    public List<String> warnings() {
        List<String> distinct = Stream.concat(Stream.of(this), parts.stream())
                .flatMap(decision -> decision.ownWarnings().stream())
                .distinct().toList();
        if (distinct.size() <= MAX_WARNINGS) {
            return distinct;
        }
        List<String> shown = new ArrayList<>(distinct.subList(0, MAX_WARNINGS - 1));
        shown.add("rdb-guard: " + (distinct.size() - shown.size())
                + " more warnings not shown; the rdb-guard log has them all");
        return shown;
    }

    private List<String> ownWarnings() {
        List<String> lines = new ArrayList<>();
        for (CheckResult result : results) {
            if (result.exemption() != null) {
                lines.add(WarningLine.of("", "", "rdb-guard.io/exempt honoured for " + result.checkId() + " until "
                        + result.exemption().until() + ": " + result.exemption().reason(), ""));
            }
        }
        Map<String, List<CheckResult>> repeated = new LinkedHashMap<>();
        for (CheckResult result : results) {
            if (!result.warns() && !(subject.dryRun() && result.audited())) {
                continue;
            }
            if (result.repeated()) {
                repeated.computeIfAbsent(result.checkId(), id -> new ArrayList<>()).add(result);
            } else {
                lines.add(line(result));
            }
        }
        repeated.values().forEach(same -> lines.add(same.size() == 1 ? line(same.get(0)) : summary(same)));
        return lines;
    }

    private static String line(CheckResult result) {
        return WarningLine.of(source(result), "[" + result.checkId() + "] " + where(result), result.message(), result.fix());
    }

    private static String source(CheckResult result) {
        return result.audited() ? "rdb-guard audit" : "rdb-guard";
    }

    /** Findings that come back on every change of a stock chart: said once, so they do not crowd out the new ones. */
    private String summary(List<CheckResult> same) {
        CheckResult first = same.get(0);
        Set<String> containers = new TreeSet<>();
        same.stream().map(CheckResult::container).filter(Objects::nonNull).forEach(containers::add);
        boolean metadataOnly = subject instanceof Change change && change.podTemplateUnchanged();
        String message = same.size() + " findings" + (metadataOnly ? ", none enforced as the pod template is unchanged"
                : " not caused by this change") + "; rdb-guard audit lists them"
                + (containers.isEmpty() ? "" : ": " + (containers.size() == 1 ? "container " : "containers ")
                        + String.join(", ", containers));
        return WarningLine.of(source(first), "[" + first.checkId() + "]", message, "");
    }
}
