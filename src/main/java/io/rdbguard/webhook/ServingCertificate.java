package io.rdbguard.webhook;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.tls.CertificateUpdatedEvent;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.X509KeyManager;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The certificate the webhook listener serves, re-read from {@code rdb-guard.tls-dir} every
 * {@code rdb-guard.tls-reload-interval} (cert-manager renews it in place) and handed to the listener only if the pair
 * is usable: it parses, {@code tls.key} belongs to {@code tls.crt} (a test signature verifies), and the certificate is
 * within its validity period. Quarkus's own periodic reload would serve a mismatched pair, on which every handshake
 * fails while the pod stays ready. A bad pair keeps the last good one in service; it is logged once, counted
 * ({@link ReloadFailures}, file "tls") and shown by {@link TlsReadiness}.
 */
@ApplicationScoped
public class ServingCertificate {

    private static final Logger LOG = Logger.getLogger(ServingCertificate.class);

    /** The pair the listener serves, verified. */
    record Pair(X509Certificate certificate, PrivateKey key) {
        String describe() {
            return certificate.getSubjectX500Principal().getName() + " (serial " + certificate.getSerialNumber().toString(16)
                    + ", valid until " + certificate.getNotAfter().toInstant() + ")";
        }
    }

    private final TlsConfigurationRegistry registry;
    private final Event<CertificateUpdatedEvent> updated;
    private final Vertx vertx;
    private final String directory;
    private final Duration interval;
    private final ReloadFailures failures;
    private volatile Pair served;
    private volatile String startupProblem = "not checked yet";
    private ScheduledExecutorService reloader;

    ServingCertificate(TlsConfigurationRegistry registry, Event<CertificateUpdatedEvent> updated, Vertx vertx,
                       @ConfigProperty(name = "rdb-guard.tls-dir") String directory,
                       @ConfigProperty(name = "rdb-guard.tls-reload-interval") Duration interval, MeterRegistry meters) {
        this.registry = registry;
        this.updated = updated;
        this.vertx = vertx;
        this.directory = directory;
        this.interval = interval;
        this.failures = new ReloadFailures(meters, "tls", LOG);
        Gauge.builder("rdbguard.certificate.expiry.timestamp", this, ServingCertificate::expiry)
                .description("When the served certificate expires (notAfter, Unix time); NaN while none is served")
                .baseUnit("seconds").register(meters);
    }

    private double expiry() {
        Pair pair = served;
        return pair == null ? Double.NaN : pair.certificate().getNotAfter().getTime() / 1000.0;
    }

    void start(@Observes StartupEvent event) {
        Optional<TlsConfiguration> configuration = registry.get(TlsReadiness.TLS_CONFIGURATION);
        if (configuration.isEmpty()) {
            return; // the command line (profile cli) serves nothing
        }
        try {
            served = verify(configuration.get());
            startupProblem = null;
        } catch (UnusablePairException e) {
            startupProblem = e.getMessage();
            LOG.errorf("Not ready: the serving certificate in %s cannot be used: %s", directory, e.getMessage());
        }
        reloader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rdb-guard-certificate-reload");
            thread.setDaemon(true);
            return thread;
        });
        reloader.scheduleWithFixedDelay(this::reload, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (reloader != null) {
            reloader.shutdownNow();
        }
    }

    /** The verified pair the listener serves; empty while the pair it started with is unusable. */
    Optional<Pair> served() {
        return Optional.ofNullable(served);
    }

    /** Why no verified pair is served (the pair at start-up was unusable), or null. */
    String startupProblem() {
        return startupProblem;
    }

    /** Why the files on disk are not the pair served, or null when they are. */
    String reloadProblem() {
        return failures.current();
    }

    /**
     * Re-reads the files into the TLS configuration and, if they hold a new usable pair, tells the listener to serve
     * it. The listener only changes on that event, so a bad pair loaded here is never served. Every exception is caught:
     * one escaping would end the scheduled reloads.
     */
    synchronized void reload() {
        Pair previous = served;
        try {
            TlsConfiguration configuration = registry.get(TlsReadiness.TLS_CONFIGURATION).orElseThrow();
            configuration.reload();
            Pair candidate = verify(configuration);
            failures.succeeded();
            // Keys compare by their encoding: each reload reads a new key object, and the pair is only news when it changed.
            if (previous != null && candidate.certificate().equals(previous.certificate())
                    && Arrays.equals(candidate.key().getEncoded(), previous.key().getEncoded())) {
                LOG.debugf("Re-read %s/tls.crt and tls.key: unchanged", directory);
                return;
            }
            updated.fire(new CertificateUpdatedEvent(TlsReadiness.TLS_CONFIGURATION, configuration));
            served = candidate;
            startupProblem = null;
            LOG.infof("Serving the certificate %s from %s", candidate.describe(), directory);
        } catch (UnusablePairException e) {
            fail(previous, e.getMessage());
        } catch (RuntimeException e) {
            fail(previous, "cannot be read (" + e.getMessage() + ")");
        }
    }

    private void fail(Pair previous, String problem) {
        String error = directory + "/tls.crt and tls.key: " + problem;
        failures.failed(error, (previous == null ? "Still no usable serving certificate: "
                : "Kept serving " + previous.describe() + "; not replaced by ") + error);
    }

    private Pair verify(TlsConfiguration configuration) throws UnusablePairException {
        try {
            KeyStore keyStore = configuration.getKeyStore();
            X509KeyManager keys = x509(configuration.getKeyStoreOptions().getKeyManagerFactory(vertx).getKeyManagers());
            for (String alias : Collections.list(keyStore.aliases())) {
                PrivateKey key = keys.getPrivateKey(alias);
                X509Certificate[] chain = keys.getCertificateChain(alias);
                if (key != null && chain != null && chain.length > 0) {
                    return verify(chain[0], key);
                }
            }
        } catch (UnusablePairException e) {
            throw e;
        } catch (Exception e) {
            throw new UnusablePairException("cannot be read as a PEM certificate and private key (" + e.getMessage() + ")");
        }
        throw new UnusablePairException("hold no certificate with its private key; tls.crt must be a PEM certificate"
                + " (chain), tls.key its PEM private key");
    }

    private static Pair verify(X509Certificate certificate, PrivateKey key) throws UnusablePairException, GeneralSecurityException {
        String subject = certificate.getSubjectX500Principal().getName();
        Date now = new Date();
        if (now.before(certificate.getNotBefore()) || now.after(certificate.getNotAfter())) {
            throw new UnusablePairException("the certificate " + subject + " is valid only from " + certificate.getNotBefore().toInstant()
                    + " to " + certificate.getNotAfter().toInstant() + "; renew it");
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new UnusablePairException("a " + key.getAlgorithm() + " key cannot be checked; use an EC or RSA key");
        };
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(challenge);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        try {
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            if (verifier.verify(signature)) {
                return new Pair(certificate, key);
            }
        } catch (GeneralSecurityException mismatchedAlgorithms) {
            // an RSA key with an EC certificate (or the reverse) does not match either
        }
        throw new UnusablePairException("tls.key is not the private key of the certificate " + subject
                + ": every TLS handshake would fail; put the key the certificate was issued for in the Secret");
    }

    private static X509KeyManager x509(KeyManager[] managers) throws UnusablePairException {
        for (KeyManager manager : managers) {
            if (manager instanceof X509KeyManager x509) {
                return x509;
            }
        }
        throw new UnusablePairException("hold no X.509 key");
    }

    /** Why a certificate/key pair cannot be served. */
    static final class UnusablePairException extends Exception {
        UnusablePairException(String message) {
            super(message, null, false, false);
        }
    }
}
