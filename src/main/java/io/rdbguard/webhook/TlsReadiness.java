package io.rdbguard.webhook;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Date;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only with a serving certificate that is loaded and currently valid: kube-apiserver refuses an expired one,
 * so a replica serving it must leave the Service's endpoints.
 */
@Readiness
@ApplicationScoped
public class TlsReadiness implements HealthCheck {

    static final String TLS_CONFIGURATION = "webhook";

    private final TlsConfigurationRegistry registry;

    TlsReadiness(TlsConfigurationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rdb-guard serving certificate");
        Optional<X509Certificate> certificate = servingCertificate(registry);
        if (certificate.isEmpty()) {
            return response.down().withData("error", "no serving certificate loaded (quarkus.tls."
                    + TLS_CONFIGURATION + ".key-store)").build();
        }
        X509Certificate cert = certificate.get();
        Date now = new Date();
        boolean valid = !now.before(cert.getNotBefore()) && !now.after(cert.getNotAfter());
        response.status(valid)
                .withData("subject", cert.getSubjectX500Principal().getName())
                .withData("notAfter", cert.getNotAfter().toInstant().toString());
        if (!valid) {
            response.withData("error", "the serving certificate is outside its validity period; renew it");
        }
        return response.build();
    }

    /** The certificate the webhook listener presents, from the TLS configuration it serves. */
    static Optional<X509Certificate> servingCertificate(TlsConfigurationRegistry registry) {
        KeyStore keyStore = registry.get(TLS_CONFIGURATION).map(TlsConfiguration::getKeyStore).orElse(null);
        if (keyStore == null) {
            return Optional.empty();
        }
        try {
            for (String alias : Collections.list(keyStore.aliases())) {
                Certificate cert = keyStore.getCertificate(alias);
                if (cert instanceof X509Certificate x509) {
                    return Optional.of(x509);
                }
            }
        } catch (KeyStoreException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
