package io.rdbguard.cli;

import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.kube.Problem;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The human report: per workload a line with its verdict, operation and source, then one row per finding (result,
 * check, text with the fix); then notes, bad input and a summary with the exit code.
 */
final class TableReport {

    private static final String RESET = "\u001b[0m";
    private static final Map<String, String> COLOURS = Map.of(
            "deny", "\u001b[1;31m", "warn", "\u001b[33m", "audit", "\u001b[36m", "skip", "\u001b[2m", "ok", "\u001b[32m");
    private static final int VERDICT_WIDTH = 5;

    private final boolean colour;

    TableReport(boolean colour) {
        this.colour = colour;
    }

    void write(AuditReport report, PrintWriter out) {
        int checkWidth = report.evaluations().stream().flatMap(e -> Results.shown(e).stream())
                .mapToInt(r -> r.checkId().length()).max().orElse(0);
        List<String> notes = new ArrayList<>();
        for (Evaluation evaluation : report.evaluations()) {
            String source = evaluation.location().describe()
                    + (evaluation.previous() == null ? "" : " ← " + evaluation.previous().describe());
            String verdict = evaluation.severity() == Severity.NONE ? "ok" : evaluation.severity().label();
            out.println(paint(verdict, pad(verdict, VERDICT_WIDTH)) + "  " + evaluation.name() + "  "
                    + evaluation.operation() + "  " + source);
            for (CheckResult result : Results.shown(evaluation)) {
                String resultVerdict = Results.verdict(result);
                out.println("  " + paint(resultVerdict, pad(resultVerdict, VERDICT_WIDTH)) + "  "
                        + pad(result.checkId(), checkWidth) + "  " + Decision.text(result));
            }
            evaluation.notes().forEach(note -> notes.add(evaluation.name() + ": " + note));
        }
        notes.addAll(report.notes());
        section("Notes", notes, out);
        section("Bad input (not audited)", report.problems().stream().map(Problem::describe).toList(), out);
        out.println();
        out.println(report.summary() + ". Exit " + report.exitCode()
                + " (--fail-on " + report.failOn().name().toLowerCase(Locale.ROOT) + ").");
    }

    private String paint(String verdict, String text) {
        String code = COLOURS.get(verdict);
        return colour && code != null ? code + text + RESET : text;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static void section(String title, List<String> lines, PrintWriter out) {
        if (lines.isEmpty()) {
            return;
        }
        out.println();
        out.println(title + ":");
        lines.forEach(line -> out.println("  " + line));
    }
}
