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
 * while classes loaded; issue 15: the first review after ready still took ~120 ms. Readiness now waits for warm-up
 * reviews through the whole HTTPS path, over HTTP/1.1 and HTTP/2 as kube-apiserver calls. Ready time and the first
 * reviews' latency with the production JVM flags are printed (measured, not asserted).
 */
class WarmStartIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readiness_is_up_only_after_a_review_went_through_tls_json_and_the_engine() throws Exception {
        try (PackagedJar jar = PackagedJar.start(Map.of())) {
            Duration ready = jar.awaitReady(PackagedJar.START_DEADLINE);
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
            assertTrue(warmUp.path("data").path("reviews").asText().contains(" answered in "), readiness.toString());
            assertEquals("h2,http/1.1", warmUp.path("data").path("protocols").asText(),
                    "the warm-up went over both protocols kube-apiserver uses: " + readiness);
            assertTrue(counter(metricsAtReady, "rdbguard_decisions_total{allowed=\"false\",dry_run=\"true\",kind=\"StatefulSet\",operation=\"UPDATE\",source=\"admission\"}") >= 2,
                    "when readiness first says UP, the warm-up's denied swap has been judged over both protocols:\n" + metricsAtReady);
            assertTrue(counter(metricsAtReady, "rdbguard_decisions_total{allowed=\"true\",dry_run=\"true\",kind=\"StatefulSet\",operation=\"CREATE\",source=\"admission\"}") >= 2,
                    "and its warned CREATE:\n" + metricsAtReady);
            double serverSeconds = validateSeconds(jar.metrics().body()) - validateSeconds(metricsAtReady);
            HttpClient http1 = jar.client(HttpClient.Version.HTTP_1_1);
            long[] followingMillis = new long[5];
            for (int i = 0; i < followingMillis.length; i++) {
                long sent = System.nanoTime();
                assertEquals(200, http1.send(PackagedJar.review(jar.validate(), LoadReviews.realistic()),
                        HttpResponse.BodyHandlers.ofString()).statusCode());
                followingMillis[i] = Duration.ofNanos(System.nanoTime() - sent).toMillis();
            }
            System.out.printf("WarmStartIT: ready %d ms after the JVM started (warm-up: %s); first review from a"
                            + " new HTTP/2 client %d ms, of which %.0f ms in the server; the next over HTTP/1.1: %s ms%n",
                    ready.toMillis(), warmUp.path("data").path("reviews").asText(), firstReview.toMillis(),
                    serverSeconds * 1000, java.util.Arrays.toString(followingMillis));
        }
    }

    /** The value of one counter series of a Prometheus scrape, 0 when absent. */
    private static double counter(String metrics, String series) {
        return metrics.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1))).findFirst().orElse(0);
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
