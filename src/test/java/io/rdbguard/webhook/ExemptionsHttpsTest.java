package io.rdbguard.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.rdbguard.testing.Fixtures;
import io.rdbguard.testing.Reviews;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Exemptions as a cluster user meets them: honoured with a warning, refused with what to fix, limited to grantors. */
@QuarkusTest
@TestProfile(ExemptionsHttpsTest.Policy.class)
@QuarkusTestResource(TestEnvironment.class)
class ExemptionsHttpsTest {

    public static class Policy extends OwnPolicyFile {
    }

    static final String FIXTURE = "bitnami-redis/redis-19.6.4-replication.yaml";
    static final String REDIS_74 = "docker.io/bitnami/redis:7.4.3-debian-12-r0";

    @TestHTTPResource(value = "/validate", tls = true)
    URL validate;

    @Inject
    LiveEngine liveEngine;

    static StatefulSet master() {
        return Fixtures.statefulSet(FIXTURE, "mastodon-redis-master");
    }

    /** The stock master moved to Redis 7.4 (a one-way change), with the given annotations on the StatefulSet. */
    static StatefulSet upgraded(Map<String, String> annotations) {
        StatefulSet sts = master();
        sts.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(REDIS_74);
        sts.getMetadata().getAnnotations().putAll(annotations);
        return sts;
    }

    static Map<String, String> exempt(String checks, Instant until) {
        return Map.of("rdb-guard.io/exempt", checks,
                "rdb-guard.io/exempt-reason", "CHG-7: approved",
                "rdb-guard.io/exempt-until", until.truncatedTo(ChronoUnit.SECONDS).toString());
    }

    static Instant inDays(int days) {
        return Instant.now().plus(Duration.ofDays(days));
    }

    ValidatableResponse post(Reviews review) {
        return given().contentType("application/json").body(review.json())
                .when().post(validate).then().statusCode(200).body("response.uid", equalTo(review.uid()));
    }

    @Test
    void an_honoured_exemption_allows_the_one_way_change_and_says_so_in_a_warning() {
        Instant until = inDays(7).truncatedTo(ChronoUnit.SECONDS);

        post(Reviews.update(master(), upgraded(exempt("rdb-one-way", until))))
                .body("response.allowed", equalTo(true))
                .body("response.warnings", hasItem("rdb-guard.io/exempt honoured for rdb-one-way until " + until
                        + ": CHG-7: approved"));
    }

    @Test
    void an_expired_exemption_is_denied_with_what_to_fix() {
        post(Reviews.update(master(), upgraded(exempt("rdb-one-way", inDays(-2)))))
                .body("response.allowed", equalTo(false))
                .body("response.status.message", containsString("- [exemption] the exemption expired at"))
                .body("response.status.message", containsString("remove the rdb-guard.io/exempt* annotations, or renew it"));
    }

    @Test
    void an_exemption_naming_an_unknown_check_is_denied() {
        post(Reviews.update(master(), upgraded(exempt("rdb-oneway", inDays(7)))))
                .body("response.allowed", equalTo(false))
                .body("response.status.message", containsString("rdb-guard.io/exempt names \"rdb-oneway\", which is not a check id"));
    }

    @Test
    void only_configured_grantors_may_add_an_exemption_but_an_unchanged_one_stays_honoured() throws IOException {
        TestEnvironment.usePolicy(liveEngine, "exemptions:\n  grantors: {groups: [platform-admins]}\n");
        Instant until = inDays(7);
        StatefulSet exempted = upgraded(exempt("rdb-one-way", until));

        post(Reviews.update(master(), exempted).user("dev@example.com", "developers"))
                .body("response.allowed", equalTo(false))
                .body("response.status.message", containsString("user \"dev@example.com\" may not add or change rdb-guard.io/exempt* annotations"));
        post(Reviews.update(master(), exempted).user("ops@example.com", "platform-admins"))
                .body("response.allowed", equalTo(true));
        StatefulSet exemptedBefore = master();
        exemptedBefore.getMetadata().getAnnotations().putAll(exempt("rdb-one-way", until));
        post(Reviews.update(exemptedBefore, exempted).user("dev@example.com", "developers"))
                .body("response.allowed", equalTo(true))
                .body("response.warnings[0]", startsWith("rdb-guard.io/exempt honoured for rdb-one-way"));
    }

    @AfterEach
    void restoreTheDefaultPolicy() throws IOException {
        TestEnvironment.usePolicy(liveEngine, "");
    }
}
