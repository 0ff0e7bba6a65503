package io.rdbguard.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.rdbguard.cli.ProbeRunner;
import io.rdbguard.core.probe.Depth;
import io.rdbguard.core.probe.ProbeExample;
import io.rdbguard.core.probe.ProbeRules;
import io.rdbguard.data.ProbeRulesLoader;
import io.rdbguard.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every rule's examples, run against real servers (Debian redis-server/redis-tools 7.0.15) in each state a depth
 * claims to tell apart. A claim the servers contradict fails the build. The observed table is written to
 * target/probe-truth/truth-table.md and must equal docs/probes/truth-table.md (regenerate it with
 * {@code mvn -B -ntp test -Dtest=ProbeTruthTest -Drdbguard.truth.write=true}).
 */
class ProbeTruthTest {

    /** The servers' states, as columns of the table. */
    enum State {
        STOPPED("stopped", "nothing listens on the port"),
        LOADING("loading", "the dataset is loading (INFO loading:1 before and after the probe)"),
        SERVING("serving", "a master with the intended configuration: dir is the pod's /data, requirepass set, the probe has the password"),
        AUTH_MISSING("no auth", "as serving, but the probe's environment has no password"),
        AUTH_WRONG("wrong auth", "as serving, but the probe's password is wrong"),
        MASTERDOWN("masterdown", "a replica whose master is down, replica-serve-stale-data no"),
        MASTERDOWN_STALE("stale", "a replica whose master is down, replica-serve-stale-data yes"),
        REPLICA("replica", "a replica whose link to its master is up"),
        WRONG_DIR("wrong dir", "serving, but started with another dir than the pod's /data"),
        NO_PASSWORD("no requirepass", "serving from /data, but started without requirepass");

        final String column;
        final String meaning;

        State(String column, String meaning) {
            this.column = column;
            this.meaning = meaning;
        }
    }

    private record Row(String rule, ProbeExample example, Map<State, Boolean> passes) {
    }

    private static final int LOAD_KEYS = 10_000;
    private static final String LOAD_DELAY_MICROS = "2000";   // 10000 keys x 2 ms: a 20 s load window

    @TempDir
    static Path root;

    private static ExamplePod pod;
    private static Path logs;
    private static Path dump;
    private static final Map<State, RedisServer> SERVERS = new EnumMap<>(State.class);
    private static RedisServer other;
    private static RedisServer loading;
    private static int stoppedPort;

    @BeforeAll
    static void startServers() throws Exception {
        assertTrue(Files.isExecutable(RedisServer.SERVER) && Files.isExecutable(RedisServer.CLI),
                "the truth suite needs Debian's redis-server and redis-tools: apt-get install -y redis-server redis-tools (.ci/run does)");
        pod = new ExamplePod(root);
        logs = Files.createDirectories(pod.root.resolve("logs"));
        materialiseBitnamiScripts();
        dump = makeDump();
        String auth = "requirepass " + ExamplePod.PASSWORD;
        String masterAuth = "masterauth " + ExamplePod.PASSWORD;
        other = RedisServer.start(pod.root.resolve("other"), logs, "other", auth);
        SERVERS.put(State.SERVING, RedisServer.start(pod.data, logs, "serving", auth));
        // Every server but wrong-dir runs from the pod's /data (own dump file names; none saves), as the pod's would.
        SERVERS.put(State.MASTERDOWN, RedisServer.start(pod.data, logs, "masterdown", auth, masterAuth,
                "replicaof 127.0.0.1 " + RedisServer.freePort(), "replica-serve-stale-data no"));
        SERVERS.put(State.MASTERDOWN_STALE, RedisServer.start(pod.data, logs, "stale", auth, masterAuth,
                "replicaof 127.0.0.1 " + RedisServer.freePort(), "replica-serve-stale-data yes"));
        SERVERS.put(State.REPLICA, RedisServer.start(pod.data, logs, "replica", auth, masterAuth,
                "replicaof 127.0.0.1 " + other.port));
        SERVERS.put(State.WRONG_DIR, RedisServer.start(pod.root.resolve("elsewhere"), logs, "wrong-dir", auth));
        SERVERS.put(State.NO_PASSWORD, RedisServer.start(pod.data, logs, "no-password"));
        stoppedPort = RedisServer.freePort();
        awaitLinkUp(SERVERS.get(State.REPLICA));
    }

    @AfterAll
    static void stopServers() {
        SERVERS.values().forEach(RedisServer::close);
        if (other != null) {
            other.close();
        }
        if (loading != null) {
            loading.close();
        }
    }

