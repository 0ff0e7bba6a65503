package io.rdbguard.core.probe;

import static io.rdbguard.core.probe.Probes.exec;
import static io.rdbguard.core.probe.Probes.http;
import static io.rdbguard.core.probe.Probes.sh;
import static io.rdbguard.core.probe.Probes.tcp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.rdbguard.core.check.Finding;
import io.rdbguard.core.check.Mode;
import io.rdbguard.core.check.Status;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.engine.Engine;
import io.rdbguard.core.engine.Policy;
import io.rdbguard.core.exemption.ExemptionPolicy;
import io.rdbguard.core.check.DescribedCheck;
import io.rdbguard.core.redis.RedisFamily;
import io.rdbguard.core.registry.CheckRegistry;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.Operation;
import io.rdbguard.core.workload.Probe;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.core.workload.Workload;
import io.rdbguard.testing.Manifests;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ProbeDepthCheckTest {

    private static final ProbeClassifier CLASSIFIER = Probes.CLASSIFIER;
    /** The Redis module with the built-in catalog: server images are datastores; Sentinel, exporters and sidecars are not. */
    private static final RedisFamily REDIS = Probes.REDIS;
    private static final ProbeDepthCheck DEFAULTS = new ProbeDepthCheck(CLASSIFIER, ProbeDepthSettings.defaults(), REDIS, REDIS);
    private static final ProbeDepthCheck STRICT = new ProbeDepthCheck(CLASSIFIER, ProbeDepthSettings.strict(), REDIS, REDIS);

    private static final Probe PONG_READINESS = sh("[ \"$(redis-cli -p 6379 ping)\" = PONG ]");
    private static final Probe PING_LIVENESS = exec("redis-cli", "-p", "6379", "ping");
    private static final Probe SERVING_STARTUP = new Probe(PONG_READINESS.action(), 0, 10, 5, 30);

    @Test
    void the_check_id_is_probe_depth() {
        assertEquals("probe-depth", CheckRegistry.DESCRIPTORS.get(3).id());
    }

    static Stream<Arguments> bitnamiMasters() {
        return Stream.of(
                arguments("fixtures/bitnami-redis/redis-17.17.1-standalone.yaml", "mastodon-redis-master"),
                arguments("fixtures/bitnami-redis/redis-18.19.4-replication.yaml", "mastodon-redis-master"),
                arguments("fixtures/bitnami-redis/redis-19.6.4-replication.yaml", "mastodon-redis-master"),
                arguments("fixtures/bitnami-redis/redis-20.13.4-standalone.yaml", "mastodon-redis-master"),
                arguments("fixtures/bitnami-redis/redis-23.1.1-replication.yaml", "mastodon-redis-master"),
                arguments("fixtures/bitnami-valkey/valkey-1.0.3-replication.yaml", "mastodon-valkey-master"),
                arguments("fixtures/bitnami-valkey/valkey-3.0.31-replication.yaml", "mastodon-valkey-primary"));
    }

    /**
     * The stock Bitnami master is allowed: its readiness requires PONG (serving) and its liveness accepts LOADING
     * (protocol). It gets advice: without a startup probe, its liveness can restart it 45 s after start
     * (20 + 5 x 5), well inside the time a large dataset takes to load, and its liveness timeout (6 s) exceeds its period (5 s).
     */
    @ParameterizedTest(name = "{1} in {0} is allowed with a startup warning")
    @MethodSource("bitnamiMasters")
    void a_stock_bitnami_master_is_allowed_with_a_startup_warning(String file, String name) {
        List<Finding> findings = evaluate(DEFAULTS, Manifests.statefulSet(file, name));
        assertNoViolation(findings);
        assertHas(findings, Status.PASS, "readiness depth 3 (serving) meets the minimum 3 (serving)");
        assertHas(findings, Status.PASS, "liveness depth 2 (protocol) meets the minimum 2 (protocol)");
        assertHas(findings, Status.WARN, "liveness can restart the server 45 s after it starts, before a large dataset has loaded");
        assertHas(findings, Status.WARN, "liveness timeoutSeconds 6 is not below periodSeconds 5");
    }

    static Stream<Arguments> bitnamiReplicas() {
        return Stream.of(
                arguments("fixtures/bitnami-redis/redis-17.17.1-replication.yaml"),
                arguments("fixtures/bitnami-redis/redis-19.6.4-replication.yaml"),
                arguments("fixtures/bitnami-redis/redis-23.1.1-replication.yaml"),
                arguments("fixtures/bitnami-valkey/valkey-1.0.3-replication.yaml"),
                arguments("fixtures/bitnami-valkey/valkey-3.0.31-replication.yaml"));
    }

    /** Replicas have a tcpSocket startup probe (no startup warning), but their liveness also pings the master. */
    @ParameterizedTest(name = "replicas in {0} are allowed with a master-dependency warning")
    @MethodSource("bitnamiReplicas")
    void stock_bitnami_replicas_are_allowed_but_warned_that_liveness_depends_on_the_master(String file) {
        Workload replicas = Manifests.resource(file).stream().filter(w -> w.name().endsWith("-replicas")).findFirst().orElseThrow();
        List<Finding> findings = evaluate(DEFAULTS, replicas);
        assertNoViolation(findings);
        assertHas(findings, Status.PASS, "startup depth 1 (port)");
        assertHas(findings, Status.WARN, "liveness also checks another pod, so a master outage restarts every replica");
        assertFalse(findings.stream().anyMatch(f -> f.message().startsWith("liveness can restart")), "a startup probe is present");
    }

    @ParameterizedTest(name = "sentinel mode in {0}: redis is graded as a datastore, sentinel as other")
    @CsvSource({"fixtures/bitnami-redis/redis-19.6.4-sentinel.yaml", "fixtures/bitnami-redis/redis-23.1.1-sentinel.yaml"})
    void sentinel_mode_grades_redis_as_a_datastore_and_sentinel_as_other(String file) {
        List<Finding> findings = evaluate(DEFAULTS, Manifests.statefulSet(file, "mastodon-redis-node"));
        assertNoViolation(findings);
        assertTrue(findings.stream().anyMatch(f -> f.container().equals("redis") && f.status() == Status.PASS
                && f.message().startsWith("readiness depth 3 (serving) meets the minimum 3 (serving)")));
        assertTrue(findings.stream().anyMatch(f -> f.container().equals("sentinel") && f.status() == Status.PASS
                && f.message().startsWith("readiness depth 2 (protocol); no minimum applies")));
        assertFalse(findings.stream().anyMatch(f -> f.message().startsWith("liveness can restart")), "its startup probe covers the load");
    }

    @Test
    void the_strict_profile_denies_the_stock_bitnami_master() {
        List<Finding> findings = evaluate(STRICT, Manifests.statefulSet("fixtures/bitnami-redis/redis-23.1.1-standalone.yaml", "mastodon-redis-master"));
        Finding readiness = only(findings, Status.FAIL, "readiness");
        assertEquals("readiness depth 3 (serving) is below the minimum 4 (configured): "
                + "Bitnami's ping_readiness_local.sh fails on anything but PONG, so a loading server is not ready; "
                + "depth 4 (configured) proves " + Depth.CONFIGURED.meaning(), readiness.message());
        assertEquals("use readinessProbe exec: {command: [\"sh\", \"-c\", \"[ \\\"$(redis-cli -p 6379 ping)\\\" = PONG ]"
                + " && [ \\\"$(redis-cli -p 6379 config get dir | tail -n 1)\\\" = /data ]"
                + " && env -u REDISCLI_AUTH redis-cli -p 6379 ping | grep -q NOAUTH\"]} (rdb-guard docs/probes; REDISCLI_AUTH set from the pod's password)",
                readiness.fix());
        assertHas(findings, Status.FAIL, "liveness can restart the server 45 s");
    }

    @Test
    void a_tcp_socket_only_redis_is_denied_with_a_probe_that_would_pass() {
        List<Finding> findings = evaluate(DEFAULTS, statefulSet(redis(tcp("6379"), tcp("6379"), null)));
        Finding readiness = only(findings, Status.FAIL, "readiness");
        assertEquals("redis", readiness.container());
        assertEquals("readiness depth 1 (port) is below the minimum 3 (serving): tcpSocket only proves the port is open; "
                + "depth 3 (serving) proves the server serves now: the probe fails while the dataset loads, when the password is refused and on MASTERDOWN",
                readiness.message());
        assertEquals("use readinessProbe exec: {command: [\"sh\", \"-c\", \"[ \\\"$(redis-cli -p 6379 ping)\\\" = PONG ]\"]}"
                + " (export REDISCLI_AUTH if the server needs a password)", readiness.fix());
        assertHas(findings, Status.FAIL, "liveness depth 1 (port) is below the minimum 2 (protocol)");
    }

    @Test
    void a_redis_without_readiness_is_denied() {
        List<Finding> findings = evaluate(DEFAULTS, statefulSet(redis(null, PING_LIVENESS, SERVING_STARTUP)));
        Finding readiness = only(findings, Status.FAIL, "readiness");
        assertTrue(readiness.message().startsWith("readiness depth 0 (none) is below the minimum 3 (serving): there is no readinessProbe"),
                readiness.message());
    }

    @Test
    void a_redis_without_liveness_is_allowed() {
        assertNoViolation(evaluate(DEFAULTS, statefulSet(redis(PONG_READINESS, null, null))));
    }

    @Test
    void the_documented_configured_probes_pass_the_strict_profile_without_advice() {
        Workload docs = Manifests.file(Path.of("docs/probes/statefulset-probes.yaml")).get(0);
        List<Finding> findings = evaluate(STRICT, docs);
        assertTrue(findings.stream().allMatch(f -> f.status() == Status.PASS), () -> findings.toString());
        assertHas(findings, Status.PASS, "readiness depth 4 (configured) meets the minimum 4 (configured)");
        assertHas(findings, Status.PASS, "liveness depth 2 (protocol)");
    }

    private static final Container.EnvVar PASSWORD = new Container.EnvVar("REDIS_PASSWORD", null, true);
    private static final Container.VolumeMount DATA_AT_DATA = new Container.VolumeMount("data", "/data");
    private static final Workload.Volume CLAIM = new Workload.Volume("data", Workload.Volume.Source.PERSISTENT_CLAIM);

    /** The depth-4 claim is cross-checked against the pod: the asserted dir must be a persistent mount, a supplied password required. */
    static Stream<Arguments> configuredCrossChecks() {
        String dirOnly = "[ \"$(redis-cli config get dir | tail -n 1)\" = /data ] && [ \"$(redis-cli ping)\" = PONG ]";
        return Stream.of(
                arguments("the docs recipe on a PVC at /data with a password", ProbeClassifierTest.DOCS_CONFIGURED_READINESS,
                        List.of(PASSWORD), List.of(DATA_AT_DATA), List.of(CLAIM), Depth.CONFIGURED, "the persistent volume at /data"),
                arguments("/data mounted from an emptyDir", ProbeClassifierTest.DOCS_CONFIGURED_READINESS,
                        List.of(PASSWORD), List.of(DATA_AT_DATA), List.of(new Workload.Volume("data", Workload.Volume.Source.OTHER)), Depth.SERVING,
                        "it asserts CONFIG GET dir /data, but no persistent volume is mounted there in this container (none is mounted)"),
                arguments("the PVC mounted elsewhere", ProbeClassifierTest.DOCS_CONFIGURED_READINESS,
                        List.of(PASSWORD), List.of(new Container.VolumeMount("data", "/bitnami/redis/data")), List.of(CLAIM), Depth.SERVING,
                        "no persistent volume is mounted there in this container (mounted: /bitnami/redis/data)"),
                arguments("a password supplied but not asserted", dirOnly, List.of(PASSWORD), List.of(DATA_AT_DATA), List.of(CLAIM), Depth.SERVING,
                        "but not that the server requires the password the pod supplies"),
                arguments("no password supplied, none asserted", dirOnly, List.of(), List.of(DATA_AT_DATA), List.of(CLAIM), Depth.CONFIGURED,
                        "the persistent volume at /data"),
                arguments("a volumeClaimTemplate mounted with a trailing slash", dirOnly, List.of(), List.of(new Container.VolumeMount("data", "/data/")),
                        List.of(CLAIM), Depth.CONFIGURED, "the persistent volume at /data"));
    }

    @ParameterizedTest(name = "{0}: {5}")
    @MethodSource("configuredCrossChecks")
    void a_configured_readiness_is_cross_checked_against_the_pods_volumes_and_password(String description, String script, List<Container.EnvVar> env,
            List<Container.VolumeMount> mounts, List<Workload.Volume> volumes, Depth depth, String because) {
        Container redis = withRuntime(redis(sh(script), PING_LIVENESS, SERVING_STARTUP), env, mounts);
        Workload workload = new Workload("StatefulSet", "shop", "cache", Map.of(), Map.of(),
                new Workload.PodTemplate(Map.of(), List.of(), List.of(redis), volumes));
        Finding readiness = evaluate(STRICT, workload).stream().filter(f -> f.message().startsWith("readiness depth")).findFirst().orElseThrow();
        assertTrue(readiness.message().startsWith("readiness depth " + depth.describe()), readiness.message());
        assertTrue(readiness.message().contains(because), readiness.message());
    }

    @Test
    void a_readiness_that_can_only_pass_on_a_replica_is_denied_on_a_master_and_graded_on_a_replica() {
        Probe linkUp = sh("redis-cli info replication | grep -q master_link_status:up");
        Container master = redis(linkUp, PING_LIVENESS, SERVING_STARTUP);
        Finding denied = only(evaluate(DEFAULTS, statefulSet(master)), Status.FAIL, "readiness");
        assertTrue(denied.message().startsWith("readiness never passes on a master, and this container may run as one (it is not configured as a replica:"
                + " REDIS_REPLICATION_MODE=replica or --replicaof): it never passes on a master: \"grep -q master_link_status:up\" matches what info"
                + " replication prints only on a replica whose link to its master is up"), denied.message());
        assertEquals("use readinessProbe exec: {command: [\"sh\", \"-c\", \"[ \\\"$(redis-cli -p 6379 ping)\\\" = PONG ]\"]}"
                + " (export REDISCLI_AUTH if the server needs a password)", denied.fix());

        Container replica = withRuntime(master, List.of(new Container.EnvVar("REDIS_REPLICATION_MODE", "replica", false)), List.of());
        List<Finding> findings = evaluate(DEFAULTS, statefulSet(replica));
        assertNoViolation(findings);
        assertHas(findings, Status.PASS, "readiness depth 3 (serving) meets the minimum 3 (serving)");
    }

    @Test
    void a_replica_by_its_command_line_may_use_a_replication_link_readiness() {
        Probe linkUp = sh("redis-cli info replication | grep -q master_link_status:up");
        Container replica = new Container("redis", "redis:7.2.5", false, List.of(new Container.ContainerPort("redis", 6379)), linkUp, PING_LIVENESS,
                SERVING_STARTUP, new Container.Runtime(List.of("redis-server"), List.of("--replicaof", "cache-0.cache", "6379"), List.of(), List.of()));
        assertNoViolation(evaluate(DEFAULTS, statefulSet(replica)));
    }

    private static Container withRuntime(Container c, List<Container.EnvVar> env, List<Container.VolumeMount> mounts) {
        return new Container(c.name(), c.image(), c.init(), c.ports(), c.readiness(), c.liveness(), c.startup(),
                new Container.Runtime(List.of(), List.of(), env, mounts));
    }

    @Test
    void a_sidecar_with_http_probes_is_graded_as_other_and_passes() {
        Container exporter = new Container("metrics", "docker.io/bitnami/redis-exporter:1.62.0", false,
                List.of(new Container.ContainerPort("metrics", 9121)), http("/", "metrics"), http("/", "metrics"), null);
        List<Finding> findings = evaluate(DEFAULTS, statefulSet(redis(PONG_READINESS, PING_LIVENESS, SERVING_STARTUP), exporter));
        assertNoViolation(findings);
        assertTrue(findings.stream().anyMatch(f -> f.container().equals("metrics") && f.status() == Status.PASS
                && f.message().startsWith("readiness depth 2 (protocol); no minimum applies")));
    }

    @Test
    void a_deep_liveness_is_denied_because_it_restarts_a_loading_server() {
        List<Finding> findings = evaluate(DEFAULTS, statefulSet(redis(PONG_READINESS, PONG_READINESS, SERVING_STARTUP)));
        Finding liveness = only(findings, Status.FAIL, "liveness");
        assertTrue(liveness.message().startsWith("liveness depth 3 (serving) is above the maximum 2 (protocol), so it restarts a server"),
                liveness.message());
        assertEquals("use livenessProbe exec: {command: [\"redis-cli\", \"-p\", \"6379\", \"ping\"]} and keep the deep check in readinessProbe",
                liveness.fix());
    }

    @Test
    void init_containers_are_not_graded() {
        Container init = new Container("volume-permissions", "docker.io/bitnami/redis:7.2.5", true, List.of(), null, null, null);
        Workload workload = new Workload("StatefulSet", "shop", "cache", Map.of(), Map.of(),
                new Workload.PodTemplate(Map.of(), List.of(init), List.of(redis(PONG_READINESS, PING_LIVENESS, SERVING_STARTUP))));
        assertTrue(evaluate(DEFAULTS, workload).stream().noneMatch(f -> f.container().equals("volume-permissions")));
    }

    static Stream<Arguments> advice() {
        Probe slow = new Probe(PING_LIVENESS.action(), 0, 5, 5, 3);
        Probe waitsLongEnough = new Probe(PING_LIVENESS.action(), 300, 10, 5, 3);
        return Stream.of(
                arguments("identical readiness and liveness", sidecar(http("/ready", "8080"), http("/ready", "8080")),
                        "readiness and liveness run the same check"),
                arguments("a liveness that pings the master", redis(PONG_READINESS, sh("redis-cli ping && redis-cli -h $REDIS_MASTER_HOST ping"), SERVING_STARTUP),
                        "liveness also checks another pod, so a master outage restarts every replica"),
                arguments("a timeout equal to the period", redis(PONG_READINESS, slow, SERVING_STARTUP),
                        "liveness timeoutSeconds 5 is not below periodSeconds 5"),
                arguments("an undeclared port name", redis(PONG_READINESS, PING_LIVENESS, tcp("redis-tls")),
                        "startup probe port \"redis-tls\" is not a port name of the container: the kubelet cannot resolve it"),
                arguments("an undeclared port number", redis(PONG_READINESS, PING_LIVENESS, tcp("6380")),
                        "startup probe port 6380 is not declared by the container (declared: redis=6379)"),
                arguments("no startup probe and a short liveness window", redis(PONG_READINESS, PING_LIVENESS, null),
                        "liveness can restart the server 30 s after it starts"),
                arguments("no startup probe but a long initial delay", redis(PONG_READINESS, waitsLongEnough, null), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("advice")
    void advice_is_a_warning_that_never_denies(String description, Container container, String expected) {
        List<Finding> findings = evaluate(DEFAULTS, statefulSet(container));
        assertNoViolation(findings);
        List<Finding> warnings = findings.stream().filter(f -> f.status() == Status.WARN).toList();
        if (expected == null) {
            assertTrue(warnings.isEmpty(), warnings::toString);
        } else {
            assertEquals(1, warnings.size(), warnings::toString);
            assertTrue(warnings.get(0).message().startsWith(expected), warnings.get(0).message());
        }
    }

    @Test
    void a_numeric_port_is_not_questioned_when_the_container_declares_no_ports() {
        Container bare = new Container("redis", "redis:7.2.5", false, List.of(), PONG_READINESS, PING_LIVENESS, tcp("6379"));
        assertTrue(evaluate(DEFAULTS, statefulSet(bare)).stream().noneMatch(f -> f.status() == Status.WARN));
    }

    @ParameterizedTest(name = "the {0} example for a datastore={1} reaches its depth")
    @CsvSource({"PORT,true", "PROTOCOL,true", "SERVING,true", "CONFIGURED,true", "PORT,false", "PROTOCOL,false", "SERVING,false"})
    void every_suggested_fix_reaches_the_depth_it_promises(Depth depth, boolean datastore) {
        Container container = datastore ? redis(null, null, null) : sidecar(null, null);
        Probe example = Probes.of(REDIS.reaching(depth, container, ServerContext.EXAMPLE));
        assertEquals(depth, CLASSIFIER.classify(example, ServerContext.EXAMPLE).depth());
    }

    @Test
    void the_suggested_cli_matches_the_image_family() {
        Container valkey = new Container("valkey", "docker.io/bitnami/valkey:8.1.3-debian-12-r3", false,
                List.of(new Container.ContainerPort("redis", 6379)), tcp("redis"), null, null);
        Finding readiness = only(evaluate(DEFAULTS, statefulSet(valkey)), Status.FAIL, "readiness");
        assertTrue(readiness.fix().contains("valkey-cli -p 6379 ping"), readiness.fix());
    }

    @Test
    void every_probe_in_the_bitnami_fixtures_is_graded_by_a_known_rule() {
        Stream.of("redis-17.17.1-replication", "redis-18.19.4-replication", "redis-19.6.4-replication", "redis-19.6.4-sentinel",
                        "redis-20.13.4-replication", "redis-23.1.1-replication", "redis-23.1.1-sentinel")
                .map(f -> "fixtures/bitnami-redis/" + f + ".yaml")
                .flatMap(f -> Manifests.resource(f).stream())
                .flatMap(Workload::allContainers)
                .flatMap(c -> Stream.of(c.readiness(), c.liveness(), c.startup()))
                .filter(p -> p != null)
                .forEach(p -> assertFalse(CLASSIFIER.classify(p).explanation().contains("has no rule"), p.toString()));
    }

    @Test
    void in_an_admission_decision_the_essence_of_the_advice_and_its_whole_fix_survive_the_warning_length_limit() {
        Workload master = Manifests.statefulSet("fixtures/bitnami-redis/redis-23.1.1-standalone.yaml", "mastodon-redis-master");
        Decision decision = judge(new Change("uid-1", Operation.CREATE, master, null, Requester.UNKNOWN, false));
        assertTrue(decision.allowed());
        assertTrue(decision.warnings().stream().anyMatch(w -> w.length() <= 4096 / Decision.MAX_WARNINGS
                        && w.startsWith("[probe-depth] container redis: liveness can restart the server 45 s after it starts")
                        && w.endsWith("with periodSeconds: 10, failureThreshold: 30, or raise the liveness initialDelaySeconds")),
                decision.warnings()::toString);
    }

    private static Decision judge(Change change) {
        return new Engine(List.of(new DescribedCheck(CheckRegistry.descriptor("probe-depth"), DEFAULTS)), Policy.DEFAULTS,
                java.time.Clock.systemUTC()).judge(change);
    }

    // --- updates that leave the pod template as it was ---

    private static final Workload SHALLOW = statefulSet(redis(tcp("redis"), null, null));

    /** Observed: kubectl annotate (the product's own suggested fix) was denied for the probes of a StatefulSet older than rdb-guard. */
    @Test
    void an_update_that_only_annotates_is_not_denied_for_probes_and_says_when_they_will_be() {
        Workload annotated = SHALLOW.withAnnotations(Map.of("rdb-guard.io/backup", "s3://backups/cache",
                "rdb-guard.io/backup-taken-at", "2026-11-25T12:00:00Z"), Map.of());

        List<Finding> findings = DEFAULTS.evaluate(new Change("uid", Operation.UPDATE, annotated, SHALLOW, Requester.UNKNOWN, false));

        assertNoViolation(findings);
        Finding readiness = findings.stream().filter(f -> f.message().startsWith("readiness depth 1 (port)")).findFirst().orElseThrow();
        assertEquals(Status.WARN, readiness.status());
        assertTrue(readiness.message().endsWith(" (enforced when the pod template next changes)"), readiness.message());
        assertTrue(readiness.repeated());
    }

    @Test
    void through_the_engine_an_annotate_of_a_shallow_statefulset_is_allowed_with_one_warning() {
        Workload annotated = SHALLOW.withAnnotations(Map.of("team", "cache"), Map.of());

        Decision decision = judge(new Change("uid", Operation.UPDATE, annotated, SHALLOW, Requester.UNKNOWN, false));

        assertTrue(decision.allowed(), decision::denialMessage);
        assertEquals(1, decision.warnings().size(), decision.warnings()::toString);
    }

    @Test
    void the_same_shallow_probe_is_denied_when_the_pod_template_changes() {
        Workload bumped = SHALLOW.withImages(Map.of("redis", "docker.io/library/redis:7.2.6"));

        List<Finding> findings = DEFAULTS.evaluate(new Change("uid", Operation.UPDATE, bumped, SHALLOW, Requester.UNKNOWN, false));

        Finding readiness = findings.stream().filter(f -> f.message().startsWith("readiness depth 1 (port)")).findFirst().orElseThrow();
        assertEquals(Status.FAIL, readiness.status());
        assertTrue(readiness.repeated(), "the probe itself did not change");
    }

    @Test
    void advice_about_a_changed_probe_is_new_and_about_an_unchanged_one_repeated() {
        Probe slow = new Probe(PING_LIVENESS.action(), 0, 5, 6, 3);
        Workload before = statefulSet(redis(PONG_READINESS, slow, SERVING_STARTUP));
        Workload after = statefulSet(redis(new Probe(PONG_READINESS.action(), 0, 5, 6, 3), slow, SERVING_STARTUP));

        List<Finding> timing = DEFAULTS.evaluate(new Change("uid", Operation.UPDATE, after, before, Requester.UNKNOWN, false))
                .stream().filter(f -> f.message().contains("timeoutSeconds 6 is not below periodSeconds 5")).toList();

        assertEquals(Map.of("readiness", false, "liveness", true), Map.of(
                "readiness", timing.stream().filter(f -> f.message().startsWith("readiness")).findFirst().orElseThrow().repeated(),
                "liveness", timing.stream().filter(f -> f.message().startsWith("liveness")).findFirst().orElseThrow().repeated()));
    }

    private static Container redis(Probe readiness, Probe liveness, Probe startup) {
        return new Container("redis", "docker.io/library/redis:7.2.5", false, List.of(new Container.ContainerPort("redis", 6379)),
                readiness, liveness, startup);
    }

    private static Container sidecar(Probe readiness, Probe liveness) {
        return new Container("proxy", "docker.io/envoyproxy/envoy:v1.31.0", false, List.of(new Container.ContainerPort("http", 8080)),
                readiness, liveness, null);
    }

    private static Workload statefulSet(Container... containers) {
        return new Workload("StatefulSet", "shop", "cache", Map.of(), Map.of(), new Workload.PodTemplate(Map.of(), List.of(), List.of(containers)));
    }

    private static List<Finding> evaluate(ProbeDepthCheck check, Workload workload) {
        return check.evaluate(new Change("test", Operation.CREATE, workload, null, Requester.UNKNOWN, false));
    }

    private static void assertNoViolation(List<Finding> findings) {
        assertTrue(findings.stream().noneMatch(f -> f.status().isViolation()), () -> "violations: " + findings.stream()
                .filter(f -> f.status().isViolation()).map(Finding::message).toList());
    }

    private static void assertHas(List<Finding> findings, Status status, String messageStart) {
        assertTrue(findings.stream().anyMatch(f -> f.status() == status && f.message().startsWith(messageStart)),
                () -> "no " + status + " starting with \"" + messageStart + "\" in " + findings.stream().map(f -> f.status() + " " + f.message()).toList());
    }

    private static Finding only(List<Finding> findings, Status status, String kind) {
        List<Finding> matching = findings.stream().filter(f -> f.status() == status && f.message().startsWith(kind)).toList();
        assertEquals(1, matching.size(), () -> "expected one " + status + " about " + kind + " in " + findings);
        return matching.get(0);
    }
}
