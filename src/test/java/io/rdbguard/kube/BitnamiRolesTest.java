package io.rdbguard.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rdbguard.core.redis.ContainerRoles;
import io.rdbguard.core.redis.ImageIdentifier;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.ContainerRole;
import io.rdbguard.core.workload.Workload;
import io.rdbguard.data.CatalogLoader;
import io.rdbguard.data.ConfigurationException;
import io.rdbguard.testing.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the real Bitnami charts run (bash -c start-scripts/start-*.sh) gives each container its role. */
class BitnamiRolesTest {

    private static ContainerRoles roles;

    @BeforeAll
    static void load() throws ConfigurationException {
        roles = new ContainerRoles(new ImageIdentifier(CatalogLoader.builtIn()));
    }

    @ParameterizedTest(name = "{0} {1}: container {2} is {3}")
    @CsvSource({
        "bitnami-redis/redis-17.17.1-replication.yaml, mastodon-redis-master,   redis,    DATASTORE",
        "bitnami-redis/redis-17.17.1-replication.yaml, mastodon-redis-replicas, redis,    DATASTORE",
        "bitnami-redis/redis-18.19.4-standalone.yaml,  mastodon-redis-master,   redis,    DATASTORE",
        "bitnami-redis/redis-19.6.4-sentinel.yaml,     mastodon-redis-node,     redis,    DATASTORE",
        "bitnami-redis/redis-19.6.4-sentinel.yaml,     mastodon-redis-node,     sentinel, SENTINEL",
        "bitnami-redis/redis-20.13.4-replication.yaml, mastodon-redis-master,   redis,    DATASTORE",
        "bitnami-redis/redis-20.13.4-replication.yaml, mastodon-redis-replicas, redis,    DATASTORE",
        "bitnami-redis/redis-23.1.1-sentinel.yaml,     mastodon-redis-node,     redis,    DATASTORE",
        "bitnami-redis/redis-23.1.1-sentinel.yaml,     mastodon-redis-node,     sentinel, SENTINEL",
        "bitnami-redis/redis-23.1.1-standalone.yaml,   mastodon-redis-master,   redis,    DATASTORE",
        "bitnami-valkey/valkey-1.0.3-replication.yaml, mastodon-valkey-master,  valkey,   DATASTORE",
        "bitnami-valkey/valkey-3.0.31-replication.yaml, mastodon-valkey-primary, valkey,  DATASTORE",
        "bitnami-valkey/valkey-3.0.31-replication.yaml, mastodon-valkey-replicas, valkey, DATASTORE",
    })
    void every_container_of_the_bitnami_fixtures_gets_the_role_of_what_it_runs(String fixture, String statefulSet,
            String container, ContainerRole role) {
        Workload workload = WorkloadMapper.toWorkload(Fixtures.statefulSet(fixture, statefulSet)).orElseThrow();
        Container found = workload.allContainers().filter(c -> c.name().equals(container)).findFirst().orElseThrow();

        assertEquals(role, roles.roleOf(found));
    }
}
