package io.rdbguard.core.probe;

import static io.rdbguard.core.probe.Probes.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.core.check.Finding;
import io.rdbguard.core.check.Status;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.Operation;
import io.rdbguard.core.workload.Probe;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.core.workload.Workload;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 13: probe minimums follow the role of what a container runs, not its image alone. */
class ProbeDepthRolesTest {

    private static final ProbeDepthCheck DEFAULTS = new ProbeDepthCheck(Probes.CLASSIFIER, ProbeDepthSettings.defaults(),
            Probes.REDIS, Probes.REDIS);
    private static final Workload.Volume CLAIM = new Workload.Volume("data", Workload.Volume.Source.PERSISTENT_CLAIM);

    private static Container container(String name, String image, Probe readiness, List<String> command, List<String> args) {
        return new Container(name, image, false, List.of(), readiness, null, null,
                new Container.Runtime(command, args, List.of(), List.of(new Container.VolumeMount("data", "/data"))));
    }

    private static Workload statefulSet(Container... containers) {
        return new Workload("StatefulSet", "shop", "cache", Map.of(), Map.of(),
                new Workload.PodTemplate(Map.of(), List.of(), List.of(containers), List.of(CLAIM)));
    }

    private static List<Finding> violations(Change change) {
        return DEFAULTS.evaluate(change).stream().filter(f -> f.status().isViolation()).toList();
    }

    private static Change create(Workload workload) {
        return new Change("test", Operation.CREATE, workload, null, Requester.UNKNOWN, false);
    }

    @Test
    void a_sentinel_on_the_redis_image_is_held_to_the_sentinel_minimums_and_the_message_names_its_role() {
        Container sentinel = container("sentinel", "redis:7.2.5", tcp("26379"), List.of("redis-sentinel"),
                List.of("/conf/sentinel.conf"));

        List<Finding> findings = DEFAULTS.evaluate(create(statefulSet(sentinel)));

        assertEquals(List.of(), findings.stream().filter(f -> f.status().isViolation()).toList());
        assertTrue(findings.stream().anyMatch(f -> f.message().startsWith(
                "readiness depth 1 (port); no minimum applies to a sentinel container")), findings.toString());
    }

    @Test
    void a_shell_loop_on_the_redis_image_without_probes_is_a_tool_and_not_denied() {
        Container loop = container("pinger", "redis:7.2.5", null, List.of("sh", "-c"),
                List.of("while true; do redis-cli -h cache ping; sleep 5; done"));

        assertEquals(List.of(), violations(create(statefulSet(loop))));
    }

    @Test
    void an_unknown_image_that_replaces_the_server_on_its_data_keeps_the_readiness_minimum() {
        Workload before = statefulSet(container("redis", "redis:7.2.5", null, List.of(), List.of()));
        Workload after = statefulSet(container("redis", "registry.corp/cachedb:2.1", null, List.of(), List.of()));

        List<Finding> violations = violations(new Change("test", Operation.UPDATE, after, before, Requester.UNKNOWN, false));

        assertEquals(1, violations.size(), violations.toString());
        assertTrue(violations.get(0).message().startsWith("readiness depth 0 (none) is below the minimum 3 (serving)"),
                violations.get(0).message());
    }
}
