package io.rdbguard.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.rdbguard.testing.ReleaseRecords;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, observations 1 and 2, against the packaged jar with the production JVM flags (192 MiB heap): a release
 * record of a few tens of KB that decodes to megabytes of tiny documents, and a StatefulSet UPDATE with thousands
 * of renamed containers. Both used to take the pod down or stall it; both now get a bounded answer while other
 * reviews keep getting theirs.
 */
class HeavyInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static PackagedJar jar;
    private static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        jar = PackagedJar.start(Map.of());
        jar.awaitReady(PackagedJar.START_DEADLINE);
        // HTTP/2: the test is about memory and stalls; one multiplexed connection keeps it free of HTTP/1.1 pool races.
        client = jar.client(HttpClient.Version.HTTP_2);
    }

    @AfterAll
    static void stop() throws Exception {
        jar.close();
    }

    @Test
    void release_records_that_decode_to_megabytes_of_tiny_documents_are_answered_and_the_pod_survives() throws Exception {
        // About 8 MiB of documents that gzip to tens of KB: what anyone who may create a Secret labelled owner=helm can send.
        Secret bomb = ReleaseRecords.pendingUpgrade("shop", "shop", "shop", "a: 1\n---\n".repeat(900_000));
        String body = secretCreate(bomb);
        assertTrue(body.length() < 200_000, "the record itself is small: " + body.length() + " bytes");

        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sent.add(client.sendAsync(PackagedJar.review(jar.validate(), secretCreate(bomb)), HttpResponse.BodyHandlers.ofString()));
        }
        int judged = 0;
        for (CompletableFuture<HttpResponse<String>> future : sent) {
            HttpResponse<String> response = future.get(60, TimeUnit.SECONDS);
            if (response.statusCode() == 429) {
                // Records are judged a few at a time (their decoded size is what the heap must hold); the rest are told to retry.
                assertEquals("1", response.headers().firstValue("Retry-After").orElse(""), response.body());
                continue;
            }
            assertEquals(200, response.statusCode(), response.body());
            JsonNode answer = JSON.readTree(response.body()).path("response");
            assertTrue(answer.path("allowed").asBoolean(), response.body());
            assertTrue(answer.path("warnings").size() <= 8, response.body());
            judged++;
        }
        assertTrue(judged >= 2, "at least the first records are judged, not refused: " + judged);
        assertTrue(jar.isAlive(), "the JVM died:\n" + jar.output());
        assertRealisticReviewStillJudged();
        System.out.printf("HeavyInputIT release records: %d of 8 judged in %d ms, RSS %d MiB%n", judged,
                (System.nanoTime() - started) / 1_000_000, jar.rssKib() / 1024);
    }

    @Test
    void thousands_of_renamed_containers_get_a_bounded_denial_while_other_reviews_are_answered() throws Exception {
        String heavy = renamedContainers(3000);
        CompletableFuture<HttpResponse<String>> big = client.sendAsync(PackagedJar.review(jar.validate(), heavy),
                HttpResponse.BodyHandlers.ofString());
        assertRealisticReviewStillJudged();

        HttpResponse<String> response = big.get(60, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = JSON.readTree(response.body()).path("response");
        assertEquals(false, answer.path("allowed").asBoolean());
        String message = answer.path("status").path("message").asText();
        assertTrue(message.contains("more lines; rdb-guard's log and `rdb-guard audit` list them all"), message);
        assertTrue(message.length() < 50_000, "the denial is bounded: " + message.length() + " characters");
        assertTrue(jar.isAlive(), "the JVM died:\n" + jar.output());
        System.out.printf("HeavyInputIT containers: body %d KiB, denial %d characters, RSS %d MiB%n",
                heavy.length() / 1024, message.length(), jar.rssKib() / 1024);
    }

    /** A realistic review gets its verdict within the webhook's timeout, whatever else is being judged. */
    private static void assertRealisticReviewStillJudged() throws Exception {
        HttpResponse<String> response = client.sendAsync(PackagedJar.review(jar.validate(), LoadReviews.realistic()),
                HttpResponse.BodyHandlers.ofString()).get(5, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(false, JSON.readTree(response.body()).path("response").path("allowed").asBoolean(), response.body());
    }

    private static String secretCreate(Secret record) {
        ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request").put("uid", UUID.randomUUID().toString()).put("operation", "CREATE")
                .put("namespace", record.getMetadata().getNamespace()).put("name", record.getMetadata().getName());
        request.putObject("kind").put("group", "").put("version", "v1").put("kind", "Secret");
        request.putObject("resource").put("group", "").put("version", "v1").put("resource", "secrets");
        request.set("object", JSON.valueToTree(record));
        request.putObject("userInfo").put("username", "helm-user");
        return review.toString();
    }

    /** A StatefulSet UPDATE whose every container is renamed and moves Redis 7.2 to 7.4. */
    private static String renamedContainers(int count) {
        ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request").put("uid", UUID.randomUUID().toString()).put("operation", "UPDATE")
                .put("namespace", "shop").put("name", "cache");
        request.putObject("kind").put("group", "apps").put("version", "v1").put("kind", "StatefulSet");
        request.set("object", statefulSet(count, "new-", "redis:7.4.0"));
        request.set("oldObject", statefulSet(count, "old-", "redis:7.2.4"));
        return review.toString();
    }

    private static ObjectNode statefulSet(int count, String prefix, String image) {
        ObjectNode sts = JSON.createObjectNode().put("apiVersion", "apps/v1").put("kind", "StatefulSet");
        sts.putObject("metadata").put("name", "cache").put("namespace", "shop");
        ObjectNode spec = sts.putObject("spec").put("serviceName", "cache");
        spec.putObject("selector").putObject("matchLabels").put("app", "cache");
        ObjectNode template = spec.putObject("template");
        template.putObject("metadata").putObject("labels").put("app", "cache");
        ArrayNode containers = template.putObject("spec").putArray("containers");
        for (int i = 0; i < count; i++) {
            containers.addObject().put("name", prefix + i).put("image", image);
        }
        return sts;
    }
}
