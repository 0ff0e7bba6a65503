package io.rdbguard.packaged;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The packaged jar ({@code target/quarkus-app/quarkus-run.jar}) run as the container runs it: the JVM flags of
 * Dockerfile.jvm's JAVA_OPTS with the pod's 384Mi as the JVM's RAM, free loopback ports, certificates made by
 * certs/generate.sh in a temporary directory. Started by {@link #start}, ready when the management port says so,
 * stopped with SIGTERM as kubelet stops it.
 */
public final class PackagedJar implements AutoCloseable {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");
    /** The pod's memory limit (manifests/base/deployment.yaml): MaxRAMPercentage applies to it, as in the container. */
    static final String POD_MEMORY = "-XX:MaxRAM=384m";
    /**
     * How long a start may take before a test gives up: a deadline, not a measurement. Idle, the jar is ready in a few
     * seconds; on a machine shared with other builds, start-up and the warm-up rounds took over a minute.
     */
    public static final Duration START_DEADLINE = Duration.ofMinutes(3);
    private static final Pattern ENVIRONMENT = Pattern.compile("(?m)^ENV (\\w+)=[\"']?([^\"'\\n]*)[\"']?$");
    private static final Pattern JAVA_OPTS = Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]*)\"");

    private final Path dir;
    private final Process process;
    private final int httpsPort;
    private final int managementPort;
    private final Instant startedAt;
    private final HttpClient http;

    private PackagedJar(Path dir, Process process, int httpsPort, int managementPort, Instant startedAt) throws Exception {
        this.dir = dir;
        this.process = process;
        this.httpsPort = httpsPort;
        this.managementPort = managementPort;
        this.startedAt = startedAt;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Starts the jar with the production flags and these extra settings (application properties). */
    public static PackagedJar start(Map<String, String> settings) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the integration tests run the packaged jar; run mvn package first");
        }
        Path dir = Files.createTempDirectory("rdb-guard-it");
        Path certs = dir.resolve("certs");
        run(List.of("bash", "certs/generate.sh", "--out", certs.toString()));
        int https = freePort();
        int management = freePort();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("quarkus.management.host", "127.0.0.1");
        properties.put("quarkus.http.ssl-port", String.valueOf(https));
        properties.put("quarkus.management.port", String.valueOf(management));
        properties.put("vertx.cacheDirBase", dir.resolve("vertx-cache").toString());
        properties.put("rdb-guard.tls-dir", certs.toString());
        // No API server here: pods and claims are not read (LiveStateHttpsTest reads them from the mock API server).
        properties.put("rdb-guard.read-live-state", "false");
        properties.putAll(settings);
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(productionJvmFlags().stream()
                .filter(flag -> properties.keySet().stream().noneMatch(key -> flag.startsWith("-D" + key + "=")))
                .toList());
        command.add(POD_MEMORY);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", JAR.toString()));
        Instant startedAt = Instant.now();
        ProcessBuilder jar = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.log").toFile());
        jar.environment().putAll(productionEnvironment());
        Process process = jar.start();
        return new PackagedJar(dir, process, https, management, startedAt);
    }

    /** Dockerfile.jvm's JAVA_OPTS, the JVM command line of the container (its run-java.sh adds nothing to it). */
    public static List<String> productionJvmFlags() throws IOException {
        Matcher m = JAVA_OPTS.matcher(Files.readString(DOCKERFILE));
        if (!m.find()) {
            throw new IllegalStateException(DOCKERFILE + " has no ENV JAVA_OPTS=\"...\" line");
        }
        return List.of(m.group(1).trim().split("\\s+"));
    }

    /** Dockerfile.jvm's other ENV lines (e.g. MALLOC_ARENA_MAX): the container's environment, which the JVM obeys too. */
    public static Map<String, String> productionEnvironment() throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        Matcher m = ENVIRONMENT.matcher(Files.readString(DOCKERFILE));
        while (m.find()) {
            if (!m.group(1).equals("JAVA_OPTS") && !m.group(1).equals("JAVA_APP_JAR")) {
                environment.put(m.group(1), m.group(2));
            }
        }
        return environment;
    }

    /** Waits until readiness is UP; fails with the jar's output if it exits or the deadline passes. */
    public Duration awaitReady(Duration deadline) throws Exception {
        Instant until = Instant.now().plus(deadline);
        while (Instant.now().isBefore(until)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the jar exited with " + process.exitValue() + " before it was ready:\n" + output());
            }
            try {
                if (readiness().statusCode() == 200) {
                    return Duration.between(startedAt, Instant.now());
                }
            } catch (IOException notListeningYet) {
                // the management port opens during start-up
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("not ready after " + deadline + ":\n" + output());
    }

    public HttpResponse<String> readiness() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(management("/q/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> metrics() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(management("/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    }

    public URI validate() {
        return URI.create("https://localhost:" + httpsPort + "/validate");
    }

    public int httpsPort() {
        return httpsPort;
    }

    public URI management(String path) {
        return URI.create("http://127.0.0.1:" + managementPort + path);
    }

    public Path certificates() {
        return dir.resolve("certs");
    }

    public Path directory() {
        return dir;
    }

    /** An HTTPS client that trusts only the CA certs/generate.sh made, as kube-apiserver trusts its caBundle. */
    public HttpClient client(HttpClient.Version version) throws Exception {
        return HttpClient.newBuilder().version(version).sslContext(sslContext()).connectTimeout(Duration.ofSeconds(30)).build();
    }

    public SSLContext sslContext() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream ca = Files.newInputStream(certificates().resolve("ca.crt"))) {
            trust.setCertificateEntry("rdb-guard-ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    public static HttpRequest review(URI uri, String body) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Resident set size of the JVM in KiB, from /proc. */
    public long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + process.pid());
    }

    /** Sends SIGTERM, as kubelet does, without waiting. */
    public void terminate() {
        process.destroy();
    }

    /** SIGTERM, then the exit code once the JVM has stopped (fails if it does not stop within the deadline). */
    public int stop(Duration deadline) throws Exception {
        terminate();
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("still running " + deadline + " after SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    public String output() {
        try {
            return Files.readString(dir.resolve("output.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws Exception {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(60));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }
}
