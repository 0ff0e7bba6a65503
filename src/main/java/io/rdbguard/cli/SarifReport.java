package io.rdbguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rdbguard.core.check.CheckDescriptor;
import io.rdbguard.core.check.Mode;
import io.rdbguard.core.engine.CheckResult;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.registry.CheckRegistry;
import io.rdbguard.data.BuildInfo;
import io.rdbguard.core.check.Status;
import io.rdbguard.kube.Location;
import io.rdbguard.kube.Problem;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code --output sarif}: SARIF 2.1.0 for code-scanning dashboards. The driver names its version; one rule per check id
 * (plus {@code bad-input}) with its help and default level; one result per finding located at the offending field's line
 * and column (the container's image or probe); an exemption is a suppressed result, so it stays visible.
 */
final class SarifReport {

    static final String BAD_INPUT = "bad-input";
    /** The rules: every check's descriptor, and bad input. */
    private static final List<CheckDescriptor> RULES = Stream.concat(CheckRegistry.DESCRIPTORS.stream(), Stream.of(
            new CheckDescriptor(BAD_INPUT, "input that could not be read or judged", Mode.ENFORCE,
                    "what is not read is not judged", "fix the file at the place the result names", "README.md#audit-before-you-upgrade")))
            .toList();

    private SarifReport() {
    }

    static void write(AuditReport report, PrintWriter out) {
        ObjectNode root = JsonReport.JSON.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "rdb-guard").put("version", BuildInfo.version()).put("semanticVersion", BuildInfo.version());
        List<String> ruleIds = RULES.stream().map(CheckDescriptor::id).toList();
        ArrayNode rules = driver.putArray("rules");
        for (CheckDescriptor rule : RULES) {
            ObjectNode node = rules.addObject().put("id", rule.id()).put("name", rule.id());
            node.putObject("shortDescription").put("text", rule.title());
            node.putObject("fullDescription").put("text", "Fires when " + rule.title() + ". Without it, " + rule.protects() + ".");
            node.putObject("help").put("text", rule.remediation())
                    .put("markdown", "**Fires when** " + rule.title() + ".\n\n**Without it,** " + rule.protects()
                            + ".\n\n**To resolve:** " + rule.remediation() + ". [More](" + rule.docs() + ")");
            node.putObject("defaultConfiguration").put("level", level(rule.defaultMode()));
            node.putObject("properties").put("docs", rule.docs());
        }
        ArrayNode results = run.putArray("results");
        for (Evaluation evaluation : report.evaluations()) {
            for (CheckResult result : Results.shown(evaluation)) {
                ObjectNode node = results.addObject();
                node.put("ruleId", result.checkId()).put("ruleIndex", ruleIds.indexOf(result.checkId()));
                node.put("level", level(Severity.of(result)));
                node.putObject("message").put("text",
                        evaluation.name() + ": " + Decision.text(result));
                ObjectNode location = location(node.putArray("locations"), evaluation.locationOf(result));
                location.putArray("logicalLocations").addObject()
                        .put("fullyQualifiedName", evaluation.name())
                        .put("kind", "resource");
                if (result.status() == Status.SKIP) {
                    node.putArray("suppressions").addObject().put("kind", "inSource").put("justification", result.message());
                }
            }
        }
        for (Problem problem : report.problems()) {
            ObjectNode node = results.addObject();
            node.put("ruleId", BAD_INPUT).put("ruleIndex", ruleIds.indexOf(BAD_INPUT)).put("level", "error");
            node.putObject("message").put("text", problem.message());
            location(node.putArray("locations"), problem.location());
        }
        run.putArray("invocations").addObject().put("executionSuccessful", true).put("exitCode", report.exitCode());
        try {
            out.println(JsonReport.JSON.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode location(ArrayNode locations, Location where) {
        ObjectNode location = locations.addObject();
        ObjectNode physical = location.putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", where.source().replace('\\', '/').replace(" ", "%20"));
        if (where.inFile()) {
            ObjectNode region = physical.putObject("region").put("startLine", Math.max(where.line(), 1));
            if (where.column() > 0) {
                region.put("startColumn", where.column());
            }
        }
        return location;
    }

    private static String level(Mode mode) {
        return switch (mode) {
            case ENFORCE -> "error";
            case WARN -> "warning";
            case AUDIT, OFF -> "note";
        };
    }

    private static String level(Severity severity) {
        return switch (severity) {
            case DENY -> "error";
            case WARN -> "warning";
            case AUDIT, NONE -> "note";
        };
    }
}
