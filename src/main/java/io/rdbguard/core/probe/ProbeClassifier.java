package io.rdbguard.core.probe;

import io.rdbguard.core.probe.ShellSyntax.Piece;
import io.rdbguard.core.workload.Probe;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Grades a probe on the {@link Depth} scale. tcpSocket, gRPC and httpGet are graded by their kind (and the
 * HTTP path rules); exec probes by the exec rules, applied to the script the probe really runs.
 *
 * <p>How an exec script is read: a {@code sh -c} / {@code bash -ec} wrapper is unwrapped. A single statement is
 * split at its top-level {@code &&} / {@code ||}: an {@code &&} chain proves the strongest of its parts (all must
 * pass), an {@code ||} chain only the weakest (any one passing is enough). A script of several statements
 * (variables, {@code if … fi}) is graded as a whole by the first rule that applies to its text. A check of the
 * configuration marker lifts a serving script to configured when it must pass together with the serving proof.
 */
public final class ProbeClassifier {

    static final String UNKNOWN_EXPLANATION =
            "rdb-guard has no rule for \"%s\": it runs, but what it proves is unknown; add an exec rule to the probe rules file";

    /** Shell commands that succeed or fail whatever the server does. */
    private static final Pattern ALWAYS_PASSES = Pattern.compile("(?:true|:|/bin/true|exit\\s+0|echo(?:\\s.*)?)");
    private static final Pattern ALWAYS_FAILS = Pattern.compile("(?:false|/bin/false|exit\\s+[1-9][0-9]*)");

    private final ProbeRules rules;

    public ProbeClassifier(ProbeRules rules) {
        this.rules = rules;
    }

    public Classification classify(Probe probe) {
        Probe.Action action = probe.action();
        if (action instanceof Probe.TcpSocket) {
            return new Classification(Depth.PORT, "tcpSocket only proves the port is open", false);
        }
        if (action instanceof Probe.Grpc grpc) {
            return new Classification(Depth.PROTOCOL, grpcExplanation(grpc), false);
        }
        if (action instanceof Probe.HttpGet http) {
            return classifyHttp(http);
        }
        return classifyExec(((Probe.Exec) action).command());
    }

    /**
     * gRPC stays at protocol even with a service name: the name only selects which status the application reports,
     * and what SERVING means is the application's choice; no Redis-family server speaks gRPC health.
     */
    private static String grpcExplanation(Probe.Grpc grpc) {
        String service = grpc.service() == null || grpc.service().isEmpty() ? "" : " of service \"" + grpc.service() + "\"";
        return "a gRPC health check" + service + " proves the server answers; what SERVING means is up to the application";
    }

    private Classification classifyHttp(Probe.HttpGet http) {
        String path = http.path() == null || http.path().isEmpty() ? "/" : http.path().replaceFirst("[?#].*", "");
        for (HttpPathRule rule : rules.httpRules()) {
            if (rule.appliesTo(path)) {
                return new Classification(rule.depth(), rule.explanation(), false);
            }
        }
        return new Classification(Depth.PROTOCOL,
                "an HTTP answer on " + path + " proves the server responds, not that it is ready; readiness endpoints such as /readyz do", false);
    }

    private Classification classifyExec(List<String> command) {
        if (command.isEmpty()) {
            return new Classification(Depth.NONE, "the exec probe has no command", false);
        }
        Grade grade = ShellSyntax.wrappedScript(command)
                .map(this::gradeScript)
                .orElseGet(() -> gradeText(String.join(" ", command)));
        return grade.toClassification(rules.markerExplanation());
    }

    private Grade gradeScript(String script) {
        List<Piece> pieces = ShellSyntax.pieces(script);
        List<List<Piece>> statements = statements(pieces);
        if (statements.size() != 1) {
            return gradeText(pieces.stream().map(p -> p.text() + " " + p.operator()).collect(Collectors.joining("\n")).trim());
        }
        List<Piece> chain = statements.get(0);
        Grade grade = gradeUnit(chain.get(0).text());
        for (int i = 1; i < chain.size(); i++) {
            Grade next = gradeUnit(chain.get(i).text());
            grade = chain.get(i - 1).operator().equals("&&") ? grade.and(next) : grade.or(next);
        }
        return grade;
    }

    /** Pieces grouped into statements (separated by ";" or newlines), empty ones dropped. */
    private static List<List<Piece>> statements(List<Piece> pieces) {
        List<List<Piece>> statements = new ArrayList<>();
        List<Piece> current = new ArrayList<>();
        for (Piece piece : pieces) {
            current.add(piece);
            if (!piece.operator().equals("&&") && !piece.operator().equals("||")) {
                if (!(current.size() == 1 && piece.text().isEmpty())) {
                    statements.add(current);
                }
                current = new ArrayList<>();
            }
        }
        return statements;
    }

    /** One command or pipeline of an and-or chain; a ( subshell ) or { group } is graded as a script of its own. */
    private Grade gradeUnit(String text) {
        if (text.length() > 2 && (text.startsWith("(") && text.endsWith(")") || text.startsWith("{") && text.endsWith("}"))) {
            return gradeScript(text.substring(1, text.length() - 1));
        }
        if (ALWAYS_FAILS.matcher(text).matches()) {
            return Grade.NEVER_PASSES;
        }
        if (ALWAYS_PASSES.matcher(text).matches()) {
            return new Grade(Depth.NONE, "\"" + text + "\" always succeeds, so the probe proves nothing", false, false, false);
        }
        return gradeText(text);
    }

    private Grade gradeText(String text) {
        boolean marker = rules.checksMarker(text);
        boolean otherHost = rules.talksToOtherPod(text);
        for (ExecRule rule : rules.execRules()) {
            if (rule.appliesTo(text)) {
                return new Grade(rule.depth(), rule.explanation(), rule.dependsOnOtherPod() || otherHost, marker, false);
            }
        }
        String shown = text.length() > 40 ? text.substring(0, 39) + "…" : text;
        return new Grade(Depth.PROTOCOL, UNKNOWN_EXPLANATION.formatted(shown), otherHost, marker, false);
    }

    /** A grade while reading a script: besides the depth, whether the marker is checked and whether it can pass at all. */
    private record Grade(Depth depth, String explanation, boolean otherPod, boolean marker, boolean neverPasses) {

        static final Grade NEVER_PASSES = new Grade(Depth.NONE, "the command always fails, so the probe never passes", false, false, true);

        /** Both must pass: the stronger proof counts; a marker or another pod on either side counts. */
        Grade and(Grade next) {
            if (neverPasses || next.neverPasses) {
                return NEVER_PASSES;
            }
            Grade stronger = next.depth.isAbove(depth) ? next : this;
            return new Grade(stronger.depth, stronger.explanation, otherPod || next.otherPod, marker || next.marker, false);
        }

        /** Either may pass: only the weaker proof counts, and only what both sides check. */
        Grade or(Grade next) {
            if (neverPasses || next.neverPasses) {
                return neverPasses ? next : this;
            }
            Grade weaker = next.depth.isBelow(depth) ? next : this;
            String explanation = depth == next.depth ? weaker.explanation : "an || alternative passes on less: " + weaker.explanation;
            return new Grade(weaker.depth, explanation, otherPod && next.otherPod, marker && next.marker, false);
        }

        Classification toClassification(String markerExplanation) {
            if (marker && !depth.isBelow(Depth.SERVING)) {
                return new Classification(Depth.CONFIGURED, markerExplanation, otherPod);
            }
            return new Classification(depth, explanation, otherPod);
        }
    }
}
