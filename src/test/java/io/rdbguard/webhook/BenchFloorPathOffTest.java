package io.rdbguard.webhook;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The bench floor path is off unless rdb-guard.bench.floor-path=true: a production webhook has no allow-all path. */
@QuarkusTest
@QuarkusTestResource(TestEnvironment.class)
class BenchFloorPathOffTest {

    @TestHTTPResource(value = BenchFloorRoute.PATH, tls = true)
    URL floor;

    @Test
    void by_default_the_floor_path_does_not_exist() {
        given().contentType("application/json").body("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"u\"}}")
                .when().post(floor)
                .then().statusCode(404);
    }
}
