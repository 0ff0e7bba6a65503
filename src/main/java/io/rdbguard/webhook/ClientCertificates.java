package io.rdbguard.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Optional mutual TLS: with {@code rdb-guard.require-client-certificate=true}, {@code /validate} answers only callers
 * that presented a client certificate in the TLS handshake, which the listener has verified against
 * {@code quarkus.tls.webhook.trust-store} (kube-apiserver presents one when its AdmissionConfiguration names a
 * kubeconfig with a client certificate for this webhook; see the README). Others get a 401 Status saying what to
 * configure. The listener always asks for a certificate ({@code quarkus.http.ssl.client-auth=request}, fixed at build
 * time), so this setting alone switches the requirement. The pod's own warm-up review carries a token that exists
 * only in this process instead.
 */
@ApplicationScoped
public class ClientCertificates {

    static final String SETTING = "rdb-guard.require-client-certificate";
    static final String WARM_UP_HEADER = "X-Rdb-Guard-Warm-Up";

    private final boolean required;
    private final String warmUpToken = HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
    private final String refusal;

    ClientCertificates(@ConfigProperty(name = SETTING) boolean required, ObjectMapper mapper) {
        this.required = required;
        this.refusal = ErrorResponses.json(mapper, 401, "rdb-guard requires a client certificate (" + SETTING + "=true)"
                + " signed by a CA in quarkus.tls.webhook.trust-store; give kube-apiserver one for this webhook in the"
                + " kubeconfig its AdmissionConfiguration names");
    }

    /** The header value that lets the pod's own warm-up review through without a client certificate. */
    String warmUpToken() {
        return warmUpToken;
    }

    void install(@Observes Router router) {
        if (required) {
            router.post(ValidateRoute.PATH).order(Integer.MIN_VALUE).handler(this::check);
        }
    }

    private void check(RoutingContext context) {
        if (presentedCertificate(context.request().sslSession()) || isWarmUp(context.request().getHeader(WARM_UP_HEADER))) {
            context.next();
        } else {
            ErrorResponses.respond(context, 401, refusal);
        }
    }

    private static boolean presentedCertificate(SSLSession session) {
        try {
            return session != null && session.getPeerCertificates().length > 0;
        } catch (SSLPeerUnverifiedException none) {
            return false;
        }
    }

    private boolean isWarmUp(String token) {
        return token != null && MessageDigest.isEqual(token.getBytes(), warmUpToken.getBytes());
    }
}
