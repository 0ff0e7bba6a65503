package io.rdbguard.core.engine;

import io.rdbguard.core.check.Status;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.HelmRelease;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The verdict on one change, built from every check result. The texts users read are made here, once,
 * for the webhook and the CLI alike.
 */
public record Decision(Change change, List<CheckResult> results) {

    /** kube-apiserver shows each warning on one line; longer ones are hard to read in a terminal. */
    public static final int WARNING_LENGTH = 120;
    /** A handful of warnings is read; a wall of them is not. */
    public static final int MAX_WARNINGS = 8;

    public Decision {
        results = List.copyOf(results);
    }

    public boolean allowed() {
        return results.stream().noneMatch(CheckResult::denies);
    }

    public List<CheckResult> denials() {
        return results.stream().filter(CheckResult::denies).toList();
    }

    /** Ids of checks with a violation in any mode, for logs and metrics. */
    public Set<String> violatedCheckIds() {
        Set<String> ids = new TreeSet<>();
        results.stream().filter(r -> r.status().isViolation() || r.status() == Status.WARN)
                .forEach(r -> ids.add(r.checkId()));
        return ids;
    }

    /** The message of a denial: every violation with its check id, container and fix. */
    public String denialMessage() {
        List<CheckResult> denials = denials();
        StringBuilder text = new StringBuilder("rdb-guard denied ")
                .append(change.workload().displayName()).append(": ")
                .append(denials.size()).append(denials.size() == 1 ? " violation" : " violations");
        for (String line : violationLines()) {
            text.append("\n").append(line);
        }
        change.workload().helmRelease().ifPresent(release -> text.append("\n").append(helmHint(release)));
        return text.toString();
    }

    /** One "- [check] container NAME: message Fix: fix" line per denial. */
    public List<String> violationLines() {
        return denials().stream()
                .map(denial -> "- " + describe(denial) + (denial.fix().isEmpty() ? "" : " Fix: " + denial.fix()))
                .toList();
    }

    /** A Helm user changes the workload through the chart, so say how annotations get there. */
    public static String helmHint(HelmRelease release) {
        return "It belongs to Helm release " + release.name() + " in " + release.namespace()
                + (release.chart() == null ? "" : " (chart " + release.chart() + ")")
                + ": set rdb-guard.io/* annotations through the chart's values (e.g. commonAnnotations or podAnnotations:"
                + " helm upgrade ... --set-string 'commonAnnotations.rdb-guard\\.io/backup=...'), or kubectl annotate the"
                + " live object first; Helm keeps annotations its chart does not set.";
    }

    /**
     * Warnings for the user: honoured exemptions first (one per check), warn-mode results and advice, audit-mode violations on dry-run requests (the user asked
     * what would happen). One line each, without control characters, which kube-apiserver would drop.
     */
    public List<String> warnings() {
        List<String> lines = new ArrayList<>();
        for (CheckResult result : results) {
            if (result.exemption() != null) {
                lines.add(oneLine("rdb-guard.io/exempt honoured for " + result.checkId() + " until "
                        + result.exemption().until() + ": " + result.exemption().reason()));
            }
        }
        for (CheckResult result : results) {
            if (result.warns()) {
                lines.add(oneLine("rdb-guard " + describe(result)));
            } else if (change.dryRun() && result.audited()) {
                lines.add(oneLine("rdb-guard audit " + describe(result)));
            }
        }
        List<String> distinct = lines.stream().distinct().toList();
        if (distinct.size() <= MAX_WARNINGS) {
            return distinct;
        }
        List<String> shown = new ArrayList<>(distinct.subList(0, MAX_WARNINGS - 1));
        shown.add("rdb-guard: " + (distinct.size() - shown.size())
                + " more warnings not shown; the rdb-guard log has them all");
        return shown;
    }

    private static String describe(CheckResult result) {
        String where = result.container() == null ? "" : " container " + result.container() + ":";
        return "[" + result.checkId() + "]" + where + " " + result.message();
    }

    private static String oneLine(String text) {
        String flat = text.replaceAll("\\p{Cntrl}+", " ").trim();
        return flat.length() <= WARNING_LENGTH ? flat : flat.substring(0, WARNING_LENGTH - 1) + "…";
    }
}