    @Test
    void every_rule_example_does_on_real_servers_what_its_depth_claims() throws Exception {
        ProbeRules rules = ProbeRulesLoader.builtIn();
        List<Row> rows = new ArrayList<>();
        rules.execRules().forEach(r -> r.examples().forEach(e -> rows.add(new Row(r.name(), e, new EnumMap<>(State.class)))));
        rules.builtInExamples().forEach(r -> r.examples().forEach(e -> rows.add(new Row(r.name(), e, new EnumMap<>(State.class)))));
        List<Row> runnable = rows.stream().filter(r -> r.example().notRun() == null).toList();
        assertTrue(runnable.size() >= 40, "the truth suite runs at least 40 realistic commands, not " + runnable.size());

        // The steady states have servers of their own: probe them side by side (each probe is a process or two).
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (State state : State.values()) {
                if (state != State.LOADING) {
                    work.add(pool.submit(() -> {
                        for (Row row : runnable) {
                            boolean passed = run(row.example(), state);
                            synchronized (row.passes()) {
                                row.passes().put(state, passed);
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> done : work) {
                done.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        runWhileLoading(runnable);

        List<String> contradictions = new ArrayList<>();
        for (Row row : runnable) {
            String measured = measured(row.passes());
            if (!measured.equals(claim(row.example().depth()))) {
                contradictions.add("rule " + row.rule() + ": " + row.example().command() + " claims " + row.example().depth().describe()
                        + " but the servers show " + measured + ": " + row.passes());
            }
        }
        String table = table(rows);
        Path written = Files.createDirectories(Path.of("target/probe-truth")).resolve("truth-table.md");
        Files.writeString(written, table);
        Path committed = Path.of("docs/probes/truth-table.md");
        if (Boolean.getBoolean("rdbguard.truth.write")) {
            Files.writeString(committed, table);
        }
        assertTrue(contradictions.isEmpty(), () -> "real servers contradict these claims:\n" + String.join("\n", contradictions));
        assertEquals(Files.exists(committed) ? Files.readString(committed) : "", table,
                "docs/probes/truth-table.md differs from what the servers showed (" + written
                        + "); regenerate: mvn -B -ntp test -Dtest=ProbeTruthTest -Drdbguard.truth.write=true");
    }

    /** The depth the outcomes prove: what the example's claim must be (1 and 2 look alike from outside). */
    private static String measured(Map<State, Boolean> passes) {
        if (passes.get(State.STOPPED) || !passes.get(State.SERVING)) {
            return "0 (none)";
        }
        boolean serving = List.of(State.LOADING, State.AUTH_MISSING, State.AUTH_WRONG, State.MASTERDOWN).stream().noneMatch(passes::get);
        if (!serving) {
            return "1-2 (port or protocol)";
        }
        return passes.get(State.WRONG_DIR) || passes.get(State.NO_PASSWORD) ? "3 (serving)" : "4 (configured)";
    }

    private static String claim(Depth depth) {
        return switch (depth) {
            case NONE -> "0 (none)";
            case PORT, PROTOCOL -> "1-2 (port or protocol)";
            default -> depth.describe();
        };
    }

    private static boolean run(ProbeExample example, State state) throws IOException, InterruptedException {
        String password = switch (state) {
            case AUTH_MISSING -> null;
            case AUTH_WRONG -> "wrong-" + ExamplePod.PASSWORD;
            default -> ExamplePod.PASSWORD;
        };
        RedisServer server = switch (state) {
            case STOPPED -> null;
            case LOADING -> loading;
            case AUTH_MISSING, AUTH_WRONG -> SERVERS.get(State.SERVING);
            default -> SERVERS.get(state);
        };
        int port = server == null ? stoppedPort : server.port;
        return pod.runner.passes(example.command(), new ProbeRunner.Target("127.0.0.1", port, "127.0.0.1", other.port, password));
    }

    /**
     * Runs every example against a server that is loading, and keeps the outcome only when INFO said loading:1 both
     * before and after the probe; when the load has finished, a fresh server loads the dump again.
     */
    private static void runWhileLoading(List<Row> rows) throws Exception {
        for (Row row : rows) {
            for (int attempt = 0; ; attempt++) {
                assertTrue(attempt < 5, "the dump loads too fast to probe while loading");
                if (loading == null || !isLoading()) {
                    restartLoading();
                }
                boolean passed = run(row.example(), State.LOADING);
                if (isLoading()) {
                    row.passes().put(State.LOADING, passed);
                    break;
                }
            }
        }
    }

    private static boolean isLoading() throws IOException, InterruptedException {
        return loading.info(ExamplePod.PASSWORD, "loading").equals("1");
    }

    private static void restartLoading() throws Exception {
        if (loading != null) {
            loading.close();
        }
        Path dir = pod.data;
        Files.copy(dump, dir.resolve("loading.rdb"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // key-load-delay stretches the load of a small dump to seconds; events are processed every KiB, so the server
        // answers (LOADING, INFO) while it loads, as a large dataset's server does
        loading = RedisServer.start(dir, logs, "loading", "requirepass " + ExamplePod.PASSWORD,
                "key-load-delay " + LOAD_DELAY_MICROS, "loading-process-events-interval-bytes 1024");
    }

    /** A dump of LOAD_KEYS keys, made once per suite with DEBUG POPULATE. */
    private static Path makeDump() throws Exception {
        Path dir = pod.root.resolve("dump");
        try (RedisServer maker = RedisServer.start(dir, logs, "dump", "enable-debug-command local")) {
            maker.cli(null, "debug", "populate", String.valueOf(LOAD_KEYS), "key", "64");
            maker.cli(null, "save");
        }
        return dir.resolve("dump.rdb");
    }

    private static void awaitLinkUp(RedisServer replica) throws Exception {
        for (int i = 0; i < 200 && !replica.info(ExamplePod.PASSWORD, "master_link_status").equals("up"); i++) {
            Thread.sleep(50);
        }
        assertEquals("up", replica.info(ExamplePod.PASSWORD, "master_link_status"), "the replica did not sync with its master");
    }

    /** Bitnami's health scripts, exactly as the redis 20.13.4 chart renders them, under /health. */
    private static void materialiseBitnamiScripts() throws IOException {
        ConfigMap health = Fixtures.objects("bitnami-redis/redis-20.13.4-replication.yaml").stream()
                .filter(o -> o instanceof ConfigMap && o.getMetadata().getName().equals("mastodon-redis-health"))
                .map(ConfigMap.class::cast).findFirst().orElseThrow();
        for (Map.Entry<String, String> script : health.getData().entrySet()) {
            pod.addScript(script.getKey(), script.getValue());
        }
    }

    private static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("# Probe truth table\n\n")
                .append("Generated by `ProbeTruthTest` (`mvn -B -ntp verify`); do not edit. Each rule's example commands (from\n")
                .append("`src/main/resources/rdb-guard/probe-rules.yaml`) were run as the kubelet runs them, against Debian's\n")
                .append("redis-server/redis-tools **7.0.15** on loopback, in each state below: ✅ passed (exit 0 within 5 s), ❌ failed.\n")
                .append("The example pod: `/data` is its persistent volume (the intended `dir`), it supplies a password (env\n")
                .append("`REDIS_PASSWORD`, `REDISCLI_AUTH`), `/health` holds Bitnami's scripts (chart redis 20.13.4), and any host other\n")
                .append("than localhost is the master, which is up. \"measured\" is the depth the outcomes prove: 0 when the probe\n")
                .append("passes with the server stopped or fails on a healthy one; 3 when it also fails while loading, without or with a\n")
                .append("wrong password, and on MASTERDOWN; 4 when it also fails with the wrong `dir` and without `requirepass`.\n\n");
        for (State state : State.values()) {
            out.append("- **").append(state.column).append("**: ").append(state.meaning).append('\n');
        }
        out.append("\n| rule | command | claimed | measured |");
        for (State state : State.values()) {
            out.append(' ').append(state.column).append(" |");
        }
        out.append("\n|---|---|---|---|").append("---|".repeat(State.values().length)).append('\n');
        for (Row row : rows) {
            String command = row.example().command().stream().map(ProbeTruthTest::quoted).collect(Collectors.joining(", ", "[", "]"));
            out.append("| ").append(row.rule()).append(" | `").append(command.replace("|", "\\|")).append("` | ")
                    .append(row.example().depth().describe()).append(" | ");
            if (row.example().notRun() != null) {
                out.append("not run: ").append(row.example().notRun()).append(" |").append(" |".repeat(State.values().length)).append('\n');
                continue;
            }
            out.append(measured(row.passes())).append(" |");
            for (State state : State.values()) {
                out.append(row.passes().get(state) ? " ✅ |" : " ❌ |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String quoted(String arg) {
        return arg.matches("[\\w/.:=-]+") ? arg : "'" + arg.replace("\n", "\\n") + "'";
    }
}
