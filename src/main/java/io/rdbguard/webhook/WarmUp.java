package io.rdbguard.webhook;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.TrustOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.X509TrustManager;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Not ready until one review has gone the whole way: a bundled synthetic AdmissionReview (a dry-run StatefulSet
 * UPDATE) posted over HTTPS and HTTP/2 to this pod's own {@code /validate} on loopback. The first review loads the
 * classes of TLS, HTTP/2, JSON and every check, which took seconds (close to kube-apiserver's 5 s timeout); now a pod
 * that kube-apiserver sees as ready has paid that already. Retried every second until it succeeds (it cannot while
 * no policy is loaded). The review is counted in the metrics as a dry run from user system:rdb-guard:warm-up.
 */
@Readiness
@ApplicationScoped
public class WarmUp implements HealthCheck {

    static final String REVIEW = "rdb-guard/warm-up-review.json";
    private static final String UID = "rdb-guard-warm-up";
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(WarmUp.class);

    private final Vertx vertx;
    private final HttpServer server;
    private final ServingCertificate serving;
    private final ClientCertificates clientCertificates;
    private final Buffer review = Buffer.buffer(bundledReview());
    private volatile String outcome = "not yet run";
    private volatile boolean done;

    private final boolean listening;

    /** {@code listening}: false for the command line (profile cli), which starts no listener to warm up. */
    WarmUp(Vertx vertx, HttpServer server, ServingCertificate serving, ClientCertificates clientCertificates,
           @ConfigProperty(name = "quarkus.http.host-enabled", defaultValue = "true") boolean listening) {
        this.vertx = vertx;
        this.listening = listening;
        this.clientCertificates = clientCertificates;
        this.server = server;
        this.serving = serving;
    }

    void start(@Observes StartupEvent event) {
        if (listening) {
            attempt();
        }
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("rdb-guard warm-up").status(done).withData("firstReview", outcome).build();
    }

    private void attempt() {
        if (server.getSecurePort() <= 0) {
            outcome = "waiting for the HTTPS listener";
            vertx.setTimer(RETRY.toMillis(), id -> attempt());
            return;
        }
        long started = System.nanoTime();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
                .setProtocolVersion(HttpVersion.HTTP_2).setVerifyHost(false)
                .setTrustOptions(TrustOptions.wrap(new ServedCertificateOnly())));
        client.request(HttpMethod.POST, server.getSecurePort(), "localhost", ValidateRoute.PATH)
                .compose(request -> request.putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .putHeader(ClientCertificates.WARM_UP_HEADER, clientCertificates.warmUpToken()).send(review))
                .compose(this::verdict)
                .onComplete(result -> {
                    client.close();
                    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                    if (result.succeeded()) {
                        outcome = "answered in " + millis + " ms";
                        done = true;
                        LOG.infof("Warmed up: the first review (%s, over HTTPS on loopback) was answered in %d ms", REVIEW, millis);
                    } else {
                        outcome = "failed: " + result.cause().getMessage() + "; retrying";
                        vertx.setTimer(RETRY.toMillis(), id -> attempt());
                    }
                });
    }

    private Future<Void> verdict(HttpClientResponse response) {
        return response.body().compose(body -> response.statusCode() == 200 && body.toString().contains("\"uid\":\"" + UID + "\"")
                ? Future.succeededFuture()
                : Future.failedFuture("HTTP " + response.statusCode() + " " + body));
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

    private static byte[] bundledReview() {
        try (InputStream in = WarmUp.class.getClassLoader().getResourceAsStream(REVIEW)) {
            if (in == null) {
                throw new IllegalStateException(REVIEW + " is missing from the application");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
