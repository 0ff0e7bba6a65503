package io.rdbguard.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 11, observation 1: 64 concurrent reviews of the largest realistic size must not take the heap down. */
class OverloadIT {

    private static final int CONCURRENT = 64;
    /** The production default, stated here so that the test fails if the default stops protecting the heap. */
    private static final String DEFAULT_LIMIT = "16777216";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sixty_four_concurrent_maximum_size_reviews_get_verdicts_or_a_fast_429_and_the_pod_survives() throws Exception {
        // The test's own client encrypts 64 x 2.8 MiB on this machine's cores, so uploads are slower than
        // kube-apiserver's: the request deadline is widened to keep this test about memory only.
        try (PackagedJar jar = PackagedJar.start(Map.of("rdb-guard.request-timeout", "60s"))) {
            jar.awaitReady(PackagedJar.START_DEADLINE);
            String body = LoadReviews.padded(LoadReviews.NEAR_ETCD_LIMIT);
            HttpClient client = jar.client(HttpClient.Version.HTTP_1_1);

            List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                responses.add(client.sendAsync(PackagedJar.review(jar.validate(), body), HttpResponse.BodyHandlers.ofString()));
            }
            int verdicts = 0;
            int refused = 0;
            for (CompletableFuture<HttpResponse<String>> future : responses) {
                HttpResponse<String> response = future.get(60, TimeUnit.SECONDS);
                JsonNode json = JSON.readTree(response.body());
                if (response.statusCode() == 200) {
                    verdicts++;
                    assertEquals(false, json.path("response").path("allowed").asBoolean(), response.body());
                } else {
                    refused++;
                    assertEquals(429, response.statusCode(), response.body());
                    assertEquals("Status", json.path("kind").asText());
                    assertTrue(json.path("message").asText().contains(DEFAULT_LIMIT + " request-body bytes in progress"
                            + " (rdb-guard.max-in-flight-bytes)"), json.toString());
                }
            }
            assertTrue(jar.isAlive(), "the JVM died under load:\n" + jar.output());
            assertTrue(verdicts > 0, "no review got a verdict (" + refused + " refused)");
            assertEquals(200, jar.readiness().statusCode());
            HttpResponse<String> after = client.send(PackagedJar.review(jar.validate(), LoadReviews.realistic()),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, after.statusCode(), after.body());
            System.out.printf("OverloadIT: %d verdicts, %d refused with 429, RSS %d MiB%n", verdicts, refused, jar.rssKib() / 1024);
        }
    }
}
