package io.rdbguard.cli;

import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.kube.Location;
import io.rdbguard.kube.Problem;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code --output github}: GitHub Actions workflow commands, which the runner turns into annotations on the pull
 * request's files: {@code ::error file=new.yaml,line=423,col=18,title=rdb-one-way: StatefulSet shop/cache::message}.
 * A denial is an error, a warning a warning, an audit-mode finding a notice; bad input is an error at its place.
 * Escaping follows the runner (actions/toolkit command.ts): data escapes % CR LF, property values also : and ,.
 */
final class GithubReport {

    private GithubReport() {
    }

    static void write(AuditReport report, PrintWriter out) {
        for (Evaluation evaluation : report.evaluations()) {
            for (CheckResult result : Results.shown(evaluation)) {
                String command = switch (Severity.of(result)) {
                    case DENY -> "error";
                    case WARN -> "warning";
                    case AUDIT -> "notice";
                    case NONE -> null; // an exemption: allowed, and said so in the summary line only
                };
                if (command != null) {
                    out.println(command(command, evaluation.locationOf(result),
                            result.checkId() + ": " + evaluation.name(), Decision.text(result)));
                }
            }
        }
        for (Problem problem : report.problems()) {
            out.println(command("error", problem.location(), "bad input", problem.message()));
        }
        out.println(report.summary() + ". Exit " + report.exitCode() + ".");
    }

    static String command(String command, Location location, String title, String message) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("file", location.source());
        if (location.inFile()) {
            properties.put("line", String.valueOf(Math.max(location.line(), 1)));
            if (location.column() > 0) {
                properties.put("col", String.valueOf(location.column()));
            }
        }
        properties.put("title", title);
        return "::" + command + " " + properties.entrySet().stream()
                .map(e -> e.getKey() + "=" + escapeProperty(e.getValue())).collect(Collectors.joining(","))
                + "::" + escapeData(message);
    }

    static String escapeData(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String escapeProperty(String text) {
        return escapeData(text).replace(":", "%3A").replace(",", "%2C");
    }
}
