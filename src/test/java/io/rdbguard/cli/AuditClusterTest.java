package io.rdbguard.cli;

import static io.rdbguard.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.rdbguard.testing.Fixtures;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** {@code audit --cluster} against fabric8's mock API server. */
@EnableKubernetesMockClient(crud = true)
class AuditClusterTest {

    static final String OLD_IMAGE = "docker.io/bitnami/redis:7.2.4-debian-12-r9";
    static final String NEW_IMAGE = "docker.io/bitnami/redis:7.4.3-debian-12-r0";

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void a_settled_statefulset_is_judged_as_it_stands() {
        client.resource(settled("bitnami-redis/redis-19.6.4-replication.yaml", "mastodon-redis-master")).create();

        Cli.Run run = cli().cluster(server::createClient).audit("--cluster", "-o", "json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode workload = run.json().get("workloads").get(0);
        assertEquals("mastodon-redis-master CREATE", workload.get("name").asText() + " " + workload.get("operation").asText());
        assertTrue(workload.get("location").get("source").asText().startsWith("cluster "), run::toString);
    }

    @Test
    void a_half_rolled_out_format_change_is_judged_from_the_pods_still_on_the_old_template() {
        StatefulSet statefulSet = Fixtures.statefulSet("bitnami-redis/redis-20.13.4-replication.yaml", "mastodon-redis-replicas");
        statefulSet.setStatus(new StatefulSetStatusBuilder().withReplicas(3)
                .withCurrentRevision("replicas-old").withUpdateRevision("replicas-new").build());
        client.resource(statefulSet).create();
        List.of(pod(statefulSet, 0, "replicas-old", OLD_IMAGE, "aaaa"), pod(statefulSet, 1, "replicas-old", OLD_IMAGE, "aaaa"),
                pod(statefulSet, 2, "replicas-new", NEW_IMAGE, "bbbb")).forEach(p -> client.resource(p).create());

        Cli.Run run = cli().cluster(server::createClient).audit("--cluster", "--namespace", "mastodon", "-o", "json");

        assertEquals(1, run.exitCode(), run::toString);
        JsonNode workload = run.json().get("workloads").get(0);
        assertEquals("UPDATE", workload.get("operation").asText());
        assertTrue(workload.get("denialMessage").asText().contains("[rdb-one-way] container redis: REDIS0011 → REDIS0012 is one-way"),
                run::toString);
        List<String> notes = StreamSupport.stream(workload.get("notes").spliterator(), false).map(JsonNode::asText).toList();
        assertEquals("rollout in progress: revision replicas-old → replicas-new", notes.get(0));
        assertEquals("on the old revision replicas-old: mastodon-redis-replicas-0 (redis=" + OLD_IMAGE + " @ sha256:aaaa), "
                + "mastodon-redis-replicas-1 (redis=" + OLD_IMAGE + " @ sha256:aaaa)", notes.get(1));
        assertEquals("on the new revision replicas-new: mastodon-redis-replicas-2 (redis=" + NEW_IMAGE + " @ sha256:bbbb)", notes.get(2));
    }

    @Test
    void a_rollout_whose_pods_have_all_moved_on_is_judged_as_it_stands_and_says_so() {
        StatefulSet statefulSet = Fixtures.statefulSet("bitnami-redis/redis-20.13.4-replication.yaml", "mastodon-redis-master");
        statefulSet.setStatus(new StatefulSetStatusBuilder().withCurrentRevision("m-old").withUpdateRevision("m-new").build());
        client.resource(statefulSet).create();
        client.resource(pod(statefulSet, 0, "m-new", NEW_IMAGE, "bbbb")).create();

        Cli.Run run = cli().cluster(server::createClient).audit("--cluster", "-o", "json");

        assertEquals(0, run.exitCode(), run::toString);
        JsonNode workload = run.json().get("workloads").get(0);
        assertEquals("CREATE", workload.get("operation").asText());
        assertTrue(workload.get("notes").toString().contains("no pod runs the old revision any more"), run::toString);
    }

    @Test
    void an_unreachable_cluster_exits_2_naming_the_server_and_the_cause() {
        String[] url = new String[1];
        Cli.Run run = cli().cluster(() -> {
            var config = new ConfigBuilder(server.createClient().getConfiguration()).withRequestRetryBackoffLimit(0).build();
            server.destroy();
            url[0] = config.getMasterUrl();
            return new KubernetesClientBuilder().withConfig(config).build();
        }).audit("--cluster");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("rdb-guard audit: cannot reach the API server at " + url[0] + ": "), run::toString);
        assertTrue(run.err().contains("Connection refused"), "the cause, which fabric8's own message hides: " + run.err());
        assertTrue(run.err().contains("--context and KUBECONFIG point at it (kubectl cluster-info)"), run::toString);
        assertFalse(run.err().contains("Operation: [list]"), run::toString);
    }

