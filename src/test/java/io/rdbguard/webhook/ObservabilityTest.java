package io.rdbguard.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Secret;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rdbguard.data.BuildInfo;
import io.rdbguard.testing.Fixtures;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the dashboards and alerts read: /q/metrics, and JSON log lines with their fields. */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(TestEnvironment.class)
@TestProfile(ObservabilityTest.JsonLogFile.class)
class ObservabilityTest {

    static final Path LOG_FILE = Path.of("target/observability-test/rdb-guard.json.log");

    /** JSON lines in a file of the test's own, as QUARKUS_LOG_CONSOLE_JSON_ENABLED writes them on the console. */
    public static class JsonLogFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.createDirectories(LOG_FILE.getParent());
                Files.deleteIfExists(LOG_FILE);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            // One sampled line an hour at most, so that which decisions it shows does not depend on timing.
            return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG_FILE.toString(),
                    "quarkus.log.file.json.enabled", "true", "rdb-guard.log.findings-interval", "1h");
        }
    }

    @TestHTTPResource(value = "/validate", tls = true)
    URL validate;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    ServingCertificate serving;

    String post(String body) {
        return given().contentType("application/json").body(body).when().post(validate).then().statusCode(200)
                .extract().asString();
    }

    String review(String name) throws IOException {
        return Files.readString(Path.of("src/test/resources/reviews", name, "request.json"));
    }

    String scrape() {
        return given().when().get(metrics).then().statusCode(200).extract().asString();
    }

    /** The bucket bounds (le) of the histogram lines that contain every one of {@code labels}. */
    static Set<String> buckets(String scrape, String histogram, String... labels) {
        Set<String> bounds = new TreeSet<>();
        Pattern le = Pattern.compile("le=\"([^\"]+)\"");
        scrape.lines().filter(line -> line.startsWith(histogram + "_bucket{"))
                .filter(line -> List.of(labels).stream().allMatch(line::contains))
                .forEach(line -> {
                    Matcher m = le.matcher(line);
                    if (m.find()) {
                        bounds.add(m.group(1));
                    }
                });
        return bounds;
    }

    @Test
    void validate_requests_have_ten_buckets_from_5_ms_to_the_5_s_timeout() throws IOException {
        post(review("denied-one-way"));

        Set<String> bounds = buckets(scrape(), "http_server_requests_seconds", "uri=\"/validate\"");
        assertEquals(11, bounds.size(), "10 bounds and +Inf: " + bounds);
        assertTrue(bounds.containsAll(Set.of("0.005", "5.0", "+Inf")), bounds.toString());
    }

    @Test
    void decisions_have_ten_buckets_and_name_their_source() throws IOException {
        post(review("denied-one-way"));

        String scrape = scrape();
        Set<String> bounds = buckets(scrape, "rdbguard_decision_seconds", "source=\"admission\"");
        assertEquals(11, bounds.size(), "10 bounds and +Inf, not 69: " + bounds);
        assertTrue(scrape.contains("rdbguard_decisions_total{allowed=\"false\",dry_run=\"false\",kind=\"StatefulSet\","
                + "operation=\"UPDATE\",source=\"admission\"}"), scrape);
    }

    @Test
    void the_workloads_of_a_helm_release_are_counted_as_preflight_not_as_statefulset_admissions() {
        HelmReleaseHttpsTest.runV1Release(server.getClient());
        Secret record = (Secret) Fixtures.objects("helm-release/mastodon-redis-19.v2.secret.yaml").get(0);

        post(HelmReleaseHttpsTest.recordCreate(record));

        String scrape = scrape();
        assertTrue(scrape.contains("rdbguard_decisions_total{allowed=\"false\",dry_run=\"false\",kind=\"StatefulSet\","
                + "operation=\"UPDATE\",source=\"preflight\"} 2.0"), scrape);
        assertTrue(buckets(scrape, "rdbguard_decision_seconds", "source=\"preflight\"").size() == 11, scrape);
    }

    @Test
    void build_info_names_the_version_and_the_certificate_expiry_is_a_unix_time_in_the_future() {
        String scrape = scrape();

        assertTrue(scrape.contains("rdbguard_build_info{version=\"" + BuildInfo.version() + "\"} 1.0"), scrape);
        double expiry = scrape.lines().filter(line -> line.startsWith("rdbguard_certificate_expiry_timestamp_seconds "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError(scrape));
        assertTrue(expiry > Instant.now().getEpochSecond(), "expires at " + expiry);
        assertTrue(scrape.contains("rdbguard_config_reload_failures_total{file=\"tls\"}"), scrape);
        assertTrue(scrape.contains("rdbguard_config_reload_failing{file=\"policy\"}"), scrape);
    }

    @Test
    void a_denial_is_one_json_line_whose_fields_are_the_uid_workload_user_checks_and_verdict() throws IOException {
        post(review("denied-one-way"));

        JsonNode line = jsonLines().stream().filter(l -> "denied-one-way-0001".equals(l.at("/mdc/uid").asText(null)))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no JSON line for the uid in " + LOG_FILE));
        JsonNode fields = line.get("mdc");
        assertEquals("admission", fields.get("source").asText());
        assertEquals("StatefulSet", fields.get("kind").asText());
        assertEquals("mastodon", fields.get("namespace").asText());
        assertEquals("mastodon-redis-master", fields.get("name").asText());
        assertEquals("UPDATE", fields.get("operation").asText());
        assertEquals("alice@example.com", fields.get("user").asText());
        assertEquals("false", fields.get("dryRun").asText());
        assertTrue(fields.get("checks").asText().contains("rdb-one-way"), fields.toString());
        assertEquals("denied", fields.get("verdict").asText());
        assertEquals("io.rdbguard.decisions", line.get("loggerName").asText());
        assertFalse(line.get("message").asText().contains("uid="), "the fields are not repeated in the message: " + line);
        assertTrue(line.get("message").asText().startsWith("denied UPDATE StatefulSet mastodon/mastodon-redis-master | "),
                line.toString());
    }

    /** Issue 15: every decision allowed with warnings was an INFO line; the log wrote 2 GB in one benchmark. */
    @Test
    void decisions_allowed_with_warnings_are_not_a_line_each_but_one_sampled_line_per_interval() throws IOException {
        String warned = review("allowed-label-change");
        for (String uid : List.of("warned-0001", "warned-0002", "warned-0003")) {
            post(warned.replace("\"allowed-label-change-0001\"", "\"" + uid + "\""));
        }

        List<JsonNode> lines = jsonLines().stream().filter(l -> "admission".equals(l.at("/mdc/source").asText(null)))
                .filter(l -> "allowed with findings".equals(l.at("/mdc/verdict").asText(null)))
                .toList();
        assertEquals(1, lines.size(), "one sampled line in the interval (1 h here), whatever it was about: " + lines);
        assertEquals("INFO", lines.get(0).get("level").asText());
        assertTrue(lines.get(0).at("/mdc/suppressed").isTextual(), lines.get(0).toString());
    }

    @Test
    void re_reading_an_unchanged_certificate_logs_nothing_at_info() {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.INFO.intValue()) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            serving.reload();
            serving.reload();
        } finally {
            root.removeHandler(capture);
        }

        assertEquals(List.of(), records.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
    }

    private static List<JsonNode> jsonLines() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(LOG_FILE)) {
            if (line.startsWith("{")) {
                lines.add(json.readTree(line));
            }
        }
        return lines;
    }
}
