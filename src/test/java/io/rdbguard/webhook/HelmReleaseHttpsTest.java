package io.rdbguard.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rdbguard.testing.Fixtures;
import io.rdbguard.testing.Reviews;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Helm changes over HTTPS, with live objects in the fabric8 mock API server: a pending release record is judged as a
 * whole release against what runs now; Helm-owned Deployments are judged like StatefulSets.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(TestEnvironment.class)
class HelmReleaseHttpsTest {

    static final String CHART = "bitnami-redis/redis-19.6.4-replication.yaml";

    @TestHTTPResource(value = "/validate", tls = true)
    URL validate;

    @KubernetesTestServer
    KubernetesServer server;

    @BeforeEach
    void theV1ReleaseRuns() {
        runV1Release(server.getClient());
    }

    /** The StatefulSets of the v1 release (Redis 7.2.5) as they run now, and nothing else in the namespace. */
    static void runV1Release(KubernetesClient client) {
        client.resources(StatefulSet.class).inNamespace("mastodon").delete();
        client.resource(Fixtures.statefulSet(CHART, "mastodon-redis-master")).inNamespace("mastodon").create();
        client.resource(Fixtures.statefulSet(CHART, "mastodon-redis-replicas")).inNamespace("mastodon").create();
    }

    static Secret record(String fixture) {
        return (Secret) Fixtures.objects("helm-release/" + fixture).get(0);
    }

    /** The review kube-apiserver sends when Helm creates its release record. */
    static String recordCreate(Secret record) {
        return Reviews.create(record).kind("", "v1", "Secret", "secrets").uid("helm-v2").json();
    }

    ValidatableResponse post(String body) {
        return given().contentType("application/json").body(body).when().post(validate).then().statusCode(200);
    }

    @Test
    void a_pending_upgrade_that_raises_the_format_is_denied_before_helm_applies_anything() throws Exception {
        post(recordCreate(record("mastodon-redis-19.v2.secret.yaml")))
                .body("response.uid", equalTo("helm-v2"))
                .body("response.allowed", equalTo(false))
                .body("response.status.code", equalTo(403))
                .body("response.status.message", startsWith("rdb-guard denied Helm release mastodon (chart redis-19.6.4,"
                        + " revision 2) before Helm changed anything: 2 workloads violate the policy"))
                .body("response.status.message", containsString("== StatefulSet mastodon/mastodon-redis-master\n- [rdb-one-way]"
                        + " container redis: REDIS0011 → REDIS0012 is one-way"));
    }

    @Test
    void the_same_upgrade_passes_once_the_live_statefulsets_are_annotated_with_a_fresh_backup() throws Exception {
        KubernetesClient client = server.getClient();
        for (String name : new String[] {"mastodon-redis-master", "mastodon-redis-replicas"}) {
            client.apps().statefulSets().inNamespace("mastodon").withName(name).edit(sts -> {
                sts.getMetadata().getAnnotations().put("rdb-guard.io/backup", "s3://backups/mastodon/dump.rdb");
                sts.getMetadata().getAnnotations().put("rdb-guard.io/backup-taken-at", java.time.Instant.now()
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minusSeconds(60).toString());
                return sts;
            });
        }

        post(recordCreate(record("mastodon-redis-19.v2.secret.yaml")))
                .body("response.allowed", equalTo(true))
                .body("response.warnings[0]", containsString("allowed by a backup taken 1 minute"));
    }

    @Test
    void a_deployed_record_passes() throws Exception {
        post(recordCreate(record("mastodon-redis-19.v1-deployed.secret.yaml"))).body("response.allowed", equalTo(true));
    }

    @Test
    void a_corrupt_record_is_denied_with_a_clear_message() throws Exception {
        Secret corrupt = record("mastodon-redis-19.v2.secret.yaml");
        corrupt.getData().put("release", "H4sI-not-base64");

        post(recordCreate(corrupt))
                .body("response.allowed", equalTo(false))
                .body("response.status.message", equalTo("rdb-guard denied Helm release mastodon (chart unknown, revision 2)"
                        + " before Helm changed anything: 1 problem with the release\n- [helm-release] cannot read the"
                        + " release record Secret mastodon/sh.helm.release.v1.mastodon.v2: data.release is not base64 (the"
                        + " Secret's encoding) Fix: let Helm write the record again (it writes them this way), or check what"
                        + " else writes Secrets labelled owner=helm"));
    }

    @Test
    void a_helm_owned_deployment_is_judged_and_a_probe_denial_has_no_annotation_hint() {
        Deployment cache = new DeploymentBuilder()
                .withNewMetadata().withName("cache").withNamespace("shop")
                .addToLabels("app.kubernetes.io/managed-by", "Helm").addToLabels("helm.sh/chart", "cache-1.2.0")
                .addToAnnotations("meta.helm.sh/release-name", "shop").addToAnnotations("meta.helm.sh/release-namespace", "shop")
                .endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("redis").withImage("redis:7.2.4")
                .withReadinessProbe(new ProbeBuilder().withNewTcpSocket().withPort(new IntOrString(6379)).endTcpSocket().build())
                .endContainer().endSpec().endTemplate().endSpec().build();

        String review = Reviews.create(cache).kind("apps", "v1", "Deployment", "deployments").json();
        post(review)
                .body("response.allowed", equalTo(false))
                .body("response.status.message", startsWith("rdb-guard denied Deployment shop/cache: 1 violation\n- [probe-depth]"))
                .body("response.status.message", not(containsString("Helm release")));
    }

    @Test
    void a_deployment_helm_does_not_manage_is_not_judged() {
        Deployment plain = new DeploymentBuilder().withNewMetadata().withName("cache").withNamespace("shop").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("redis").withImage("redis:latest")
                .endContainer().endSpec().endTemplate().endSpec().build();

        String review = Reviews.create(plain).kind("apps", "v1", "Deployment", "deployments").json();
        post(review).body("response.allowed", equalTo(true)).body("response.warnings", equalTo(null));
    }

}
