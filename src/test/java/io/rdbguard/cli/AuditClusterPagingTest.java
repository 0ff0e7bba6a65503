package io.rdbguard.cli;

import static io.rdbguard.cli.Cli.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetList;
import io.fabric8.kubernetes.api.model.apps.StatefulSetListBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster audit follows the API server's continue tokens, so a cluster with many StatefulSets is read in pages. */
@EnableKubernetesMockClient
class AuditClusterPagingTest {

    KubernetesMockServer server;

    @Test
    void every_page_of_statefulsets_is_audited() {
        server.expect().get().withPath("/apis/apps/v1/statefulsets?limit=100")
                .andReturn(200, page("next-page", "redis-a", "redis-b")).once();
        server.expect().get().withPath("/apis/apps/v1/statefulsets?continue=next-page&limit=100")
                .andReturn(200, page(null, "redis-c")).once();

        Cli.Run run = cli().cluster(server::createClient).audit("--cluster", "-o", "json");

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of("redis-a", "redis-b", "redis-c"), AuditFilesTest.names(run.json().get("workloads")));
    }

    private static StatefulSetList page(String next, String... names) {
        StatefulSetListBuilder page = new StatefulSetListBuilder().withNewMetadata(next, null, null, null);
        for (String name : names) {
            StatefulSet statefulSet = AuditClusterTest.settled("bitnami-redis/redis-19.6.4-standalone.yaml", "mastodon-redis-master");
            statefulSet.getMetadata().setName(name);
            page.addToItems(statefulSet);
        }
        return page.build();
    }
}
