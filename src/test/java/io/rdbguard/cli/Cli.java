package io.rdbguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/** Runs {@code rdb-guard audit} in-process, as the jar would, with captured stdout and stderr. */
final class Cli {

    /** Where the clock stands unless a test passes --now: the day the shared fixtures were rendered. */
    static final Instant NOW = Instant.parse("2026-11-25T20:00:00Z");

    record Run(int exitCode, String out, String err) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (Exception e) {
                throw new AssertionError("stdout is not JSON:\n" + out + "\nstderr:\n" + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private String stdin = "";
    private boolean terminal;
    private Map<String, String> variables = Map.of();
    private Supplier<KubernetesClient> cluster = () -> {
        throw new AssertionError("this test has no cluster");
    };

    static Cli cli() {
        return new Cli();
    }

    Cli stdin(String text) {
        this.stdin = text;
        return this;
    }

    /** stdout and stderr are terminals. */
    Cli onTerminal() {
        this.terminal = true;
        return this;
    }

    Cli environment(Map<String, String> variables) {
        this.variables = variables;
        return this;
    }

    Cli cluster(Supplier<KubernetesClient> cluster) {
        this.cluster = cluster;
        return this;
    }

    Run audit(String... args) {
        AuditEnvironment environment = new AuditEnvironment(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                terminal, terminal, variables, Clock.fixed(NOW, ZoneOffset.UTC), context -> cluster.get());
        return run(new CommandLine(new AuditCommand(environment)), args);
    }

    /** The whole command line ({@code rdb-guard ARGS}), e.g. -V or help; serve is not started by these tests. */
    Run main(String... args) {
        return run(new CommandLine(new RdbGuardCommand()), args);
    }

    private static Run run(CommandLine command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exitCode = command.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** The path of a test resource, e.g. {@code fixtures/bitnami-redis/redis-19.6.4-replication.yaml}. */
    static String resource(String name) {
        try {
            var url = Cli.class.getResource("/" + name);
            if (url == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String fixture(String name) {
        return resource("fixtures/" + name);
    }
}
