package io.rdbguard.webhook;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.net.TrustOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.X509TrustManager;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Not ready until the reviews a pod will get have gone the whole way: bundled synthetic AdmissionReviews
 * ({@value #DIRECTORY}: {@link #REVIEWS}, dry runs from user system:rdb-guard:warm-up) posted to this pod's own
 * {@code /validate} on loopback over HTTPS, on a kept-alive HTTP/1.1 connection and on an HTTP/2 connection (kube-apiserver
 * uses either), {@code rounds} times, each round on new connections. They cover what a review takes: the TLS handshake,
 * both protocols, the body reader, the parser, every check (a denied one-way swap, a warned probe, an allowed update
 * with managedFields), the response with and without warnings, an unjudged kind, and a Helm release record (decoded,
 * its manifest read; its StatefulSet is outside the record's namespace, so nothing is read from the cluster).
 * The first review loaded the classes of all that, and the JIT had compiled none of it: it took seconds on a new pod
 * (close to kube-apiserver's 5 s timeout) and the following ones tens of milliseconds. Retried every second until
 * every review is answered (none can be while no policy is loaded). The reviews are counted in the metrics as dry runs
 * (README "Warm before ready"); the decision log writes them at DEBUG only.
 */
@Readiness
@ApplicationScoped
public class WarmUp implements HealthCheck {

    static final String DIRECTORY = "rdb-guard/warm-up/";
    static final List<String> REVIEWS = List.of("allowed-update", "denied-one-way", "warned-probe", "unjudged-kind",
            "helm-release");
    /** Every warm-up review's uid starts so; kube-apiserver's uids are UUIDs, so no real review is taken for one. */
    static final String UID_PREFIX = "rdb-guard-warm-up-";
    static final String ROUNDS_SETTING = "rdb-guard.warm-up.rounds";
    private static final List<HttpVersion> PROTOCOLS = List.of(HttpVersion.HTTP_1_1, HttpVersion.HTTP_2);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    private final Vertx vertx;
    private final HttpServer server;
    private final ServingCertificate serving;
    private final ClientCertificates clientCertificates;
    private final int rounds;
    private final List<Buffer> reviews = REVIEWS.stream().map(name -> Buffer.buffer(bundled(name))).toList();
    private volatile String outcome = "not yet run";
    private volatile String protocols = "";
    private volatile boolean done;

    private final boolean listening;

    /** {@code listening}: false for the command line (profile cli), which starts no listener to warm up. */
    WarmUp(Vertx vertx, HttpServer server, ServingCertificate serving, ClientCertificates clientCertificates,
           @ConfigProperty(name = ROUNDS_SETTING) int rounds,
           @ConfigProperty(name = "quarkus.http.host-enabled", defaultValue = "true") boolean listening) {
        this.vertx = vertx;
        this.listening = listening;
        this.clientCertificates = clientCertificates;
        this.server = server;
        this.serving = serving;
        this.rounds = Math.max(1, rounds);
    }

    /** Whether this review (or a workload of it, whose id starts with the review's) is one of the warm-up's own. */
    static boolean isWarmUp(String requestId) {
        return requestId != null && requestId.startsWith(UID_PREFIX);
    }

    void start(@Observes StartupEvent event) {
        if (listening) {
            attempt();
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("rdb-guard warm-up").status(done).withData("reviews", outcome)
                .withData("protocols", protocols).build();
    }

    private void attempt() {
        if (server.getSecurePort() <= 0) {
            outcome = "waiting for the HTTPS listener";
            vertx.setTimer(RETRY.toMillis(), id -> attempt());
            return;
        }
        long started = System.nanoTime();
        Set<String> answeredOver = ConcurrentHashMap.newKeySet();
        Future<Void> all = Future.succeededFuture();
        for (int round = 0; round < rounds; round++) {
            all = all.compose(previous -> Future.all(PROTOCOLS.stream().map(version -> round(version, answeredOver)).toList())
                    .mapEmpty());
        }
        all.onComplete(result -> {
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            int answered = rounds * PROTOCOLS.size() * reviews.size();
            if (result.succeeded()) {
                protocols = String.join(",", new TreeSet<>(answeredOver));
                outcome = answered + " answered in " + millis + " ms";
                done = true;
                LOG.infof("Warmed up: %d synthetic reviews (%s, %d rounds over %s, on loopback) answered in %d ms",
                        answered, String.join(", ", REVIEWS), rounds, protocols, millis);
            } else {
                outcome = "failed: " + result.cause().getMessage() + "; retrying";
                vertx.setTimer(RETRY.toMillis(), id -> attempt());
            }
        });
    }

    /**
     * Every review once over one new connection of this protocol: one after another on HTTP/1.1 (kept alive, as
     * kube-apiserver's are), all at once on HTTP/2 (multiplexed).
     */
    private Future<Void> round(HttpVersion version, Set<String> answeredOver) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
                        .setProtocolVersion(version).setKeepAlive(true).setVerifyHost(false)
                        .setTrustOptions(TrustOptions.wrap(new ServedCertificateOnly())),
                new PoolOptions().setHttp1MaxSize(1).setHttp2MaxSize(1));
        Future<Void> answered;
        if (version == HttpVersion.HTTP_2) {
            answered = Future.all(reviews.stream().map(review -> post(client, review, answeredOver)).toList()).mapEmpty();
        } else {
            answered = Future.succeededFuture();
            for (Buffer review : reviews) {
                answered = answered.compose(previous -> post(client, review, answeredOver));
            }
        }
        Supplier<Future<Void>> close = client::close;
        return answered.eventually(close);
    }

    private Future<Void> post(HttpClient client, Buffer review, Set<String> answeredOver) {
        return client.request(HttpMethod.POST, server.getSecurePort(), "localhost", ValidateRoute.PATH)
                .compose(request -> request.putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(ClientCertificates.WARM_UP_HEADER, clientCertificates.warmUpToken()).send(review))
                .compose(response -> response.body().compose(body -> {
                    // Any verdict will do (the policy in force decides it); an answer to this review is what counts.
                    if (response.statusCode() != 200 || !body.toString().contains("\"uid\":\"" + UID_PREFIX)) {
                        return Future.failedFuture("HTTP " + response.statusCode() + " " + body);
                    }
                    answeredOver.add(response.version().alpnName());
                    return Future.succeededFuture();
                }));
    }

    /** Trusts exactly the certificate this pod serves: the warm-up talks to itself, whatever names it carries. */
    private final class ServedCertificateOnly implements X509TrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain.length == 0 || !chain[0].equals(served())) {
                throw new CertificateException("not the certificate this pod serves");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the warm-up client accepts no clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }

        private X509Certificate served() throws CertificateException {
            return serving.served().map(ServingCertificate.Pair::certificate)
                    .orElseThrow(() -> new CertificateException("no usable serving certificate"));
        }
    }

    private static byte[] bundled(String name) {
        String resource = DIRECTORY + name + ".json";
        try (InputStream in = WarmUp.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
