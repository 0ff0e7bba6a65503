package io.rdbguard.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.rdbguard.testing.Fixtures;
import io.rdbguard.testing.Reviews;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A catalog extension the admin got wrong: the webhook starts, says why, and stays out of the Service's endpoints. */
@QuarkusTest
@TestProfile(BadCatalogTest.WithABadCatalogExtension.class)
@QuarkusTestResource(TestEnvironment.class)
class BadCatalogTest {

    public static class WithABadCatalogExtension implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("rdb-guard.catalog-file", "src/test/resources/admin/bad-catalog.yaml");
        }
    }

    @TestHTTPResource(value = "/validate", tls = true)
    URL validate;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    @Test
    void readiness_is_down_and_names_the_file_and_the_mistake() {
        given().when().get(ready).then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'rdb-guard policy' }.data.error",
                        containsString("src/test/resources/admin/bad-catalog.yaml, at repositories[0].family"));
    }

    @Test
    void a_review_that_reaches_it_anyway_gets_503_and_the_reason() {
        var master = Fixtures.statefulSet("bitnami-redis/redis-19.6.4-replication.yaml", "mastodon-redis-master");

        given().contentType("application/json").body(Reviews.update(master, master).json())
                .when().post(validate)
                .then().statusCode(503)
                .body("reason", equalTo("ServiceUnavailable"))
                .body("message", containsString("rdb-guard has no policy loaded yet: catalog extension"
                        + " src/test/resources/admin/bad-catalog.yaml, at repositories[0].family"));
    }
}
