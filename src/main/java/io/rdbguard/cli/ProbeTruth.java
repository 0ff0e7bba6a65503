package io.rdbguard.cli;

import io.rdbguard.core.probe.Depth;
import io.rdbguard.core.probe.ExecRule;
import io.rdbguard.core.probe.ProbeExample;
import io.rdbguard.core.probe.ProbeRules;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * {@code audit --probe-truth}: runs the examples of the admin's probe rules against a server the admin points at, in
 * the two states that server can show on demand: serving (as it is) and stopped (a loopback port nothing listens on).
 * A depth of 1 or more claims the probe fails when the server is down and passes when it serves; depth 0 claims it
 * proves nothing (it passes when down, or fails on a serving server). The other states (loading, auth, MASTERDOWN,
 * configuration) need servers rdb-guard starts itself: the truth suite, docs/probes/truth-table.md.
 */
final class ProbeTruth {

    static final int CONTRADICTED = 1;

    private ProbeTruth() {
    }

    /** Exit 0 when the server confirms every runnable claim, {@link #CONTRADICTED} when it contradicts one. */
    static int run(List<ExecRule> rules, String host, int port, String password, PrintWriter out) throws IOException, InterruptedException {
        Path cli = onPath("redis-cli").orElseThrow(() -> new IOException("redis-cli is not on PATH; install redis-tools (or the server's CLI)"));
        Path root = Files.createTempDirectory("rdb-guard-probe-truth");
        ProbeRunner runner = new ProbeRunner(root, cli, UnaryOperator.identity());
        ProbeRunner.Target serving = new ProbeRunner.Target(host, port, host, port, password);
        ProbeRunner.Target stopped = new ProbeRunner.Target("127.0.0.1", freePort(), host, port, password);
        int run = 0;
        int contradicted = 0;
        for (ExecRule rule : rules) {
            for (ProbeExample example : rule.examples()) {
                if (example.notRun() != null) {
                    out.println("skip  " + rule.name() + " " + example.command() + ": " + example.notRun());
                    continue;
                }
                boolean passesServing = runner.passes(example.command(), serving);
                boolean passesStopped = runner.passes(example.command(), stopped);
                boolean provesNothing = passesStopped || !passesServing;
                boolean holds = example.depth() == Depth.NONE ? provesNothing : !provesNothing;
                run++;
                contradicted += holds ? 0 : 1;
                out.println((holds ? "ok    " : "WRONG ") + rule.name() + " " + example.command() + " claims " + example.depth().describe()
                        + ": serving " + (passesServing ? "passed" : "failed") + ", stopped " + (passesStopped ? "passed" : "failed"));
            }
        }
        out.println(run + " examples run against " + host + ":" + port + " (serving) and a stopped port: " + contradicted + " contradicted."
                + " Loading, auth, MASTERDOWN and configuration states are checked by rdb-guard's truth suite (docs/probes/truth-table.md).");
        return contradicted == 0 ? 0 : CONTRADICTED;
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
