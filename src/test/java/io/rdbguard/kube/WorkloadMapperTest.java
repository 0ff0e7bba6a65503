package io.rdbguard.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.Workload;
import io.rdbguard.core.workload.Workload.Volume;
import io.rdbguard.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadMapperTest {

    private static final Workload MASTER = WorkloadMapper.toWorkload(
            Fixtures.statefulSet("bitnami-redis/redis-20.13.4-replication.yaml", "mastodon-redis-master")).orElseThrow();

    @Test
    void a_volume_claim_template_becomes_a_persistent_volume_of_the_pod() {
        assertTrue(MASTER.template().volumes().contains(new Volume("redis-data", Volume.Source.PERSISTENT_CLAIM)), MASTER.template().volumes()::toString);
        assertTrue(MASTER.template().volumes().contains(new Volume("redis-password", Volume.Source.SECRET)), MASTER.template().volumes()::toString);
    }

    @Test
    void the_container_keeps_its_command_env_and_mounts() {
        Container redis = MASTER.template().containers().get(0);
        assertEquals(List.of("/bin/bash"), redis.runtime().command());
        assertEquals("master", redis.runtime().literal("REDIS_REPLICATION_MODE").orElseThrow());
        assertTrue(redis.runtime().volumeMounts().contains(new Container.VolumeMount("redis-data", "/data")), redis.runtime().volumeMounts()::toString);
        assertTrue(redis.runtime().env().stream().anyMatch(e -> e.name().equals("REDIS_PASSWORD_FILE")), redis.runtime().env()::toString);
    }

    @Test
    void an_env_value_from_a_secret_is_not_a_literal() {
        Workload replicas = WorkloadMapper.toWorkload(
                Fixtures.statefulSet("bitnami-redis/redis-17.17.1-replication.yaml", "mastodon-redis-replicas")).orElseThrow();
        Container redis = replicas.template().containers().get(0);
        Container.EnvVar password = redis.runtime().env().stream().filter(e -> e.name().equals("REDIS_PASSWORD")).findFirst().orElseThrow();
        assertEquals(new Container.EnvVar("REDIS_PASSWORD", null, true), password);
        assertEquals("replica", redis.runtime().literal("REDIS_REPLICATION_MODE").orElseThrow());
    }
}
