package io.rdbguard.cli;

import io.rdbguard.core.check.CheckResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The human report: one row per finding (or one "ok" row per clean workload), then notes, bad input and a summary. */
final class TableReport {

    private static final String RESET = "\u001b[0m";
    private static final Map<String, String> COLOURS = Map.of(
            "deny", "\u001b[1;31m", "warn", "\u001b[33m", "audit", "\u001b[36m", "skip", "\u001b[2m", "ok", "\u001b[32m");
    private static final List<String> HEADER = List.of("RESULT", "WORKLOAD", "OPERATION", "CHECK", "SOURCE", "FINDING");

    private final boolean colour;

    TableReport(boolean colour) {
        this.colour = colour;
    }

    void write(AuditReport report, PrintWriter out) {
        List<List<String>> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Evaluation evaluation : report.evaluations()) {
            String workload = evaluation.decision().change().workload().displayName();
            String operation = evaluation.decision().change().operation().name();
            String source = evaluation.location().describe()
                    + (evaluation.previous() == null ? "" : " ← " + evaluation.previous().describe());
            List<CheckResult> shown = Results.shown(evaluation);
            if (shown.isEmpty()) {
                rows.add(List.of("ok", workload, operation, "", source, ""));
            }
            for (CheckResult result : shown) {
                rows.add(List.of(Results.verdict(result), workload, operation, result.checkId(), source, Results.text(result)));
            }
            evaluation.notes().forEach(note -> notes.add(workload + ": " + note));
        }
        if (!rows.isEmpty()) {
            table(rows, out);
        }
        notes.addAll(report.notes());
        section("Notes", notes, out);
        section("Bad input (not audited)", report.problems().stream().map(Problem::describe).toList(), out);
        out.println();
        out.println(report.summary() + ". Exit " + report.exitCode() + " (--fail-on " + report.failOn().name().toLowerCase(java.util.Locale.ROOT) + ").");
    }

    private void table(List<List<String>> rows, PrintWriter out) {
        int[] widths = new int[HEADER.size()];
        for (List<String> row : concat(HEADER, rows)) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : concat(HEADER, rows)) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i]) + "  ";
                line.append(i == 0 && row != HEADER ? paint(row.get(0), cell) : cell);
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }

    private String paint(String verdict, String cell) {
        String code = COLOURS.get(verdict);
        return colour && code != null ? code + cell + RESET : cell;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
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
