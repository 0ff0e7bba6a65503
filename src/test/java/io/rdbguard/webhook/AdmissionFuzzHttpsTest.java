package io.rdbguard.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rdbguard.testing.FuzzCase;
import io.restassured.response.Response;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fuzz property over real HTTPS, on a small sample of its own: what the in-process run cannot see (the JSON
 * writer Quarkus uses, its exception mappers, the HTTP status on the wire) answers every mutated review well.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(TestEnvironment.class)
class AdmissionFuzzHttpsTest {

    static final long SEED = 0xC0FFEE_2026L;
    static final int CASES = 50;
    static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource(value = "/validate", tls = true)
    URL validate;

    @KubernetesTestServer
    KubernetesServer server;

    @BeforeEach
    void theV1ReleaseRuns() {
        HelmReleaseHttpsTest.runV1Release(server.getClient());
    }

    @Test
    void every_mutated_review_sent_over_https_gets_a_verdict_or_a_client_error() throws Exception {
        List<String> failures = new ArrayList<>();
        for (FuzzCase fuzzCase : FuzzCase.generate(SEED, CASES)) {
            String body = fuzzCase.review().body();
            Response response = given().contentType("application/json").body(body).when().post(validate);
            JsonNode answer = JSON.readTree(response.asString());
            WellFormedAnswer.problems(response.statusCode(), answer, FuzzRun.uid(body))
                    .forEach(problem -> failures.add(fuzzCase.seed() + " with genes " + fuzzCase.genes() + ": " + problem));
        }
        assertEquals(List.of(), failures);
    }
}
