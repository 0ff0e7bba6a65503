package io.rdbguard.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.rdbguard.testing.Fixtures;
import io.rdbguard.testing.Reviews;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an operator relies on: HTTP/2 and HTTP/1.1, deep readiness, reload without restart, metrics. */
@QuarkusTest
@TestProfile(OperationsTest.Policy.class)
@QuarkusTestResource(TestEnvironment.class)
class OperationsTest {

    public static class Policy extends OwnPolicyFile {
    }

    @TestHTTPResource(value = "/validate", tls = true)
    URL validate;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Inject
    LiveEngine liveEngine;

    static final String MASTER_UPDATE = Reviews.update(
            Fixtures.statefulSet("bitnami-redis/redis-19.6.4-replication.yaml", "mastodon-redis-master"),
            Fixtures.statefulSet("bitnami-redis/redis-19.6.4-replication.yaml", "mastodon-redis-master"))
            .uid("5f7c3a1e-9d2b-4c8e-a1f0-000000000001").json();

    @Test
    void a_statefulset_update_over_http2_is_answered_with_the_same_uid_by_a_client_that_trusts_only_the_ca()
            throws Exception {
        HttpResponse<String> response = post(HttpClient.Version.HTTP_2, MASTER_UPDATE);

        assertEquals(HttpClient.Version.HTTP_2, response.version());
        assertEquals(200, response.statusCode());
        var review = new ObjectMapper().readTree(response.body());
        assertEquals("admission.k8s.io/v1", review.path("apiVersion").asText());
        assertEquals("AdmissionReview", review.path("kind").asText());
        assertEquals("5f7c3a1e-9d2b-4c8e-a1f0-000000000001", review.path("response").path("uid").asText());
    }

    @Test
    void http11_requests_share_one_kept_alive_connection() throws Exception {
        HttpClient client = TrustingClient.create(HttpClient.Version.HTTP_1_1);
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = client.send(request(MASTER_UPDATE), HttpResponse.BodyHandlers.ofString());
            assertEquals(HttpClient.Version.HTTP_1_1, response.version());
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("connection").map(v -> !v.equalsIgnoreCase("close")).orElse(true));
        }
    }

    @Test
    void readiness_reports_the_policy_and_the_serving_certificate() {
        given().when().get(ready).then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("rdb-guard policy", "rdb-guard serving certificate"));
    }

    @Test
    void a_broken_policy_file_keeps_the_last_good_policy_and_readiness_shows_the_error() throws Exception {
        TestEnvironment.usePolicy(liveEngine, "modes:\n  probe-depth: sometimes\n");

        given().when().get(ready).then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'rdb-guard policy' }.data.error",
                        containsString("modes.probe-depth: 'sometimes' is not a mode; use one of enforce | warn | audit | off"));
        assertEquals(200, post(HttpClient.Version.HTTP_1_1, MASTER_UPDATE).statusCode());

        TestEnvironment.usePolicy(liveEngine, "modes:\n  probe-depth: warn\n");
        given().when().get(ready).then().statusCode(200)
                .body("checks.find { it.name == 'rdb-guard policy' }.data.error", equalTo(null));
    }

    @Test
    void metrics_count_decisions_and_check_results_by_mode_and_dry_run() throws Exception {
        post(HttpClient.Version.HTTP_1_1, MASTER_UPDATE);

        given().when().get(metrics).then().statusCode(200)
                .body(containsString("rdbguard_decisions_total{allowed="))
                .body(containsString("rdbguard_decision_seconds_bucket"))
                .body(containsString("dry_run=\"false\""));
    }

    @AfterEach
    void restoreTheDefaultPolicy() throws IOException {
        TestEnvironment.usePolicy(liveEngine, "");
    }

    private HttpResponse<String> post(HttpClient.Version version, String body) throws Exception {
        return TrustingClient.create(version).send(request(body), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest request(String body) throws Exception {
        return HttpRequest.newBuilder(validate.toURI()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
