package io.rdbguard.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/** Issue 11, least privilege: optional mutual TLS, as kube-apiserver does it with a client certificate per webhook. */
class ClientCertificateIT {

    private static final char[] PASSWORD = "rdb-guard-it".toCharArray();

    @Test
    void with_client_certificates_required_only_a_caller_with_one_from_the_trusted_ca_gets_a_verdict() throws Exception {
        try (PackagedJar jar = PackagedJar.start(Map.of("rdb-guard.require-client-certificate", "true",
                "quarkus.tls.webhook.trust-store.pem.certs", "${rdb-guard.tls-dir}/ca.crt"))) {
            jar.awaitReady(PackagedJar.START_DEADLINE); // the warm-up review needs no client certificate
            String review = LoadReviews.realistic();

            HttpResponse<String> anonymous = jar.client(HttpClient.Version.HTTP_2)
                    .send(PackagedJar.review(jar.validate(), review), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, anonymous.statusCode(), anonymous.body());
            assertTrue(anonymous.body().contains("rdb-guard.require-client-certificate=true"), anonymous.body());

            HttpClient apiserver = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                    .sslContext(withClientCertificate(jar.certificates())).build();
            HttpResponse<String> verdict = apiserver.send(PackagedJar.review(jar.validate(), review),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, verdict.statusCode(), verdict.body());
            assertTrue(verdict.body().contains("\"allowed\":false"), verdict.body());
        }
    }

    /** A client certificate for "kube-apiserver" signed by the test CA, as a PKCS#12 key store, and trust in the CA. */
    private static SSLContext withClientCertificate(Path certs) throws Exception {
        Path key = certs.resolve("client.key");
        run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
        run("openssl", "req", "-new", "-key", key.toString(), "-subj", "/CN=kube-apiserver", "-out", certs.resolve("client.csr").toString());
        run("openssl", "x509", "-req", "-in", certs.resolve("client.csr").toString(), "-CA", certs.resolve("ca.crt").toString(),
                "-CAkey", certs.resolve("ca.key").toString(), "-set_serial", "7", "-days", "1", "-out", certs.resolve("client.crt").toString());
        run("openssl", "pkcs12", "-export", "-inkey", key.toString(), "-in", certs.resolve("client.crt").toString(),
                "-passout", "pass:" + new String(PASSWORD), "-out", certs.resolve("client.p12").toString());
        KeyStore client = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certs.resolve("client.p12"))) {
            client.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(client, PASSWORD);
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream ca = Files.newInputStream(certs.resolve("ca.crt"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
        }
        TrustManagerFactory trusted = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusted.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trusted.getTrustManagers(), null);
        return context;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", command) + ":\n" + output);
    }
}
