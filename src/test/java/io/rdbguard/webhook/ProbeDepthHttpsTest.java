package io.rdbguard.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.rdbguard.testing.Fixtures;
import io.rdbguard.testing.Reviews;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code probe-depth} as a user meets it: AdmissionReviews over HTTPS, built from the rendered Bitnami charts and
 * edited the way people edit probes. Each case name is the verdict and why; docs/probes/README.md has the same
 * verdicts on the stock charts as a table.
 */
@QuarkusTest
@TestProfile(ProbeDepthHttpsTest.Policy.class)
@QuarkusTestResource(TestEnvironment.class)
class ProbeDepthHttpsTest {

    public static class Policy extends OwnPolicyFile {
    }

    static final String DEFAULT = "";
    static final String STRICT = "probes: {profile: strict}\n";
    static final String WARN_MODE = "modes: {probe-depth: warn}\n";

    static final String REDIS_17 = "bitnami-redis/redis-17.17.1-replication.yaml";
    static final String REDIS_19 = "bitnami-redis/redis-19.6.4-replication.yaml";
    static final String REDIS_23 = "bitnami-redis/redis-23.1.1-replication.yaml";
    static final String SENTINEL_23 = "bitnami-redis/redis-23.1.1-sentinel.yaml";
    static final String VALKEY_3 = "bitnami-valkey/valkey-3.0.31-replication.yaml";
    static final String MASTER = "mastodon-redis-master";
    static final String REPLICAS = "mastodon-redis-replicas";
    static final String VALKEY_PRIMARY = "mastodon-valkey-primary";

    static final String DOCS_STATEFULSET = "docs/probes/statefulset-probes.yaml";

    @TestHTTPResource(value = "/validate", tls = true)
    URL validate;

    @Inject
    LiveEngine liveEngine;

    @AfterEach
    void restoreTheDefaultPolicy() throws IOException {
        TestEnvironment.usePolicy(liveEngine, DEFAULT);
    }

    /** What is sent: the admin's policy file, and a CREATE (no old object) or an UPDATE. */
    record Submission(String policy, StatefulSet oldObject, StatefulSet object) {

        String review() {
            return oldObject == null ? Reviews.create(object).json() : Reviews.update(oldObject, object).json();
        }

        Submission with(StatefulSet newObject) {
            return new Submission(policy, oldObject, newObject);
        }
    }

    // ---- allowed ---------------------------------------------------------------------------------------------

    /** The stock master: deep enough everywhere, with two pieces of advice. */
    static final String MASTER_VERDICT = "allowed: readiness ping_readiness_local.sh fails on anything but PONG (depth 3, minimum 3)"
            + " and liveness ping_liveness_local.sh accepts LOADING (depth 2, maximum 2); warned that without a startupProbe"
            + " liveness may restart it 45 s after start (20 + 5 x 5), inside a large load, and that its 6 s timeout is not below its 5 s period";
    /** Stock replicas: like the master, but the tcpSocket startupProbe holds liveness off, and liveness also pings the master. */
    static final String REPLICAS_VERDICT = "allowed: readiness needs PONG from this server and from the master (depth 3),"
            + " liveness accepts LOADING (depth 2), and having a startupProbe (a tcpSocket: startup has no minimum) lifts the"
            + " startup-window advice; warned that liveness also pings the master, so a master outage restarts every replica, and about the 6 s timeout";
    /** Sentinel mode: redis is a datastore; the sentinel container holds no data. */
    static final String SENTINEL_VERDICT = "allowed: redis is graded like a master, but its ping_liveness_local.sh startupProbe lifts"
            + " the startup-window advice; the sentinel container holds no data (role other, no minimum), so its ping_sentinel.sh probes (depth 2)"
            + " pass unremarked; warned only that the redis liveness timeout of 5 s is not below its 5 s period";

    static List<String> masterWarnings(String container) {
        return List.of(warning(container, "liveness timeoutSeconds 6 is not below periodSeconds 5"),
                warning(container, "liveness can restart the server 45 s after it starts"));
    }

    static List<String> replicaWarnings(String container) {
        return List.of(warning(container, "liveness timeoutSeconds 6 is not below periodSeconds 5"),
                warning(container, "liveness also checks another pod, so a master outage restarts every replica"));
    }

