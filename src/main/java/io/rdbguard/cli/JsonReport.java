package io.rdbguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.kube.Location;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code --output json}: every evaluation with all its results (passes included), the denial message and warnings exactly
 * as the webhook would return them (for a Helm release record, the pre-flight's answer, under {@code releases}), bad
 * input, notes and the exit code.
 */
final class JsonReport {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static void write(AuditReport report, PrintWriter out) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode summary = root.putObject("summary");
        summary.put("workloads", report.workloads().size());
        summary.put("releases", report.releases().size());
        for (Severity severity : Severity.values()) {
            summary.put(severity == Severity.NONE ? "clean" : severity.label(), report.count(severity));
        }
        summary.put("badInput", report.problems().size());
        summary.put("failOn", report.failOn().name().toLowerCase(Locale.ROOT));
        summary.put("exitCode", report.exitCode());
        ArrayNode workloads = root.putArray("workloads");
        ArrayNode releases = root.putArray("releases");
        for (Evaluation evaluation : report.evaluations()) {
            ObjectNode node = (evaluation.isRelease() ? releases : workloads).addObject();
            node.put("kind", evaluation.kind()).put("namespace", evaluation.namespace()).put("name", evaluation.objectName());
            node.put("operation", evaluation.operation());
            location(node.putObject("location"), evaluation.location());
            if (evaluation.previous() != null) {
                location(node.putObject("previousLocation"), evaluation.previous());
            }
            node.put("allowed", evaluation.decision().allowed());
            node.put("severity", evaluation.severity().label());
            node.put("failed", report.fails(evaluation));
            if (!evaluation.decision().allowed()) {
                node.put("denialMessage", evaluation.decision().denialMessage());
            }
            evaluation.decision().warnings().forEach(node.putArray("warnings")::add);
            ArrayNode results = node.putArray("results");
            for (CheckResult result : evaluation.decision().results()) {
                results.addObject().put("checkId", result.checkId()).put("mode", result.mode().label())
                        .put("status", result.status().label()).put("verdict", Results.verdict(result))
                        .put("container", result.container()).put("message", result.message()).put("fix", result.fix());
            }
            evaluation.notes().forEach(node.putArray("notes")::add);
        }
        ArrayNode problems = root.putArray("badInput");
        report.problems().forEach(p -> location(problems.addObject(), p.location()).put("message", p.message()));
        ArrayNode notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        try {
            out.println(JSON.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode location(ObjectNode node, Location location) {
        node.put("source", location.source());
        if (location.inFile()) {
            node.put("document", location.document()).put("line", location.line());
            if (location.item() != null) {
                node.put("item", location.item());
            }
        }
        return node;
    }
}
