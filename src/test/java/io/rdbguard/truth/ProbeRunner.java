package io.rdbguard.truth;

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
import java.util.regex.Matcher;

/**
 * Runs an exec probe as the kubelet does: the argv directly (no shell unless the argv has one), with a timeout, in the
 * example pod's environment. The pod's paths live under a temporary root: /data (the persistent volume, the intended
 * data directory), /health (Bitnami's scripts) and the marker in /tmp. A redis-cli wrapper first on PATH sends
 * this pod's commands (localhost, any -p) to the server under test and any other host (the master) to the "other
 * pod", an always-healthy server.
 */
final class ProbeRunner {

    static final String PASSWORD = "s3cret-truth";
    private static final int TIMEOUT_SECONDS = 5;

    /** The shell wrapper: realistic commands stay as written; only where they connect is redirected. */
    private static final String WRAPPER = """
            #!/bin/bash
            # truth suite: this pod's server is on $RDB_TRUTH_PORT; any other host is the other pod on $RDB_TRUTH_OTHER_PORT
            port=$RDB_TRUTH_PORT
            args=()
            while [ $# -gt 0 ]; do
              case "$1" in
                -h) case "$2" in localhost|127.0.0.1|::1) ;; *) port=$RDB_TRUTH_OTHER_PORT ;; esac; shift 2 ;;
                -p) shift 2 ;;
                *) args+=("$1"); shift ;;
              esac
            done
            exec /usr/bin/redis-cli -h 127.0.0.1 -p "$port" "${args[@]}"
            """;

    final Path root;
    final Path data;
    private final Path bin;

    ProbeRunner(Path root) throws IOException {
        this.root = root.toRealPath();
        this.data = Files.createDirectories(this.root.resolve("data"));
        this.bin = Files.createDirectories(this.root.resolve("bin"));
        Path wrapper = Files.writeString(bin.resolve("redis-cli"), WRAPPER);
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(this.root.resolve("tmp"));
        Files.writeString(this.root.resolve("tmp/.rdb-guard-configured"), "");   // the entrypoint ran in every state
        Files.createDirectories(this.root.resolve("health"));
    }

    /** Writes a Bitnami health script under /health. */
    void addScript(String name, String body) throws IOException {
        Path script = Files.writeString(root.resolve("health").resolve(name), body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** The probe's environment: the pod's env (REDIS_PORT, the password as Bitnami and REDISCLI_AUTH take it). */
    Map<String, String> environment(int port, int otherPort, String password) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", bin + File.pathSeparator + "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", root.toString());
        env.put("REDIS_PORT", "6379");
        env.put("REDIS_MASTER_HOST", "redis-master");
        env.put("REDIS_MASTER_PORT_NUMBER", "6379");
        env.put("RDB_TRUTH_PORT", String.valueOf(port));
        env.put("RDB_TRUTH_OTHER_PORT", String.valueOf(otherPort));
        if (password != null) {
            env.put("REDIS_PASSWORD", password);
            env.put("REDISCLI_AUTH", password);
        }
        return env;
    }

    /** True when the probe exits 0 within the timeout. */
    boolean passes(List<String> command, Map<String, String> env, int port) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        for (String arg : command) {
            argv.add(podPaths(arg, port));
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

    /** The pod's paths as they are under the root; /dev/tcp/host/6379 connects to the server under test. */
    private String podPaths(String arg, int port) {
        return arg.replaceAll("(?<![\\w/.-])/data(?![\\w.-])", Matcher.quoteReplacement(data.toString()))
                .replace("/health/", root.resolve("health") + "/")
                .replace("/tmp/.rdb-guard-configured", root.resolve("tmp/.rdb-guard-configured").toString())
                .replaceAll("(/dev/tcp/[^/\\s']+/)6379", "$1" + port);
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
