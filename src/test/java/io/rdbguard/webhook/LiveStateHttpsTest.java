package io.rdbguard.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.rdbguard.testing.Fixtures;
import io.rdbguard.testing.Reviews;
import io.restassured.response.ValidatableResponse;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the template is not the truth, over HTTPS with the pods and volumes in the fabric8 mock API server: a
 * StatefulSet recreated after {@code kubectl delete --cascade=orphan} is judged against the pods and volumes it
 * adopts, a partitioned rollout against what its pods run.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(TestEnvironment.class)
@QuarkusTestResource(value = LiveStateOn.class, restrictToAnnotatedClass = true)
class LiveStateHttpsTest {

    static final String CHART = "bitnami-redis/redis-19.6.4-replication.yaml";
    static final String REDIS_7_2 = "docker.io/bitnami/redis:7.2.5-debian-12-r4";
    static final String REDIS_7_4 = "docker.io/bitnami/redis:7.4.3-debian-12-r0";

    @TestHTTPResource(value = "/validate", tls = true)
    URL validate;

    @KubernetesTestServer
    KubernetesServer server;

    @BeforeEach
    void nothingRunsYet() {
        KubernetesClient client = server.getClient();
        for (String namespace : new String[] {"mastodon", "broken", "slow"}) {
            client.pods().inNamespace(namespace).delete();
            client.persistentVolumeClaims().inNamespace(namespace).delete();
            client.apps().statefulSets().inNamespace(namespace).delete();
        }
    }

    /** The Bitnami replicas StatefulSet (3 replicas, claim template redis-data) running {@code image}. */
    static StatefulSet replicas(String image) {
        StatefulSet statefulSet = Fixtures.statefulSet(CHART, "mastodon-redis-replicas");
        statefulSet.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
        return statefulSet;
    }

    static StatefulSet partitioned(StatefulSet statefulSet, int partition, String currentRevision, String updateRevision) {
        statefulSet.getSpec().getUpdateStrategy().setRollingUpdate(new io.fabric8.kubernetes.api.model.apps
                .RollingUpdateStatefulSetStrategyBuilder().withPartition(partition).build());
        statefulSet.setStatus(new StatefulSetStatusBuilder().withReplicas(3).withCurrentRevision(currentRevision)
                .withUpdateRevision(updateRevision).build());
        return statefulSet;
    }

    /** A pod of {@code statefulSet} at {@code ordinal}, with no owner (orphaned) unless the StatefulSet still owns it. */
    static Pod pod(StatefulSet statefulSet, int ordinal, String revision, String image) {
        Map<String, String> labels = new HashMap<>(statefulSet.getSpec().getSelector().getMatchLabels());
        labels.put("controller-revision-hash", revision);
        return new PodBuilder().withNewMetadata().withName(statefulSet.getMetadata().getName() + "-" + ordinal)
                .withNamespace(statefulSet.getMetadata().getNamespace()).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("redis").withImage(image).endContainer().endSpec().build();
    }

    static PersistentVolumeClaim claim(StatefulSet statefulSet, int ordinal) {
        return new PersistentVolumeClaimBuilder().withNewMetadata()
                .withName("redis-data-" + statefulSet.getMetadata().getName() + "-" + ordinal)
                .withNamespace(statefulSet.getMetadata().getNamespace()).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").endSpec().build();
    }

    void run(Object... objects) {
        for (Object object : objects) {
            server.getClient().resource((io.fabric8.kubernetes.api.model.HasMetadata) object).create();
        }
    }

    ValidatableResponse post(String body) {
        return given().contentType("application/json").body(body).when().post(validate).then().statusCode(200);
    }

    // --- orphan-delete and recreate ---

    @Test
    void a_create_that_adopts_orphaned_pods_on_7_2_is_judged_as_the_swap_to_7_4_it_is() {
        StatefulSet recreated = replicas(REDIS_7_4);
        run(pod(recreated, 0, "r-old", REDIS_7_2), pod(recreated, 1, "r-old", REDIS_7_2), pod(recreated, 2, "r-old", REDIS_7_2),
                claim(recreated, 0), claim(recreated, 1), claim(recreated, 2));

        post(Reviews.create(recreated).json())
                .body("response.allowed", equalTo(false))
                .body("response.status.message", containsString("- [rdb-one-way] container redis: REDIS0011 → REDIS0012"
                        + " is one-way: rollback to " + REDIS_7_2 + " will be impossible"));
    }

    @Test
    void a_create_that_adopts_orphaned_pods_running_its_own_image_passes() {
        StatefulSet recreated = replicas(REDIS_7_2);
        run(pod(recreated, 0, "r-old", REDIS_7_2), claim(recreated, 0));

        post(Reviews.create(recreated).json()).body("response.allowed", equalTo(true));
    }