    @Test
    void a_pending_helm_release_in_the_cluster_is_judged_by_the_preflight_against_the_live_workloads() {
        client.resource(settled("bitnami-redis/redis-19.6.4-replication.yaml", "mastodon-redis-master")).create();
        client.resource(settled("bitnami-redis/redis-19.6.4-replication.yaml", "mastodon-redis-replicas")).create();
        client.resource(Fixtures.objects("helm-release/mastodon-redis-19.v1-deployed.secret.yaml").get(0)).create();
        client.resource(Fixtures.objects("helm-release/mastodon-redis-19.v2.secret.yaml").get(0)).create();

        Cli.Run run = cli().cluster(server::createClient).audit("--cluster", "-o", "json");

        assertEquals(1, run.exitCode(), run::toString);
        JsonNode releases = run.json().get("releases");
        assertEquals(1, releases.size(), "only the pending record: " + run);
        assertTrue(releases.get(0).get("denialMessage").asText().startsWith("rdb-guard denied Helm release mastodon (chart"
                + " redis-19.6.4, revision 2) before Helm changed anything: 2 workloads violate the policy"), run::toString);
        assertEquals("pending release record Secret mastodon/sh.helm.release.v1.mastodon.v2, against the live workloads",
                releases.get(0).get("notes").get(0).asText());
        assertTrue(StreamSupport.stream(run.json().get("workloads").spliterator(), false)
                .anyMatch(w -> w.get("operation").asText().equals("UPDATE") && w.get("severity").asText().equals("deny")), run::toString);
    }

    static StatefulSet settled(String fixture, String name) {
        StatefulSet statefulSet = Fixtures.statefulSet(fixture, name);
        statefulSet.setStatus(new StatefulSetStatusBuilder().withCurrentRevision("r1").withUpdateRevision("r1").build());
        return statefulSet;
    }

    @Test
    void pods_that_may_not_be_listed_are_reported_as_a_problem_with_the_statefulset_named() {
        StatefulSet statefulSet = Fixtures.statefulSet("bitnami-redis/redis-20.13.4-replication.yaml", "mastodon-redis-replicas");
        statefulSet.getMetadata().setNamespace("locked");
        statefulSet.getSpec().setSelector(new io.fabric8.kubernetes.api.model.LabelSelectorBuilder()
                .addToMatchLabels("app", "cache").build());
        statefulSet.setStatus(new StatefulSetStatusBuilder().withCurrentRevision("r-old").withUpdateRevision("r-new").build());
        client.resource(statefulSet).create();
        server.expect().get().withPath("/api/v1/namespaces/locked/pods?labelSelector=app%3Dcache&limit=250")
                .andReturn(403, "forbidden").once();

        Cli.Run run = cli().cluster(server::createClient).audit("--cluster", "--namespace", "locked", "-o", "json");

        assertEquals("cannot list the pods of StatefulSet locked/mastodon-redis-replicas to check its rollout: listing pods"
                + " in locked failed (HTTP 403)", run.json().get("badInput").get(0).get("message").asText(), run::toString);
    }

    static Pod pod(StatefulSet owner, int ordinal, String revision, String image, String digest) {
        var labels = new java.util.HashMap<>(owner.getSpec().getSelector().getMatchLabels());
        labels.put(ClusterAuditor.REVISION_LABEL, revision);
        return new PodBuilder()
                .withNewMetadata().withName(owner.getMetadata().getName() + "-" + ordinal)
                .withNamespace(owner.getMetadata().getNamespace()).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("redis").withImage(image).endContainer().endSpec()
                .withNewStatus().withContainerStatuses(new ContainerStatusBuilder().withName("redis").withImage(image)
                        .withImageID("docker.io/bitnami/redis@sha256:" + digest).build()).endStatus()
                .build();
    }
}
