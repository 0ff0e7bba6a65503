package io.rdbguard.truth;

import io.rdbguard.cli.ProbeRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Matcher;

/**
 * The example pod's file system under a temporary root: /data (the persistent volume, the intended data directory),
 * /health (Bitnami's scripts) and the marker in /tmp, which exists in every state (the entrypoint ran).
 */
final class ExamplePod {

    static final String PASSWORD = "s3cret-truth";

    final Path root;
    final Path data;
    final ProbeRunner runner;

    ExamplePod(Path root) throws IOException {
        this.root = root.toRealPath();
        this.data = Files.createDirectories(this.root.resolve("data"));
        Files.createDirectories(this.root.resolve("tmp"));
        Files.writeString(this.root.resolve("tmp/.rdb-guard-configured"), "");
        Files.createDirectories(this.root.resolve("health"));
        this.runner = new ProbeRunner(this.root, RedisServer.CLI, this::podPaths);
    }

    /** Writes a Bitnami health script under /health. */
    void addScript(String name, String body) throws IOException {
        Path script = Files.writeString(root.resolve("health").resolve(name), body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String podPaths(String arg) {
        return arg.replaceAll("(?<![\\w/.-])/data(?![\\w.-])", Matcher.quoteReplacement(data.toString()))
                .replace("/health/", root.resolve("health") + "/")
                .replace("/tmp/.rdb-guard-configured", root.resolve("tmp/.rdb-guard-configured").toString());
    }
}
