package io.rdbguard.manifests;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The chart's alert rules and Grafana dashboard query only metrics rdb-guard registers (under the names Micrometer's
 * Prometheus registry gives them), so that no alert silently never fires and no panel stays empty.
 */
class ChartMonitoringTest {

    /** rdbguard_* and http_server_* series a query names, e.g. rdbguard_decision_seconds_bucket. */
    private static final Pattern QUERIED = Pattern.compile("\\b(rdbguard_[a-z_]+|http_server_[a-z_]+)");
    /** A meter the app registers: Counter.builder("rdbguard.decisions"). */
    private static final Pattern REGISTERED = Pattern.compile("(Counter|Gauge|Timer)\\.builder\\(\"([a-z.]+)\"");
    /** Quarkus' HTTP server binder, with the histogram application.properties asks for. */
    private static final Set<String> HTTP_SERVER = Set.of("http_server_requests_seconds_count",
            "http_server_requests_seconds_sum", "http_server_requests_seconds_max", "http_server_requests_seconds_bucket");
    /** A meter's base unit (Micrometer appends it to the Prometheus name), looked for up to the builder's register call. */
    private static final Pattern BASE_UNIT = Pattern.compile("\\.baseUnit\\(\"(\\w+)\"\\)");

    @Test
    void every_metric_the_alerts_query_is_one_rdb_guard_exposes() {
        JsonNode rule = ChartTest.MONITORING.render().get("PrometheusRule", "rdb-guard");
        List<String> expressions = new ArrayList<>();
        rule.path("spec").path("groups").forEach(group -> group.path("rules").forEach(r -> expressions.add(r.path("expr").asText())));
        assertQueriesExposedMetrics(expressions);
    }

    @Test
    void every_metric_the_dashboard_queries_is_one_rdb_guard_exposes() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Tools.CHART.resolve("files/dashboard.json").toFile());
        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));
        assertFalse(expressions.isEmpty(), "the dashboard has no queries");
        assertQueriesExposedMetrics(expressions);
    }

    @Test
    void the_alerts_cover_an_unreachable_webhook_the_timeout_errors_reloads_and_certificates() {
        JsonNode rule = ChartTest.MONITORING.render().get("PrometheusRule", "rdb-guard");
        List<String> alerts = new ArrayList<>();
        rule.path("spec").path("groups").forEach(group -> group.path("rules").forEach(r -> {
            alerts.add(r.path("alert").asText());
            assertAll(r.path("alert").asText(),
                    () -> assertTrue(Set.of("critical", "warning").contains(r.path("labels").path("severity").asText())),
                    () -> assertFalse(r.path("annotations").path("summary").asText().isBlank()),
                    () -> assertTrue(r.path("expr").asText().contains("namespace=\"rdb-guard\""), "scoped to the release"));
        }));
        assertEquals(List.of("RdbGuardDown", "RdbGuardReplicasMissing", "RdbGuardReviewsNearTimeout", "RdbGuardJudgingSlow",
                "RdbGuardReviewErrors", "RdbGuardConfigReloadFailing", "RdbGuardCertificateExpiring"), alerts);
    }

    @Test
    void the_dashboard_ships_in_the_configmap_grafana_loads() throws IOException {
        JsonNode configMap = ChartTest.MONITORING.render().get("ConfigMap", "rdb-guard-dashboard");
        JsonNode shipped = new ObjectMapper().readTree(configMap.path("data").path("rdb-guard.json").asText());
        JsonNode file = new ObjectMapper().readTree(Tools.CHART.resolve("files/dashboard.json").toFile());
        assertAll(
                () -> assertEquals(file, shipped),
                () -> assertEquals("rdb-guard", shipped.path("uid").asText()),
                () -> shipped.path("panels").forEach(panel -> assertEquals("${datasource}",
                        panel.path("datasource").path("uid").asText(), panel.path("title").asText())));
    }

    private static void assertQueriesExposedMetrics(List<String> expressions) {
        Set<String> exposed = exposedMetrics();
        Set<String> unknown = new TreeSet<>();
        for (String expression : expressions) {
            Matcher matcher = QUERIED.matcher(expression);
            while (matcher.find()) {
                if (!exposed.contains(matcher.group(1))) {
                    unknown.add(matcher.group(1));
                }
            }
        }
        assertTrue(unknown.isEmpty(), "queried but not exposed: " + unknown + "; exposed: " + exposed);
    }

    /** The series Micrometer's Prometheus registry writes for the meters registered in src/main. */
    private static Set<String> exposedMetrics() {
        Set<String> series = new TreeSet<>(HTTP_SERVER);
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                Matcher matcher = REGISTERED.matcher(source);
                while (matcher.find()) {
                    int register = source.indexOf(".register(", matcher.end());
                    Matcher unit = BASE_UNIT.matcher(source.substring(matcher.end(), register < 0 ? source.length() : register));
                    String name = matcher.group(2).replace('.', '_') + (unit.find() ? "_" + unit.group(1) : "");
                    switch (matcher.group(1)) {
                        case "Counter" -> series.add(name + "_total");
                        case "Gauge" -> series.add(name);
                        default -> Stream.of("_bucket", "_count", "_sum", "_max").forEach(s -> series.add(name + "_seconds" + s));
                    }
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertTrue(series.contains("rdbguard_decisions_total"), "the meters are registered as this test expects: " + series);
        return series;
    }
}
