package io.rdbguard.cli;

import io.rdbguard.kube.Problem;
import java.util.List;

/** Everything one audit found: the evaluations, the input it could not judge, and notes about the input. */
public record AuditReport(List<Evaluation> evaluations, List<Problem> problems, List<String> notes, FailOn failOn) {

    /** Every judged workload had nothing at or above {@code --fail-on}, and all input was read. */
    public static final int CLEAN = 0;
    /** At least one result at or above {@code --fail-on}. */
    public static final int VIOLATIONS = 1;
    /** Some input could not be read or judged (also: bad flags, unreadable policy, unreachable cluster). */
    public static final int BAD_INPUT = 2;

    public AuditReport {
        evaluations = List.copyOf(evaluations);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    public int exitCode() {
        if (!problems.isEmpty()) {
            return BAD_INPUT;
        }
        return evaluations.stream().anyMatch(this::fails) ? VIOLATIONS : CLEAN;
    }

    public boolean fails(Evaluation evaluation) {
        return failOn.fails(evaluation.severity());
    }

    /** Workloads (not releases) with this severity. */
    public long count(Severity severity) {
        return workloads().stream().filter(e -> e.severity() == severity).count();
    }

    public List<Evaluation> workloads() {
        return evaluations.stream().filter(e -> !e.isRelease()).toList();
    }

    public List<Evaluation> releases() {
        return evaluations.stream().filter(Evaluation::isRelease).toList();
    }

    /**
     * "4 workloads audited: 1 would be denied, 1 with warnings, 0 audit-only, 2 clean; 1 bad input", for every format;
     * with release records, also how many of them the pre-flight would deny.
     */
    public String summary() {
        List<Evaluation> workloads = workloads();
        String summary = workloads.size() + (workloads.size() == 1 ? " workload" : " workloads") + " audited: "
                + count(Severity.DENY) + " would be denied, " + count(Severity.WARN) + " with warnings, "
                + count(Severity.AUDIT) + " audit-only, " + count(Severity.NONE) + " clean; ";
        List<Evaluation> releases = releases();
        if (!releases.isEmpty()) {
            long denied = releases.stream().filter(e -> !e.decision().allowed()).count();
            summary += releases.size() + (releases.size() == 1 ? " Helm release" : " Helm releases")
                    + " judged whole: " + denied + " would be denied; ";
        }
        return summary + problems.size() + " bad input" + (problems.size() == 1 ? "" : "s");
    }
}
