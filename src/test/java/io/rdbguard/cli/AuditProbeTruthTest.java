package io.rdbguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.truth.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditProbeTruthTest {

    @TempDir
    Path dir;

    @Test
    void audit_probe_truth_runs_the_admins_examples_against_the_server_and_names_the_claim_it_contradicts() throws Exception {
        Path pong = script("acme-pong.sh", "[ \"$(redis-cli ping)\" = PONG ]");
        Path always = script("acme-ready.sh", "exit 0");
        Path rules = Files.writeString(dir.resolve("rules.yaml"), """
                exec:
                  rules:
                    - name: acme-pong
                      match: ['acme-pong\\.sh']
                      depth: serving
                      explanation: ACME's script requires PONG
                      source: ACME runbook DB-12
                      examples:
                        - {depth: serving, command: [%s]}
                    - name: acme-ready
                      match: ['acme-ready\\.sh']
                      depth: serving
                      explanation: ACME's readiness script
                      source: ACME runbook DB-13
                      examples:
                        - {depth: serving, command: [%s]}
                """.formatted(pong, always));
        try (RedisServer server = RedisServer.start(dir.resolve("data"), Files.createDirectories(dir.resolve("logs")), "audit")) {
            Cli.Run run = Cli.cli().audit("--probe-truth", "--probe-rules", rules.toString(), "--server", "127.0.0.1:" + server.port);
            assertEquals(1, run.exitCode(), run::toString);
            assertTrue(run.out().contains("ok    acme-pong [" + pong + "] claims 3 (serving): serving passed, stopped failed"), run::toString);
            assertTrue(run.out().contains("WRONG acme-ready [" + always + "] claims 3 (serving): serving passed, stopped passed"), run::toString);
            assertTrue(run.out().contains("2 examples run against 127.0.0.1:" + server.port + " (serving) and a stopped port: 1 contradicted."), run::toString);
        }
    }

    @Test
    void audit_probe_truth_needs_rules_and_a_server() {
        Cli.Run run = Cli.cli().audit("--probe-truth", "--server", "localhost");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("--probe-truth needs --probe-rules FILE and --server HOST:PORT"), run::toString);
    }

    private Path script(String name, String body) throws Exception {
        Path script = Files.writeString(dir.resolve(name), "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
