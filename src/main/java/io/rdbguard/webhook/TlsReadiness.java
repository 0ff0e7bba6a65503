package io.rdbguard.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the listener serves a verified certificate (see {@link ServingCertificate}) that is within its
 * validity period: kube-apiserver refuses an expired one, so a replica serving it must leave the Service's endpoints.
 * Files on disk that could not replace it are shown as {@code reloadError}; the pod stays ready on the good pair.
 */
@Readiness
@ApplicationScoped
public class TlsReadiness implements HealthCheck {

    static final String TLS_CONFIGURATION = "webhook";

    private final ServingCertificate serving;

    TlsReadiness(ServingCertificate serving) {
        this.serving = serving;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("rdb-guard serving certificate");
        if (serving.reloadProblem() != null) {
            response.withData("reloadError", serving.reloadProblem());
        }
        Optional<ServingCertificate.Pair> served = serving.served();
        if (served.isEmpty()) {
            return response.down().withData("error", "no usable serving certificate (quarkus.tls." + TLS_CONFIGURATION
                    + ".key-store): " + serving.startupProblem()).build();
        }
        X509Certificate cert = served.get().certificate();
        Date now = new Date();
        boolean valid = !now.before(cert.getNotBefore()) && !now.after(cert.getNotAfter());
        response.status(valid)
                .withData("subject", cert.getSubjectX500Principal().getName())
                .withData("serial", cert.getSerialNumber().toString(16))
                .withData("notAfter", cert.getNotAfter().toInstant().toString());
        if (!valid) {
            response.withData("error", "the serving certificate is outside its validity period; renew it");
        }
        return response.build();
    }
}
