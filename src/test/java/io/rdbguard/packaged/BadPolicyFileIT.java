package io.rdbguard.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, observation 6: a number that overflows in the policy file crash-looped the pod at start-up and, on reload,
 * silently ended the reload task, so later good edits were never applied.
 */
class BadPolicyFileIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OVERFLOW = "backups: {maxAge: 99999999999999999999d}\n";
    private static final String ERROR = "at backups.maxAge: '99999999999999999999d' is longer than 3650d";

    @Test
    void a_bad_file_keeps_the_pod_up_and_not_ready_then_every_later_edit_is_applied() throws Exception {
        Path policy = Files.createTempDirectory("rdb-guard-policy").resolve("policy.yaml");
        Files.writeString(policy, OVERFLOW);
        try (PackagedJar jar = PackagedJar.start(Map.of("rdb-guard.policy-file", policy.toString(),
                "rdb-guard.reload-interval", "200ms"))) {
            HttpClient client = jar.client(HttpClient.Version.HTTP_2);

            JsonNode notReady = awaitReadiness(jar, r -> r.statusCode() == 503 && r.body().contains(ERROR));
            assertEquals("DOWN", notReady.path("status").asText());
            HttpResponse<String> refused = client.send(PackagedJar.review(jar.validate(), LoadReviews.realistic()),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, refused.statusCode());
            assertTrue(refused.body().contains(ERROR), refused.body());

            Files.writeString(policy, "modes: {rdb-one-way: enforce}\n");
            awaitReadiness(jar, r -> r.statusCode() == 200);
            assertEquals(false, verdict(jar, client).path("allowed").asBoolean());

            Files.writeString(policy, OVERFLOW);
            JsonNode kept = awaitReadiness(jar, r -> r.body().contains(ERROR));
            assertEquals("UP", kept.path("status").asText(), "the last good policy is still in force");
            assertEquals(false, verdict(jar, client).path("allowed").asBoolean());

            Files.writeString(policy, "modes: {rdb-one-way: warn}\n");
            awaitReadiness(jar, r -> r.statusCode() == 200 && !r.body().contains(ERROR));
            assertEquals(true, verdict(jar, client).path("allowed").asBoolean(), "the good edit after the bad one applies");

            String metrics = jar.metrics().body();
            assertTrue(metrics.contains("rdbguard_config_reload_failures_total{file=\"policy\"} 2.0"), metrics);
            assertTrue(metrics.contains("rdbguard_config_reload_failing{file=\"policy\"} 0.0"), metrics);
            assertEquals(2, jar.output().lines()
                            .filter(line -> line.contains("[io.rdbguard.webhook.LiveEngine]") && line.contains(ERROR)).count(),
                    "each bad file is logged once, not at every reload interval:\n" + jar.output());
        }
    }

    private static JsonNode verdict(PackagedJar jar, HttpClient client) throws Exception {
        HttpResponse<String> response = client.send(PackagedJar.review(jar.validate(), LoadReviews.realistic()),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).path("response");
    }

    private static JsonNode awaitReadiness(PackagedJar jar, Predicate<HttpResponse<String>> condition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        HttpResponse<String> last = null;
        while (Instant.now().isBefore(deadline)) {
            assertTrue(jar.isAlive(), "the jar exited:\n" + jar.output());
            try {
                last = jar.readiness();
                if (condition.test(last)) {
                    return JSON.readTree(last.body());
                }
            } catch (java.io.IOException notListeningYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("readiness never matched; last: " + (last == null ? "none" : last.body()) + "\n" + jar.output());
    }
}