    @Test
    void a_create_that_adopts_volumes_with_no_pod_says_it_cannot_tell_their_format_and_names_them() {
        StatefulSet recreated = replicas(REDIS_7_4);
        run(claim(recreated, 0), claim(recreated, 1));

        post(Reviews.create(recreated).json())
                .body("response.allowed", equalTo(false))
                .body("response.status.message", containsString("- [rdb-one-way] container redis: StatefulSet"
                        + " mastodon/mastodon-redis-replicas adopts 2 existing PersistentVolumeClaims"
                        + " (redis-data-mastodon-redis-replicas-0, redis-data-mastodon-redis-replicas-1) with no pod"
                        + " running on them: rdb-guard cannot tell what image wrote the data"))
                .body("response.status.message", containsString("kubectl delete pvc -n mastodon"
                        + " redis-data-mastodon-redis-replicas-0 redis-data-mastodon-redis-replicas-1"));
    }

    @Test
    void a_create_with_nothing_left_behind_is_a_new_workload() {
        post(Reviews.create(replicas(REDIS_7_4)).json()).body("response.allowed", equalTo(true));
    }

    @Test
    void a_helm_preflight_that_finds_no_live_statefulset_but_orphaned_pods_judges_the_swap() {
        StatefulSet master = Fixtures.statefulSet(CHART, "mastodon-redis-master");
        StatefulSet replicas = Fixtures.statefulSet(CHART, "mastodon-redis-replicas");
        run(pod(master, 0, "m-old", REDIS_7_2), pod(replicas, 0, "r-old", REDIS_7_2));

        post(HelmReleaseHttpsTest.recordCreate(HelmReleaseHttpsTest.record("mastodon-redis-19.v2.secret.yaml")))
                .body("response.allowed", equalTo(false))
                .body("response.status.message", containsString("== StatefulSet mastodon/mastodon-redis-master\n"
                        + "- [rdb-one-way] container redis: REDIS0011 → REDIS0012 is one-way"));
    }

    // --- partitioned rollouts ---

    @Test
    void reverting_a_partitioned_rollout_that_no_pod_ran_is_no_swap() {
        StatefulSet before = partitioned(replicas(REDIS_7_4), 3, "r-old", "r-new");
        StatefulSet after = partitioned(replicas(REDIS_7_2), 3, "r-old", "r-new");
        run(pod(before, 0, "r-old", REDIS_7_2), pod(before, 1, "r-old", REDIS_7_2), pod(before, 2, "r-old", REDIS_7_2));

        post(Reviews.update(before, after).json())
                .body("response.allowed", equalTo(true))
                .body("response.warnings", Matchers.anyOf(Matchers.nullValue(),
                        not(hasItem(containsString("rdb-unreadable")))));
    }

    @Test
    void lowering_the_partition_moves_pods_still_on_7_2_across_the_format_change() {
        StatefulSet before = partitioned(replicas(REDIS_7_4), 2, "r-old", "r-new");
        StatefulSet after = partitioned(replicas(REDIS_7_4), 0, "r-old", "r-new");
        run(pod(before, 0, "r-old", REDIS_7_2), pod(before, 1, "r-old", REDIS_7_2), pod(before, 2, "r-new", REDIS_7_4));

        post(Reviews.update(before, after).json())
                .body("response.allowed", equalTo(false))
                .body("response.status.message", containsString("- [rdb-one-way] container redis: REDIS0011 → REDIS0012"
                        + " is one-way: rollback to " + REDIS_7_2));
    }

    // --- when the cluster cannot be read ---

    /** The replicas StatefulSet in {@code namespace}, named cache and selecting app=cache (one label: a path to mock). */
    static StatefulSet cache(String namespace) {
        StatefulSet statefulSet = replicas(REDIS_7_4);
        statefulSet.getMetadata().setNamespace(namespace);
        statefulSet.getMetadata().setName("cache");
        statefulSet.getSpec().setSelector(new LabelSelectorBuilder().addToMatchLabels("app", "cache").build());
        return statefulSet;
    }

    static String podsPath(String namespace) {
        return "/api/v1/namespaces/" + namespace + "/pods?labelSelector=app%3Dcache&limit=250";
    }

    @Test
    void a_pod_list_that_fails_is_said_and_the_change_judged_by_its_template_under_allow() {
        server.expect().get().withPath(podsPath("broken")).andReturn(500, "etcd is sad").once();

        post(Reviews.create(cache("broken")).json())
                .body("response.allowed", equalTo(true))
                .body("response.warnings", hasItem(containsString("[rdb-one-way] container redis: live state could not be"
                        + " read (listing pods in broken failed (HTTP 500))")));
    }

    @Test
    void a_pod_list_that_does_not_answer_within_the_deadline_is_said_and_the_change_judged_by_its_template() {
        server.expect().get().delay(3, TimeUnit.SECONDS).withPath(podsPath("slow"))
                .andReturn(200, new PodListBuilder().build()).once();

        post(Reviews.create(cache("slow")).json())
                .body("response.allowed", equalTo(true))
                .body("response.warnings", hasItem(containsString("[rdb-one-way] container redis: live state could not be"
                        + " read (the Kubernetes API did not answer within " + LiveStateOn.DEADLINE_MILLIS)));
    }
}
