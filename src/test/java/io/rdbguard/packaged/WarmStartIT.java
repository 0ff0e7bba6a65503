package io.rdbguard.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, observation 5: the pod reported ready before any review had run, and the first review took seconds
 * while classes loaded. Readiness now waits for a warm-up review through the whole HTTPS path. Ready time and the
 * first review's latency with the production JVM flags are printed (measured, not asserted).
 */
class WarmStartIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readiness_is_up_only_after_a_review_went_through_tls_json_and_the_engine() throws Exception {
        try (PackagedJar jar = PackagedJar.start(Map.of())) {
            Duration ready = jar.awaitReady(Duration.ofSeconds(60));
            JsonNode readiness = JSON.readTree(jar.readiness().body());
            String metricsAtReady = jar.metrics().body();

            HttpClient client = jar.client(HttpClient.Version.HTTP_2);
            long started = System.nanoTime();
            HttpResponse<String> first = client.send(PackagedJar.review(jar.validate(), LoadReviews.realistic()),
                    HttpResponse.BodyHandlers.ofString());
            Duration firstReview = Duration.ofNanos(System.nanoTime() - started);

            assertEquals(200, first.statusCode(), first.body());
            JsonNode warmUp = check(readiness, "rdb-guard warm-up");
            assertEquals("UP", warmUp.path("status").asText(), readiness.toString());
            assertTrue(warmUp.path("data").path("firstReview").asText().startsWith("answered in "), readiness.toString());
            assertTrue(metricsAtReady.contains("rdbguard_decisions_total{allowed=\"true\",dry_run=\"true\",kind=\"StatefulSet\",operation=\"UPDATE\",source=\"admission\"} 1.0"),
                    "when readiness first says UP, the warm-up review has been judged:\n" + metricsAtReady);
            double serverSeconds = validateSeconds(jar.metrics().body()) - validateSeconds(metricsAtReady);
            System.out.printf("WarmStartIT: ready %d ms after the JVM started (warm-up review %s); first review from a"
                            + " new client %d ms, of which %.0f ms in the server%n", ready.toMillis(),
                    warmUp.path("data").path("firstReview").asText(), firstReview.toMillis(), serverSeconds * 1000);
        }
    }

    /** Total seconds the server spent on 200 answers to /validate (http_server_requests_seconds_sum). */
    private static double validateSeconds(String metrics) {
        return metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_sum{")
                        && line.contains("status=\"200\"") && line.contains("uri=\"/validate\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static JsonNode check(JsonNode readiness, String name) {
        for (JsonNode check : readiness.path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no readiness check named " + name + ": " + readiness);
    }
}