    static Stream<Arguments> allowed() {
        List<Arguments> cases = new ArrayList<>();
        for (String version : List.of("17.17.1", "19.6.4", "20.13.4", "23.1.1")) {
            String chart = "bitnami-redis/redis-" + version + "-replication.yaml";
            cases.add(arguments("stock redis " + version + " master: " + MASTER_VERDICT,
                    installed(DEFAULT, chart, MASTER), masterWarnings("redis")));
            cases.add(arguments("stock redis " + version + " replicas: " + REPLICAS_VERDICT,
                    installed(DEFAULT, chart, REPLICAS), replicaWarnings("redis")));
        }
        for (String version : List.of("19.6.4", "23.1.1")) {
            cases.add(arguments("stock redis " + version + " sentinel node: " + SENTINEL_VERDICT,
                    installed(DEFAULT, "bitnami-redis/redis-" + version + "-sentinel.yaml", "mastodon-redis-node"),
                    List.of(warning("redis", "liveness timeoutSeconds 5 is not below periodSeconds 5"))));
        }
        cases.add(arguments("stock valkey 3.0.31 primary: allowed with the same scripts, depths and advice as the redis master",
                installed(DEFAULT, VALKEY_3, VALKEY_PRIMARY), masterWarnings("valkey")));
        cases.add(arguments("stock valkey 3.0.31 replicas: allowed like redis replicas, their scripts ping the primary"
                        + " (ping_readiness_local_and_primary.sh, depth 3)",
                installed(DEFAULT, VALKEY_3, "mastodon-valkey-replicas"), replicaWarnings("valkey")));

        cases.add(arguments("a CREATE with the documented depth-4 readiness is allowed, with the stock master's advice",
                new Submission(DEFAULT, null, edited(REDIS_23, MASTER, "redis", c -> c.setReadinessProbe(docsProbe(Container::getReadinessProbe)))),
                masterWarnings("redis")));
        cases.add(arguments("strict profile: the documented depth-4 readiness and a startupProbe make the stock master pass",
                update(STRICT, REDIS_23, MASTER, "redis", c -> {
                    c.setReadinessProbe(docsProbe(Container::getReadinessProbe));
                    c.setStartupProbe(docsProbe(Container::getStartupProbe));
                }),
                List.of(warning("redis", "liveness timeoutSeconds 6 is not below periodSeconds 5"))));
        cases.add(arguments("strict profile: the documented StatefulSet of docs/probes is allowed without a single warning",
                new Submission(STRICT, null, docsStatefulSet()), List.of()));
        cases.add(arguments("a metrics sidecar with httpGet probes (depth 2) is role other, so no minimum applies: allowed, nothing said"
                        + " about it; the redis container's unchanged probes get their advice once",
                new Submission(DEFAULT, Fixtures.statefulSet(REDIS_19, MASTER), withExporterSidecar(Fixtures.statefulSet(REDIS_19, MASTER))),
                List.of("[probe-depth] 2 findings not caused by this change; rdb-guard audit lists them: container redis")));
        cases.add(arguments("warn mode: a tcpSocket-only redis is allowed, and every violation comes back as a warning",
                update(WARN_MODE, REDIS_19, MASTER, "redis", ProbeDepthHttpsTest::tcpSocketOnly),
                List.of(warning("redis", "readiness depth 1 (port) is below the minimum 3 (serving): tcpSocket"),
                        warning("redis", "liveness depth 1 (port) is below the minimum 2 (protocol): tcpSocket only"),
                        warning("redis", "liveness can restart the server 30 s after it starts"),
                        warning("redis", "readiness and liveness run the same check"))));
        cases.add(arguments("re-applying the stock master unchanged (an UPDATE, same pod template) is allowed with its advice said once",
                new Submission(DEFAULT, Fixtures.statefulSet(REDIS_19, MASTER), Fixtures.statefulSet(REDIS_19, MASTER)),
                List.of("[probe-depth] 2 findings, none enforced as the pod template is unchanged; rdb-guard audit lists them:"
                        + " container redis")));
        StatefulSet shallow = edited(REDIS_19, MASTER, "redis", ProbeDepthHttpsTest::tcpSocketOnly);
        StatefulSet annotated = edited(REDIS_19, MASTER, "redis", ProbeDepthHttpsTest::tcpSocketOnly);
        annotated.getMetadata().setAnnotations(java.util.Map.of("rdb-guard.io/backup", "s3://mastodon-backups/redis-master.rdb"));
        cases.add(arguments("kubectl annotate on a StatefulSet with tcpSocket-only probes (older than rdb-guard) is allowed: no pod"
                        + " restarts, so the probes are enforced when the pod template next changes",
                new Submission(DEFAULT, shallow, annotated),
                List.of("[probe-depth] 4 findings, none enforced as the pod template is unchanged")));
        cases.add(arguments("an UPDATE that deepens tcpSocket-only probes back to the stock ones is allowed: only the new object is judged",
                new Submission(DEFAULT, edited(REDIS_19, MASTER, "redis", ProbeDepthHttpsTest::tcpSocketOnly), Fixtures.statefulSet(REDIS_19, MASTER)),
                masterWarnings("redis")));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void allowed_with_exactly_these_warnings(String verdict, Submission submission, List<String> warnings) throws IOException {
        JsonPath response = submit(submission);

        assertTrue(response.getBoolean("response.allowed"), () -> response.prettify());
        assertNull(response.get("response.status"), () -> response.prettify());
        List<String> actual = response.getList("response.warnings", String.class);
        actual = actual == null ? List.of() : actual;
        assertEquals(warnings.size(), actual.size(), () -> "expected " + warnings + " but got " + response.prettify());
        for (int i = 0; i < warnings.size(); i++) {
            assertTrue(actual.get(i).replaceFirst("^rdb-guard ", "").startsWith(warnings.get(i)),
                    "warning " + i + " should start with " + warnings.get(i) + ": " + actual);
        }
    }

    // ---- denied ----------------------------------------------------------------------------------------------

    /** One line of the denial: "- [probe-depth] container NAME: MESSAGE… Fix: FIX…". */
    record Violation(String container, String message, String fix) {

        String prefix() {
            return "- [probe-depth] container " + container + ": " + message;
        }
    }

    static final String TCP_READINESS = "readiness depth 1 (port) is below the minimum 3 (serving): tcpSocket only proves the port is open;"
            + " depth 3 (serving) proves the server serves now";
    static final String TCP_LIVENESS = "liveness depth 1 (port) is below the minimum 2 (protocol): tcpSocket only proves the port is open;"
            + " depth 2 (protocol) proves the server answers its protocol";
    static final String PONG_READINESS_FIX = "use readinessProbe exec: {command: [\"sh\", \"-c\", \"[ \\\"$(redis-cli -p 6379 ping)\\\" = PONG ]\"]}";
    static final String PING_LIVENESS_FIX = "use livenessProbe exec: {command: [\"redis-cli\", \"-p\", \"6379\", \"ping\"]}";
    static final String STRICT_READINESS = "readiness depth 3 (serving) is below the minimum 4 (configured): %s;"
            + " depth 4 (configured) proves the server serves and runs the intended configuration";
    /** Bitnami mounts its volumeClaimTemplate at /data and supplies the password, so the fix asserts both. */
    static final String CONFIGURED_FIX = "use readinessProbe exec: {command: [\"sh\", \"-c\", \"[ \\\"$(%1$s -p 6379 ping)\\\" = PONG ]"
            + " && [ \\\"$(%1$s -p 6379 config get dir | tail -n 1)\\\" = /data ] && env -u REDISCLI_AUTH %1$s -p 6379 ping | grep -q NOAUTH\"]}"
            + " (rdb-guard docs/probes; REDISCLI_AUTH set from the pod's password)";
    static final String LOCAL_READINESS = "Bitnami's ping_readiness_local.sh fails on anything but PONG, so a loading server is not ready";
    static final Violation STARTUP_GAP = new Violation("redis",
            "liveness can restart the server 45 s after it starts, before a large dataset has loaded (no startupProbe; load budget 300 s)",
            "add startupProbe exec: {command: [\"sh\", \"-c\", \"[ \\\"$(redis-cli -p 6379 ping)\\\" = PONG ]\"]} with periodSeconds: 10, failureThreshold: 30");

    static Stream<Arguments> denied() {
        List<Violation> tcpOnly = List.of(new Violation("redis", TCP_READINESS, PONG_READINESS_FIX), new Violation("redis", TCP_LIVENESS, PING_LIVENESS_FIX));
        return Stream.of(
                arguments("a CREATE of a tcpSocket-only redis is denied: an open port (1) proves neither serving (3) nor an answer (2)",
                        new Submission(DEFAULT, null, edited(REDIS_19, MASTER, "redis", ProbeDepthHttpsTest::tcpSocketOnly)), MASTER, tcpOnly),
                arguments("an UPDATE from the stock probes to tcpSocket-only is denied",
                        update(DEFAULT, REDIS_19, MASTER, "redis", ProbeDepthHttpsTest::tcpSocketOnly), MASTER, tcpOnly),
                arguments("an UPDATE that keeps already shallow tcpSocket probes and changes the pod template is denied too: the new"
                                + " object is judged, not the difference",
                        new Submission(DEFAULT, edited(REDIS_19, MASTER, "redis", ProbeDepthHttpsTest::tcpSocketOnly),
                                edited(REDIS_19, MASTER, "redis", c -> {
                                    tcpSocketOnly(c);
                                    c.setImage("docker.io/bitnami/redis:7.2.5-debian-12-r5");
                                })), MASTER, tcpOnly),
                arguments("a redis without readiness is denied: the pod would be ready while it loads (depth 0, minimum 3)",
                        update(DEFAULT, REDIS_23, MASTER, "redis", c -> c.setReadinessProbe(null)), MASTER,
                        List.of(new Violation("redis", "readiness depth 0 (none) is below the minimum 3 (serving): there is no readinessProbe,"
                                + " so the pod counts as ready as soon as the container starts, even while it loads", PONG_READINESS_FIX))),
                arguments("a liveness that requires PONG (depth 3) is denied: it restarts a loading server, and the load starts again",
                        update(DEFAULT, REDIS_23, MASTER, "redis", c -> c.setLivenessProbe(sh("[ \"$(redis-cli -p 6379 ping)\" = PONG ]"))), MASTER,
                        List.of(new Violation("redis", "liveness depth 3 (serving) is above the maximum 2 (protocol), so it restarts a server that is"
                                + " loading or resyncing: it compares the reply with PONG, so a LOADING server fails it",
                                PING_LIVENESS_FIX + " and keep the deep check in readinessProbe"))),
                arguments("a liveness that greps PING for PONG (depth 3) is denied for the same reason",
                        update(DEFAULT, REDIS_17, MASTER, "redis", c -> c.setLivenessProbe(sh("redis-cli -p 6379 ping | grep -q PONG"))), MASTER,
                        List.of(new Violation("redis", "liveness depth 3 (serving) is above the maximum 2 (protocol), so it restarts a server that is"
                                + " loading or resyncing: \"grep -q PONG\" matches what ping prints only when the server serves",
                                PING_LIVENESS_FIX + " and keep the deep check in readinessProbe"))),
                arguments("the sidecar's httpGet readiness on the redis container itself is denied: an HTTP answer (2) is below a datastore's 3",
                        update(DEFAULT, REDIS_19, MASTER, "redis", c -> c.setReadinessProbe(httpGet("/healthz", "redis"))), MASTER,
                        List.of(new Violation("redis", "readiness depth 2 (protocol) is below the minimum 3 (serving): an HTTP answer on /healthz"
                                + " proves the server responds, not that it is ready", PONG_READINESS_FIX))),
                arguments("a tcpSocket readiness on the valkey 3.0.31 primary is denied, and the fix uses valkey-cli",
                        update(DEFAULT, VALKEY_3, VALKEY_PRIMARY, "valkey", c -> c.setReadinessProbe(tcpSocket())), VALKEY_PRIMARY,
                        List.of(new Violation("valkey", TCP_READINESS, PONG_READINESS_FIX.replace("redis-cli", "valkey-cli")))),
                arguments("strict profile: the stock redis 23.1.1 master is denied: PONG (3) is not proof of a completed start-up"
                                + " configuration (4), and nothing holds liveness off during a long load",
                        installed(STRICT, REDIS_23, MASTER), MASTER,
                        List.of(new Violation("redis", STRICT_READINESS.formatted(LOCAL_READINESS), CONFIGURED_FIX.formatted("redis-cli")), STARTUP_GAP)),
                arguments("strict profile: the stock redis 17.17.1 master is denied the same way",
                        installed(STRICT, REDIS_17, MASTER), MASTER,
                        List.of(new Violation("redis", STRICT_READINESS.formatted(LOCAL_READINESS), CONFIGURED_FIX.formatted("redis-cli")), STARTUP_GAP)),
                arguments("strict profile: the stock valkey 3.0.31 primary is denied the same way, with valkey-cli fixes",
                        installed(STRICT, VALKEY_3, VALKEY_PRIMARY), VALKEY_PRIMARY,
                        List.of(new Violation("valkey", STRICT_READINESS.formatted(LOCAL_READINESS), CONFIGURED_FIX.formatted("valkey-cli")),
                                new Violation("valkey", STARTUP_GAP.message(), STARTUP_GAP.fix().replace("redis-cli", "valkey-cli")))),
                arguments("strict profile: stock redis 19.6.4 replicas are denied on readiness only: having a startupProbe, they have no startup window to deny",
                        installed(STRICT, REDIS_19, REPLICAS), REPLICAS,
                        List.of(new Violation("redis", STRICT_READINESS.formatted("Bitnami's readiness requires PONG from this server and from"
                                + " the master, so LOADING is not ready"), CONFIGURED_FIX.formatted("redis-cli")))),
                arguments("strict profile: the stock redis 23.1.1 sentinel node is denied on its redis container only, sentinel is role other",
                        installed(STRICT, SENTINEL_23, "mastodon-redis-node"), "mastodon-redis-node",
                        List.of(new Violation("redis", STRICT_READINESS.formatted(LOCAL_READINESS), CONFIGURED_FIX.formatted("redis-cli")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("denied")
    void denied_with_every_violation_its_depth_the_minimum_and_a_fix(String verdict, Submission submission, String name,
            List<Violation> violations) throws IOException {
        JsonPath response = submit(submission);

        assertFalse(response.getBoolean("response.allowed"), () -> response.prettify());
        assertEquals(403, response.getInt("response.status.code"));
        String[] lines = response.getString("response.status.message").split("\n");
        assertEquals("rdb-guard denied StatefulSet mastodon/" + name + ": " + violations.size()
                + (violations.size() == 1 ? " violation" : " violations"), lines[0]);
        assertEquals(violations.size(), lines.length - 1, () -> response.prettify());
        for (int i = 0; i < violations.size(); i++) {
            Violation expected = violations.get(i);
            String line = lines[i + 1];
            assertTrue(line.startsWith(expected.prefix()), "expected\n" + expected.prefix() + "\nbut got\n" + line);
            assertTrue(line.contains(" Fix: " + expected.fix()), "expected the fix\n" + expected.fix() + "\nin\n" + line);
        }
    }

    @ParameterizedTest(name = "applying the fixes: {0}")
    @MethodSource("denied")
    void applying_the_suggested_fixes_is_allowed(String verdict, Submission submission, String name, List<Violation> violations) throws IOException {
        String message = submit(submission).getString("response.status.message");
        StatefulSet fixed = submission.object();
        int applied = 0;
        for (String line : message.split("\n")) {
            Matcher fix = SUGGESTED_PROBE.matcher(line);
            if (fix.find()) {
                applyFix(fixed, fix);
                applied++;
            }
        }
        assertEquals(violations.size(), applied, message);

        JsonPath response = submit(submission.with(fixed));
        assertTrue(response.getBoolean("response.allowed"), () -> "the suggested fixes still fail:\n" + response.prettify());
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** A fix as the message writes it: "- … container NAME: … Fix: use KINDProbe exec: {command: [JSON]} [with periodSeconds: P, failureThreshold: F]". */
    static final Pattern SUGGESTED_PROBE = Pattern.compile(
            "container (\\S+): .* Fix: (?:use|add) (readiness|liveness|startup)Probe exec: \\{command: (\\[.*?\\])\\}"
                    + "(?: with periodSeconds: (\\d+), failureThreshold: (\\d+))?");

    private static void applyFix(StatefulSet statefulSet, Matcher fix) throws IOException {
        List<String> command = new ObjectMapper().readValue(fix.group(3), new TypeReference<List<String>>() { });
        ProbeBuilder probe = new ProbeBuilder().withNewExec().withCommand(command).endExec();
        if (fix.group(4) != null) {
            probe.withPeriodSeconds(Integer.valueOf(fix.group(4))).withFailureThreshold(Integer.valueOf(fix.group(5)));
        }
        Container container = container(statefulSet, fix.group(1));
        switch (fix.group(2)) {
            case "readiness" -> container.setReadinessProbe(probe.build());
            case "liveness" -> container.setLivenessProbe(probe.build());
            default -> container.setStartupProbe(probe.build());
        }
    }

    private JsonPath submit(Submission submission) throws IOException {
        TestEnvironment.usePolicy(liveEngine, submission.policy());
        return given().contentType("application/json").body(submission.review())
                .when().post(validate)
                .then().statusCode(200).contentType("application/json")
                .extract().jsonPath();
    }

    /** How a warning starts once shortened (a short one also has "rdb-guard " before it, which the comparison drops). */
    static String warning(String container, String message) {
        return "[probe-depth] container " + container + ": " + message;
    }

    /** Installing the chart as it is: a CREATE of the stock StatefulSet. */
    static Submission installed(String policy, String chart, String name) {
        return new Submission(policy, null, Fixtures.statefulSet(chart, name));
    }

    /** An UPDATE from the stock StatefulSet to one whose container was edited. */
    static Submission update(String policy, String chart, String name, String container, Consumer<Container> edit) {
        return new Submission(policy, Fixtures.statefulSet(chart, name), edited(chart, name, container, edit));
    }

    static StatefulSet edited(String chart, String name, String container, Consumer<Container> edit) {
        StatefulSet statefulSet = Fixtures.statefulSet(chart, name);
        edit.accept(container(statefulSet, container));
        return statefulSet;
    }

    static Container container(StatefulSet statefulSet, String name) {
        return statefulSet.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no container " + name + " in " + statefulSet.getMetadata().getName()));
    }

    static void tcpSocketOnly(Container container) {
        container.setReadinessProbe(tcpSocket());
        container.setLivenessProbe(tcpSocket());
    }

    static Probe tcpSocket() {
        return new ProbeBuilder().withNewTcpSocket().withNewPort("redis").endTcpSocket().build();
    }

    static Probe httpGet(String path, String port) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withNewPort(port).endHttpGet().build();
    }

    static Probe sh(String script) {
        return new ProbeBuilder().withNewExec().withCommand("sh", "-c", script).endExec().build();
    }

    /** A Prometheus exporter next to redis: its probes answer HTTP (depth 2), which a datastore's readiness could not pass with. */
    static StatefulSet withExporterSidecar(StatefulSet statefulSet) {
        statefulSet.getSpec().getTemplate().getSpec().getContainers().add(new ContainerBuilder()
                .withName("metrics").withImage("docker.io/bitnami/redis-exporter:1.62.0-debian-12-r2")
                .addNewPort().withName("metrics").withContainerPort(9121).endPort()
                .withReadinessProbe(httpGet("/metrics", "metrics"))
                .withLivenessProbe(httpGet("/", "metrics"))
                .build());
        return statefulSet;
    }

    /** The StatefulSet of docs/probes, read where users read it, so the documented probes stay the ones that pass. */
    static StatefulSet docsStatefulSet() {
        try {
            return new ObjectMapper(new YAMLFactory()).readValue(Path.of(DOCS_STATEFULSET).toFile(), StatefulSet.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DOCS_STATEFULSET, e);
        }
    }

    static Probe docsProbe(Function<Container, Probe> kind) {
        return kind.apply(container(docsStatefulSet(), "redis"));
    }
}
