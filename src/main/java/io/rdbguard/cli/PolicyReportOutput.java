package io.rdbguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.rdbguard.core.check.Mode;
import io.rdbguard.core.check.Status;
import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.kube.Problem;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code --output policyreport}: wgpolicyk8s.io/v1alpha2 reports, the format policy engines (Kyverno, Kubewarden) write
 * and dashboards (Policy Reporter) read: a PolicyReport per namespace with a result per check result (policy
 * {@value #POLICY}, rule = the check id), and a ClusterPolicyReport for input that could not be judged. The documents
 * form one YAML stream that {@code kubectl apply -f -} accepts.
 */
final class PolicyReportOutput {

    static final String API_VERSION = "wgpolicyk8s.io/v1alpha2";
    static final String POLICY = "rdb-guard";
    static final String NAME = "rdb-guard-audit";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final List<String> RESULTS = List.of("pass", "fail", "warn", "error", "skip");

    private PolicyReportOutput() {
    }

    static void write(AuditReport report, PrintWriter out, Instant now) {
        Map<String, ObjectNode> byNamespace = new TreeMap<>();
        for (Evaluation evaluation : report.evaluations()) {
            ObjectNode policyReport = byNamespace.computeIfAbsent(evaluation.namespace(),
                    namespace -> newReport("PolicyReport", namespace));
            for (CheckResult result : evaluation.decision().results()) {
                ObjectNode node = result(policyReport, result.checkId(), outcome(result), severity(result.mode()),
                        Decision.text(result), now);
                if (!evaluation.isRelease()) {
                    node.putArray("resources").addObject().put("apiVersion", "apps/v1").put("kind", evaluation.kind())
                            .put("namespace", evaluation.namespace()).put("name", evaluation.objectName());
                }
                ObjectNode properties = node.putObject("properties");
                if (evaluation.isRelease()) {
                    properties.put("helmRelease", evaluation.objectName());
                }
                properties.put("mode", result.mode().label()).put("operation", evaluation.operation())
                        .put("source", evaluation.locationOf(result).describe());
                if (result.container() != null) {
                    properties.put("container", result.container());
                }
            }
        }
        ObjectNode cluster = newReport("ClusterPolicyReport", null);
        for (Problem problem : report.problems()) {
            result(cluster, SarifReport.BAD_INPUT, "error", "high", problem.describe(), now);
        }
        StringBuilder yaml = new StringBuilder();
        try {
            for (ObjectNode policyReport : byNamespace.values()) {
                yaml.append("---\n").append(YAML.writeValueAsString(policyReport));
            }
            if (!report.problems().isEmpty()) {
                yaml.append("---\n").append(YAML.writeValueAsString(cluster));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.print(yaml);
    }

    private static ObjectNode newReport(String kind, String namespace) {
        ObjectNode report = YAML.createObjectNode().put("apiVersion", API_VERSION).put("kind", kind);
        ObjectNode metadata = report.putObject("metadata").put("name", NAME);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        metadata.putObject("labels").put("app.kubernetes.io/managed-by", POLICY);
        ObjectNode summary = report.putObject("summary");
        RESULTS.forEach(result -> summary.put(result, 0));
        report.putArray("results");
        return report;
    }

    private static ObjectNode result(ObjectNode report, String rule, String outcome, String severity, String message,
                                     Instant now) {
        ObjectNode summary = (ObjectNode) report.get("summary");
        summary.put(outcome, summary.get(outcome).asInt() + 1);
        ObjectNode node = ((ArrayNode) report.get("results")).addObject();
        node.put("policy", POLICY).put("rule", rule).put("result", outcome).put("severity", severity)
                .put("source", POLICY).put("message", message).put("scored", true);
        node.putObject("timestamp").put("seconds", now.getEpochSecond()).put("nanos", 0);
        return node;
    }

    /** pass, fail (a violation in enforce or audit mode), warn, error (a check that could not decide), skip (exempted). */
    private static String outcome(CheckResult result) {
        if (result.status() == Status.SKIP) {
            return "skip";
        }
        if (result.status() == Status.ERROR) {
            return "error";
        }
        if (result.status() == Status.WARN) {
            return "warn";
        }
        return result.status().isViolation() ? "fail" : "pass";
    }

    /** How much the mode says the check matters: enforce high, warn medium, audit and off low. */
    private static String severity(Mode mode) {
        return switch (mode) {
            case ENFORCE -> "high";
            case WARN -> "medium";
            case AUDIT, OFF -> "low";
        };
    }
}
