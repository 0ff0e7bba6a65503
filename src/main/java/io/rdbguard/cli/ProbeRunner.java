package io.rdbguard.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Runs an exec probe as the kubelet does: the argv directly (no shell unless the argv has one), with a timeout, in a
 * pod-like environment. A redis-cli wrapper first on PATH sends this pod's commands (no host, localhost, any -p) to
 * the server under test, and any other host (the master) to the "other pod"; the commands stay as written.
 * Used by {@code audit --probe-truth} and by the truth suite.
 */
public final class ProbeRunner {

    private static final int TIMEOUT_SECONDS = 5;

    /** The wrapper: realistic commands stay as written; only where they connect is redirected. */
    private static final String WRAPPER = """
            #!/bin/bash
            # rdb-guard probe truth: this pod's server is $RDB_TRUTH_HOST:$RDB_TRUTH_PORT; any other host is the other pod
            host=$RDB_TRUTH_HOST
            port=$RDB_TRUTH_PORT
            args=()
            while [ $# -gt 0 ]; do
              case "$1" in
                -h) case "$2" in localhost|127.0.0.1|::1) ;; *) host=$RDB_TRUTH_OTHER_HOST; port=$RDB_TRUTH_OTHER_PORT ;; esac; shift 2 ;;
                -p) shift 2 ;;
                *) args+=("$1"); shift ;;
              esac
            done
            exec "$RDB_TRUTH_CLI" -h "$host" -p "$port" "${args[@]}"
            """;

    private final Path root;
    private final Path bin;
    private final Path cli;
    private final UnaryOperator<String> podPaths;

    /**
     * @param root     a directory of the runner's own (the wrapper goes to root/bin)
     * @param cli      the real redis-cli
     * @param podPaths rewrites one argv element: the pod's paths as they are on this machine
     */
    public ProbeRunner(Path root, Path cli, UnaryOperator<String> podPaths) throws IOException {
        this.root = root;
        this.cli = cli;
        this.podPaths = podPaths;
        this.bin = Files.createDirectories(root.resolve("bin"));
        Path wrapper = Files.writeString(bin.resolve("redis-cli"), WRAPPER);
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A server to probe: this pod's, the other pod's (the master), and the password the pod supplies (null: none). */
    public record Target(String host, int port, String otherHost, int otherPort, String password) {
    }

    /** The probe's environment: the pod's env (REDIS_PORT, the password as Bitnami and REDISCLI_AUTH take it). */
    Map<String, String> environment(Target target) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", bin + File.pathSeparator + "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", root.toString());
        env.put("REDIS_PORT", "6379");
        env.put("REDIS_MASTER_HOST", "redis-master");
        env.put("REDIS_MASTER_PORT_NUMBER", "6379");
        env.put("RDB_TRUTH_CLI", cli.toString());
        env.put("RDB_TRUTH_HOST", target.host());
        env.put("RDB_TRUTH_PORT", String.valueOf(target.port()));
        env.put("RDB_TRUTH_OTHER_HOST", target.otherHost());
        env.put("RDB_TRUTH_OTHER_PORT", String.valueOf(target.otherPort()));
        if (target.password() != null) {
            env.put("REDIS_PASSWORD", target.password());
            env.put("REDISCLI_AUTH", target.password());
        }
        return env;
    }

    /** True when the probe exits 0 within the timeout. */
    public boolean passes(List<String> command, Target target) throws IOException, InterruptedException {
        Map<String, String> env = environment(target);
        List<String> argv = new ArrayList<>();
        for (String arg : command) {
            // /dev/tcp/host/6379 in bash connects where the pod's port is
            argv.add(podPaths.apply(arg).replaceAll("(/dev/tcp/)[^/\\s']+/6379", "$1" + target.host() + "/" + target.port()));
        }
        argv.set(0, resolve(argv.get(0), env.get("PATH")));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.directory(root.toFile());
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return false;
        }
        return process.exitValue() == 0;
    }

    /** The kubelet's runtime looks an argv[0] without a slash up on the container's PATH: so does this. */
    private static String resolve(String command, String path) {
        if (command.contains("/")) {
            return command;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return command;
    }
}
