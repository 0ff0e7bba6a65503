package io.rdbguard.core.probe;

import static io.rdbguard.core.probe.Probes.bashEc;
import static io.rdbguard.core.probe.Probes.exec;
import static io.rdbguard.core.probe.Probes.grpc;
import static io.rdbguard.core.probe.Probes.http;
import static io.rdbguard.core.probe.Probes.sh;
import static io.rdbguard.core.probe.Probes.tcp;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.rdbguard.core.workload.Probe;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProbeClassifierTest {

    private static final ProbeClassifier CLASSIFIER = Probes.CLASSIFIER;

    // Bodies of the Bitnami health scripts (mastodon-redis-health ConfigMaps in the shared fixtures), run inline.
    private static final String BITNAMI_READINESS_LOCAL = """
            #!/bin/bash

            [[ -f $REDIS_PASSWORD_FILE ]] && export REDIS_PASSWORD="$(< "${REDIS_PASSWORD_FILE}")"
            [[ -n "$REDIS_PASSWORD" ]] && export REDISCLI_AUTH="$REDIS_PASSWORD"
            response=$(
              timeout -s 15 $1 \\
              redis-cli \\
                -h localhost \\
                -p $REDIS_PORT \\
                ping
            )
            if [ "$?" -eq "124" ]; then
              echo "Timed out"
              exit 1
            fi
            if [ "$response" != "PONG" ]; then
              echo "$response"
              exit 1
            fi
            """;
    private static final String BITNAMI_READINESS_LOCAL_23 = """
            #!/bin/bash

            timeout=$1
            run_redis_command() {
                local args=("-p" "$REDIS_PORT")
                timeout -s 15 $timeout redis-cli "${args[@]}" "$@"
            }

            [[ -f $REDIS_PASSWORD_FILE ]] && export REDIS_PASSWORD="$(< "${REDIS_PASSWORD_FILE}")"
            [[ -n "$REDIS_PASSWORD" ]] && export REDISCLI_AUTH="$REDIS_PASSWORD"
            response=$(run_redis_command ping)
            if [ "$?" -eq "124" ]; then
              echo "Timed out"
              exit 1
            fi
            if [ "$response" != "PONG" ]; then
              echo "$response"
              exit 1
            fi
            """;
    private static final String BITNAMI_LIVENESS_LOCAL_VALKEY = """
            #!/bin/bash

            [[ -f $VALKEY_PASSWORD_FILE ]] && export VALKEY_PASSWORD="$(< "${VALKEY_PASSWORD_FILE}")"
            [[ -n "$VALKEY_PASSWORD" ]] && export REDISCLI_AUTH="$VALKEY_PASSWORD"
            response=$(
              timeout -s 15 $1 \\
              valkey-cli \\
                -h localhost \\
                -p $VALKEY_PORT \\
                ping
            )
            if [ "$?" -eq "124" ]; then
              echo "Timed out"
              exit 1
            fi
            responseFirstWord=$(echo $response | head -n1 | awk '{print $1;}')
            if [ "$response" != "PONG" ] && [ "$responseFirstWord" != "LOADING" ] && [ "$responseFirstWord" != "MASTERDOWN" ]; then
              echo "$response"
              exit 1
            fi
            """;
    private static final String BITNAMI_READINESS_MASTER = BITNAMI_READINESS_LOCAL.replace("-h localhost", "-h $REDIS_MASTER_HOST");
    private static final String DRAGONFLY_HEALTHCHECK_INLINE = """
            if ! timeout 3 redis-cli -h localhost -p 6379 PING 2>/dev/null | grep -q "PONG"; then
              exit 1
            fi
            timeout 3 redis-cli -h localhost -p 6379 INFO PERSISTENCE | grep -q "^loading:0"
            """;
    /** The readiness script of docs/probes/statefulset-probes.yaml, verbatim. */
    static final String DOCS_CONFIGURED_READINESS = """
            set -e
            [ "$(redis-cli -p 6379 ping)" = PONG ]
            [ "$(redis-cli -p 6379 config get dir | tail -n 1)" = /data ]
            env -u REDISCLI_AUTH redis-cli -p 6379 ping | grep -q NOAUTH
            """;

    static Stream<Arguments> probes() {
        return Stream.of(
                // Bitnami redis 17.x-19.x and valkey 1.x/3.x: sh -c wrappers
                arguments("bitnami master readiness (sh -c)", sh("/health/ping_readiness_local.sh 1"), Depth.SERVING, "anything but PONG", false),
                arguments("bitnami master liveness (sh -c)", sh("/health/ping_liveness_local.sh 5"), Depth.PROTOCOL, "accepts LOADING", false),
                arguments("bitnami replica readiness (sh -c)", sh("/health/ping_readiness_local_and_master.sh 1"), Depth.SERVING, "and from the master", true),
                arguments("bitnami replica liveness (sh -c)", sh("/health/ping_liveness_local_and_master.sh 5"), Depth.PROTOCOL, "fails whenever the master does not answer", true),
                arguments("bitnami replica startup (tcpSocket redis)", tcp("redis"), Depth.PORT, "port is open", false),
                arguments("bitnami sentinel readiness (sh -c)", sh("/health/ping_sentinel.sh 1"), Depth.PROTOCOL, "Sentinel", false),
                arguments("bitnami sentinel liveness (sh -c)", sh("/health/ping_sentinel.sh 5"), Depth.PROTOCOL, "Sentinel", false),
                arguments("valkey 3.x replica readiness (primary)", sh("/health/ping_readiness_local_and_primary.sh 1"), Depth.SERVING, "PONG", true),
                arguments("valkey 3.x replica liveness (primary)", sh("/health/ping_liveness_local_and_primary.sh 5"), Depth.PROTOCOL, "LOADING", true),
                // Bitnami redis 20.x and 23.x: /bin/bash -ec wrappers
                arguments("bitnami 20+ master readiness (bash -ec)", bashEc("/health/ping_readiness_local.sh 1"), Depth.SERVING, "PONG", false),
                arguments("bitnami 20+ master liveness (bash -ec)", bashEc("/health/ping_liveness_local.sh 5"), Depth.PROTOCOL, "LOADING", false),
                arguments("bitnami 20+ replica readiness (bash -ec)", bashEc("/health/ping_readiness_local_and_master.sh 1"), Depth.SERVING, "master", true),
                arguments("bitnami 20+ replica liveness (bash -ec)", bashEc("/health/ping_liveness_local_and_master.sh 5"), Depth.PROTOCOL, "master", true),
                arguments("bitnami 23 sentinel readiness (bash -ec)", bashEc("/health/ping_sentinel.sh 1"), Depth.PROTOCOL, "Sentinel", false),
                arguments("bitnami 23 sentinel liveness (bash -ec)", bashEc("/health/ping_sentinel.sh 5"), Depth.PROTOCOL, "Sentinel", false),
                arguments("bitnami master-only readiness script", sh("/health/ping_readiness_master.sh 1"), Depth.NONE, "only the master", true),
                // The Bitnami script bodies, inline
                arguments("bitnami readiness body inline", bashEc(BITNAMI_READINESS_LOCAL), Depth.SERVING, "compares the reply with PONG", false),
                arguments("bitnami 23 readiness body (shell function) inline", bashEc(BITNAMI_READINESS_LOCAL_23), Depth.SERVING, "PONG", false),
                arguments("bitnami valkey liveness body inline", bashEc(BITNAMI_LIVENESS_LOCAL_VALKEY), Depth.PROTOCOL, "LOADING or MASTERDOWN", false),
                arguments("bitnami master readiness body inline pings only the master", bashEc(BITNAMI_READINESS_MASTER), Depth.NONE, "checks only another pod", true),
                // Common chart styles
                arguments("plain redis-cli ping", exec("redis-cli", "ping"), Depth.PROTOCOL, "exits 0 on error replies such as -LOADING", false),
                arguments("plain valkey-cli ping", exec("valkey-cli", "ping"), Depth.PROTOCOL, "exit code only", false),
                arguments("redict-cli ping", exec("redict-cli", "-p", "6379", "ping"), Depth.PROTOCOL, "exit code only", false),
                arguments("keydb-cli ping", exec("keydb-cli", "ping"), Depth.PROTOCOL, "exit code only", false),
                arguments("keydb-cli ping piped to grep PONG", sh("keydb-cli -p 6379 ping | grep -q PONG"), Depth.SERVING, "PONG", false),
                arguments("redis-cli -a $PASS ping | grep PONG", sh("redis-cli -a $REDIS_PASSWORD ping | grep PONG"), Depth.SERVING, "PONG", false),
                arguments("uppercase PING with grep -q", sh("redis-cli PING | grep -q PONG"), Depth.SERVING, "PONG", false),
                arguments("output compared in a test", sh("[ \"$(redis-cli ping)\" = \"PONG\" ]"), Depth.SERVING, "PONG", false),
                arguments("bash -o pipefail -c wrapper", exec("bash", "-o", "pipefail", "-c", "redis-cli ping | grep PONG"), Depth.SERVING, "PONG", false),
                arguments("variable then comparison (two statements)", sh("response=$(redis-cli ping); [ \"$response\" = PONG ]"), Depth.SERVING, "PONG", false),
                arguments("--tls with client certs", sh("redis-cli --tls --cacert /tls/ca.crt --cert /tls/tls.crt --key /tls/tls.key -h localhost -p 6379 ping | grep PONG"),
                        Depth.SERVING, "PONG", false),
                arguments("--user/--pass and REDISCLI_AUTH, exit code only", sh("REDISCLI_AUTH=\"$(cat /secrets/pw)\" redis-cli --user probe ping"),
                        Depth.PROTOCOL, "exit code", false),
                arguments("redis-cli -e exits 1 on -LOADING", exec("redis-cli", "-e", "ping"), Depth.SERVING, "-e exits 1", false),
                arguments("grep accepting LOADING", sh("redis-cli ping | grep -E 'PONG|LOADING'"), Depth.PROTOCOL, "also matches \"LOADING Redis is loading", false),
                arguments("bare info", exec("redis-cli", "info"), Depth.PROTOCOL, "INFO answers while loading", false),
                arguments("unanchored loading:0 matches async_loading:0 while loading", sh("redis-cli info persistence | grep -q loading:0"), Depth.PROTOCOL,
                        "also matches \"async_loading:0\" while the dataset loads (observed on Redis 7.0.15), so it passes while the dataset loads; anchor the pattern", false),
                arguments("anchored ^loading:0 still passes on MASTERDOWN", sh("redis-cli info persistence | grep -q '^loading:0'"), Depth.PROTOCOL,
                        "also matches \"loading:0\" on a replica whose master is down", false),
                arguments("-w loading:0 does not match async_loading:0", sh("redis-cli info persistence | grep -w loading:0"), Depth.PROTOCOL,
                        "on a replica whose master is down", false),
                arguments("-x loading:0 never matches: INFO lines end in \\r", sh("redis-cli info persistence | grep -x loading:0"), Depth.NONE,
                        "matches no line that info persistence prints on a server that serves", false),
                arguments("loading:0$ never matches either", sh("redis-cli info persistence | grep 'loading:0$'"), Depth.NONE, "never passes", false),
                arguments("-v LOADING passes on NOAUTH", sh("redis-cli ping | grep -v LOADING"), Depth.PROTOCOL, "when the password is missing or wrong", false),
                arguments("-F -x PONG serves", sh("redis-cli ping | grep -Fxq PONG"), Depth.SERVING, "only when the server serves", false),
                arguments("-i pong serves", sh("redis-cli ping | grep -qi pong"), Depth.SERVING, "only when the server serves", false),
                arguments("info replication master_link_status:up never passes on a master", sh("redis-cli info replication | grep master_link_status:up"),
                        Depth.NONE, "it never passes on a master: \"grep master_link_status:up\" matches what info replication prints only on a replica", true),
                arguments("ping against another host only", sh("redis-cli -h redis-master.db.svc ping | grep PONG"), Depth.NONE, "checks only another pod, not this server", true),
                arguments("ping of this server and the master", sh("[ \"$(redis-cli ping)\" = PONG ] && [ \"$(redis-cli -h $REDIS_MASTER_HOST ping)\" = PONG ]"),
                        Depth.SERVING, "PONG", true),
                arguments("ping against $(hostname) is local", sh("redis-cli -h $(hostname) ping | grep PONG"), Depth.SERVING, "PONG", false),
                arguments("a URI naming another host", exec("redis-cli", "-u", "redis://:secret@redis-primary:6379", "ping"), Depth.NONE, "checks only another pod", true),
                arguments("an ambiguous host variable is not another pod", sh("redis-cli -h $REDIS_HOST ping | grep PONG"), Depth.SERVING, "PONG", false),
                arguments("tcpSocket 6379", tcp("6379"), Depth.PORT, "port is open", false),
                arguments("httpGet /healthz", http("/healthz", "8080"), Depth.PROTOCOL, "not that it is ready", false),
                arguments("httpGet /readyz", http("/readyz", "8080"), Depth.SERVING, "readiness endpoint", false),
                arguments("httpGet /q/health/ready", http("/q/health/ready", "http"), Depth.SERVING, "MicroProfile", false),
                arguments("httpGet /actuator/health/readiness?verbose", http("/actuator/health/readiness?verbose=1", "8080"), Depth.SERVING, "Spring", false),
                arguments("grpc without a service", grpc(9090, null), Depth.PROTOCOL, "gRPC health check proves", false),
                arguments("grpc with a service name", grpc(9090, "readiness"), Depth.PROTOCOL, "service \"readiness\"", false),
                arguments("dragonfly chart healthcheck.sh", exec("/bin/sh", "/usr/local/bin/healthcheck.sh"), Depth.PROTOCOL, "Dragonfly", false),
                arguments("dragonfly httpGet /metrics", http("/metrics", "admin"), Depth.PROTOCOL, "/metrics", false),
                arguments("dragonfly-style PONG + loading:0 inline", sh(DRAGONFLY_HEALTHCHECK_INLINE), Depth.SERVING, "only when the server serves", false),
                // Chains: && takes the strongest, || the weakest
                arguments("|| falls back to the exit code", sh("redis-cli ping | grep PONG || redis-cli ping"), Depth.PROTOCOL, "an || alternative passes on less", false),
                arguments("|| true always passes", sh("redis-cli ping | grep PONG || true"), Depth.NONE, "always succeeds", false),
                arguments("|| exit 1 changes nothing", sh("redis-cli ping | grep -q PONG || exit 1"), Depth.SERVING, "PONG", false),
                arguments("a marker alone", sh("test -f /data/.configured"), Depth.NONE, "a marker file proves only that the entrypoint's steps exited 0", false),
                arguments("a marker and an exit code", sh("test -f /data/.configured && redis-cli ping"), Depth.PROTOCOL, "exit code", false),
                arguments("a marker adds nothing to PONG", sh("[ -e /data/.configured ] && redis-cli ping | grep -q PONG"), Depth.SERVING, "only when the server serves", false),
                arguments("a marker or PONG", sh("test -f /data/.configured || [ \"$(redis-cli ping)\" = PONG ]"), Depth.NONE, "an || alternative passes on less: a marker file", false),
                arguments("a subshell and a marker", sh("( redis-cli ping | grep PONG ) && test -f /tmp/.rdb-guard-configured"), Depth.SERVING, "only when the server serves", false),
                arguments("docs/probes configured readiness", sh(DOCS_CONFIGURED_READINESS), Depth.CONFIGURED,
                        "asserts against the running server that its data directory is the persistent volume at /data and that it refuses a client without the pod's password", false),
                // What the kubelet runs: argv without a shell, the last statement, negation, forced success
                arguments("argv with a pipe runs no shell", exec("redis-cli", "ping", "|", "grep", "-q", "PONG"), Depth.PROTOCOL,
                        "the kubelet runs an exec argv without a shell, so \"|\" and what follows are arguments to redis-cli", false),
                arguments("! inverts the PONG check", sh("! redis-cli ping | grep -q PONG"), Depth.NONE, "\"!\" inverts \"redis-cli ping | grep -q PONG\"", false),
                arguments("; exit 0 after the check", sh("redis-cli ping | grep -q PONG; exit 0"), Depth.NONE, "\"exit 0\" ends the script with success whatever ran before it", false),
                arguments("a trailing true", sh("[ \"$(redis-cli ping)\" = PONG ]\ntrue"), Depth.NONE, "\"true\" always succeeds", false),
                arguments("|| exit 1 then exit 0", sh("redis-cli ping | grep -q PONG || exit 1; exit 0"), Depth.SERVING, "only when the server serves", false),
                arguments("set -e makes every statement count", sh("set -e\nredis-cli ping | grep -q PONG\necho ok"), Depth.SERVING, "only when the server serves", false),
                arguments("bash -ec makes every statement count", bashEc("redis-cli ping | grep -q PONG; echo ok"), Depth.SERVING, "only when the server serves", false),
                arguments("if ... then exit 1 is a guard", sh("if ! timeout 2 redis-cli ping | grep -q PONG; then echo down; exit 1; fi"), Depth.SERVING,
                        "only when the server serves", false),
                arguments("the last statement decides", sh("redis-cli ping | grep -q PONG; redis-cli ping"), Depth.PROTOCOL, "exit code", false),
                arguments("bash /dev/tcp is a port check", exec("bash", "-c", "</dev/tcp/127.0.0.1/6379"), Depth.PORT, "only proves the port is open", false),
                arguments("timeout wraps the CLI", exec("timeout", "2", "redis-cli", "-e", "ping"), Depth.SERVING, "-e exits 1", false),
                arguments("always true", sh("true"), Depth.NONE, "always succeeds", false),
                arguments("an unknown script", exec("/opt/custom/check.sh"), Depth.PROTOCOL, "add an exec rule", false),
                arguments("the Kubernetes docs' cat /tmp/healthy", exec("cat", "/tmp/healthy"), Depth.PROTOCOL, "no rule", false));
    }

    /** Graded for the example pod: a master with its data on a persistent volume at /data and a password. */
    @ParameterizedTest(name = "{0} is graded {2}")
    @MethodSource("probes")
    void every_probe_gets_its_depth_and_a_reason(String description, Probe probe, Depth depth, String because, boolean otherPod) {
        Classification result = CLASSIFIER.classify(probe, ServerContext.EXAMPLE);
        assertAll(
                () -> assertEquals(depth, result.depth(), () -> description + ": " + result.explanation()),
                () -> assertTrue(result.explanation().contains(because), () -> "explanation was: " + result.explanation()),
                () -> assertEquals(otherPod, result.dependsOnOtherPod(), "depends on another pod"));
    }

    @Test
    void a_probe_graded_before_is_graded_again_for_a_pod_that_differs() {
        ProbeClassifier classifier = new ProbeClassifier(Probes.CLASSIFIER_RULES);
        Probe configured = sh(DOCS_CONFIGURED_READINESS);
        assertEquals(Depth.CONFIGURED, classifier.classify(configured, ServerContext.EXAMPLE).depth());
        // the same probe in a pod with no persistent volume at the directory it asserts proves less
        assertEquals(Depth.SERVING, classifier.classify(configured, ServerContext.UNKNOWN).depth());
        assertEquals(Depth.CONFIGURED, classifier.classify(configured, ServerContext.EXAMPLE).depth());
    }

    @Test
    void a_flood_of_distinct_probes_keeps_what_is_remembered_bounded_and_every_grade_right() {
        ProbeClassifier classifier = new ProbeClassifier(Probes.CLASSIFIER_RULES);
        Probe bitnami = sh(BITNAMI_READINESS_LOCAL);
        Classification before = classifier.classify(bitnami, ServerContext.EXAMPLE);
        for (int port = 0; port < 2 * ProbeClassifier.MEMO_LIMIT; port++) {
            assertEquals(Depth.PROTOCOL, classifier.classify(exec("redis-cli", "-p", String.valueOf(port), "ping"), ServerContext.EXAMPLE).depth());
        }
        assertTrue(classifier.remembered() <= ProbeClassifier.MEMO_LIMIT, "remembers " + classifier.remembered() + " probes");
        assertEquals(before, classifier.classify(bitnami, ServerContext.EXAMPLE));
    }

    @Test
    void a_probe_too_long_to_remember_is_still_graded_every_time() {
        ProbeClassifier classifier = new ProbeClassifier(Probes.CLASSIFIER_RULES);
        Probe padded = sh("redis-cli ping | grep -q PONG" + " ".repeat(ProbeClassifier.LONGEST_REMEMBERED));
        for (int i = 0; i < 2; i++) {
            assertEquals(Depth.SERVING, classifier.classify(padded, ServerContext.EXAMPLE).depth());
        }
        assertEquals(0, classifier.remembered());
    }
}
