package io.rdbguard.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.rdbguard.testing.Fixtures;
import io.rdbguard.testing.Reviews;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** With rdb-guard.bench.floor-path=true, bench/run's floor: allows every review, reads only its uid, keeps /validate's limits. */
@QuarkusTest
@TestProfile(BenchFloorPathTest.FloorOn.class)
@QuarkusTestResource(TestEnvironment.class)
class BenchFloorPathTest {

    public static class FloorOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(BenchFloorRoute.SETTING, "true");
        }
    }

    @TestHTTPResource(value = BenchFloorRoute.PATH, tls = true)
    URL floor;

    static final String DENIED_ON_VALIDATE = Reviews.update(
            Fixtures.statefulSet("bitnami-redis/redis-19.6.4-replication.yaml", "mastodon-redis-master"),
            Fixtures.statefulSet("bitnami-redis/redis-23.1.1-replication.yaml", "mastodon-redis-master"))
            .uid("floor-0001").json();

    @Test
    void a_review_that_validate_would_deny_is_allowed_with_its_uid_echoed() {
        given().contentType("application/json").body(DENIED_ON_VALIDATE)
                .when().post(floor)
                .then().statusCode(200)
                .body("apiVersion", equalTo("admission.k8s.io/v1"))
                .body("kind", equalTo("AdmissionReview"))
                .body("response.uid", equalTo("floor-0001"))
                .body("response.allowed", equalTo(true));
    }

    static Stream<Arguments> bodiesWithoutUid() {
        return Stream.of(
                Arguments.of("a request without uid", DENIED_ON_VALIDATE.replace("\"uid\":\"floor-0001\",", ""),
                        "request.uid is missing; the response must echo it"),
                Arguments.of("a blank uid", DENIED_ON_VALIDATE.replace("\"uid\":\"floor-0001\"", "\"uid\":\" \""),
                        "request.uid is missing; the response must echo it"),
                Arguments.of("a review without request", "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}",
                        "request.uid is missing; the response must echo it"),
                Arguments.of("a JSON array", "[1,2]", "request.uid is missing; the response must echo it"),
                Arguments.of("a body that is not JSON", "{\"request\":{\"uid\" 1", "the request body is not valid JSON"));
    }

    @ParameterizedTest(name = "{0} gets a 400 Status")
    @MethodSource("bodiesWithoutUid")
    void a_body_without_a_uid_gets_a_400_status_that_says_so(String name, String body, String message) {
        given().contentType("application/json").body(body)
                .when().post(floor)
                .then().statusCode(400)
                .contentType("application/json")
                .body("kind", equalTo("Status"))
                .body("code", equalTo(400))
                .body("message", containsString(message));
    }

    @Test
    void a_body_over_the_limit_of_validate_gets_the_same_413() throws Exception {
        byte[] huge = new byte[8 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        HttpRequest request = HttpRequest.newBuilder(floor.toURI())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build();

        HttpResponse<String> response = TrustingClient.create(HttpClient.Version.HTTP_2).send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("the request body is larger than the 7340032-byte limit"), response.body());
    }
}
