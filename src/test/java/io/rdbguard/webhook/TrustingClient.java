package io.rdbguard.webhook;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Clients that trust only the test CA made by certs/generate.sh, as kube-apiserver trusts the caBundle. */
final class TrustingClient {

    private TrustingClient() {
    }

    static HttpClient create(HttpClient.Version version) throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(testCa());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return HttpClient.newBuilder().version(version).sslContext(context).build();
    }

    /** A trust store holding only the CA that certs/generate.sh made for the test run. */
    static KeyStore testCa() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream ca = Files.newInputStream(TestEnvironment.CERTS.resolve("ca.crt"))) {
            trust.setCertificateEntry("rdb-guard-test-ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
        }
        return trust;
    }
}
