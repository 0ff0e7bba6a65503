package io.rdbguard.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.rdbguard.testing.Fixtures;
import io.rdbguard.testing.Reviews;
import io.restassured.RestAssured;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every class of bad input gets a 4xx and a Kubernetes Status saying what is wrong: never a 500, never a hang. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class BadInputTest {

    @TestHTTPResource(value = "/validate", tls = true)
    URL validate;


    static final String UPDATE = Reviews.update(master(), master()).uid("u-1").json();

    static StatefulSet master() {
        return Fixtures.statefulSet("bitnami-redis/redis-19.6.4-replication.yaml", "mastodon-redis-master");
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("a body that is not JSON", "{not json", 400, "the request body is not valid JSON (line 1, column 2)"),
                // managedFields is skimmed, not parsed (kube.SkimmingJsonFactory): an unpaired bracket in it is still refused.
                Arguments.of("a review whose managedFields does not pair its brackets",
                        UPDATE.replaceFirst("\"metadata\":\\{", "\"metadata\":{\"managedFields\":[{\"fieldsV1\":{\"f:spec\":[}}],"), 400,
                        "the request body is not valid JSON (line 1, column "),
                Arguments.of("an empty body", "", 400, "the request body is empty; send an admission.k8s.io/v1 AdmissionReview"),
                Arguments.of("JSON null", "null", 400, "the request body is JSON null"),
                Arguments.of("a JSON array", "[1,2]", 400, "the AdmissionReview does not have the expected shape at the top level"),
                Arguments.of("a Kubernetes object that is not an AdmissionReview", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}", 400,
                        "kind is 'Pod'; expected AdmissionReview"),
                Arguments.of("a review without kind", "{\"apiVersion\":\"admission.k8s.io/v1\",\"request\":{\"uid\":\"u\"}}", 400,
                        "kind is missing; expected AdmissionReview"),
                Arguments.of("a v1beta1 review", UPDATE.replace("admission.k8s.io/v1", "admission.k8s.io/v1beta1"), 400,
                        "apiVersion 'admission.k8s.io/v1beta1' is not supported; rdb-guard speaks admission.k8s.io/v1: set admissionReviewVersions: [v1]"),
                Arguments.of("a review without request", "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}", 400,
                        "the AdmissionReview has no request"),
                Arguments.of("a request without uid", UPDATE.replace("\"uid\":\"u-1\",", ""), 400,
                        "request.uid is missing; the response must echo it"),
                Arguments.of("an object of the wrong shape", UPDATE.replaceFirst("\"replicas\":1", "\"replicas\":\"three\""), 400,
                        "the AdmissionReview does not have the expected shape at request.object.spec.replicas"),
                Arguments.of("an object of another kind than request.kind", UPDATE.replaceFirst("\"kind\":\"StatefulSet\",\"metadata\"", "\"kind\":\"ConfigMap\",\"metadata\"")
                                .replaceFirst("\"apiVersion\":\"apps/v1\",\"kind\":\"ConfigMap\"", "\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\""), 400,
                        "request.object is a v1 ConfigMap but request.kind is apps/v1/StatefulSet; they must agree"),
                Arguments.of("an UPDATE without oldObject", Reviews.create(master()).json().replace("\"CREATE\"", "\"UPDATE\""), 400,
                        "request.oldObject is missing; a UPDATE of apps/v1/StatefulSet must carry it"));
    }

    @ParameterizedTest(name = "{0} gets {2}")
    @MethodSource("badBodies")
    void a_bad_body_gets_a_client_error_that_says_what_is_wrong(String name, String body, int status, String message) {
        given().contentType("application/json").body(body)
                .when().post(validate)
                .then().statusCode(status)
                .contentType("application/json")
                .body("kind", equalTo("Status"))
                .body("code", equalTo(status))
                .body("message", containsString(message));
    }

    @Test
    void a_body_that_is_not_sent_as_json_gets_415() {
        given().contentType("text/plain").body(UPDATE)
                .when().post(validate)
                .then().statusCode(415)
                .body("reason", equalTo("UnsupportedMediaType"))
                .body("message", equalTo("Content-Type is 'text/plain; charset=ISO-8859-1'; send the AdmissionReview as application/json"));
    }

    @ParameterizedTest(name = "over {0}")
    @EnumSource(HttpClient.Version.class)
    void a_body_over_the_limit_gets_413_with_the_limit_in_the_message(HttpClient.Version version) throws Exception {
        byte[] huge = new byte[8 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        HttpRequest request = HttpRequest.newBuilder(validate.toURI())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build();

        HttpResponse<String> response = TrustingClient.create(version).send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("the request body is larger than the 7340032-byte limit"), response.body());
    }

    /**
     * A client may send a review without a Content-Length (chunked over HTTP/1.1, or plain HTTP/2 frames): the body
     * reader then grows its array as the chunks come, past its first 16 KiB, and the review is judged as any other.
     */
    @ParameterizedTest(name = "over {0}")
    @EnumSource(HttpClient.Version.class)
    void a_review_sent_without_a_length_gets_its_verdict(HttpClient.Version version) throws Exception {
        String padded = UPDATE.replaceFirst("\"metadata\":\\{",
                "\"metadata\":{\"managedFields\":[{\"manager\":\"" + "m".repeat(100_000) + "\"}],");
        HttpRequest request = HttpRequest.newBuilder(validate.toURI())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(padded.getBytes(StandardCharsets.UTF_8))))
                .build();

        HttpResponse<String> response = TrustingClient.create(version).send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"uid\":\"u-1\""), response.body());
        assertTrue(response.body().contains("\"allowed\":true"), response.body());
    }

    @Test
    void a_get_gets_405() {
        given().when().get(validate).then().statusCode(405);
    }
}
