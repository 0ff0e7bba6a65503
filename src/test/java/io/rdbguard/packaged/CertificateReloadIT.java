package io.rdbguard.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, observation 2: a tls.key that does not belong to tls.crt was loaded on reload; every handshake failed
 * while readiness stayed UP. Now a bad pair is never served: the last good one stays, readiness says why, a metric
 * counts it, and the next good pair is served.
 */
class CertificateReloadIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_key_that_does_not_match_keeps_the_last_good_pair_and_the_next_good_pair_is_served() throws Exception {
        try (PackagedJar jar = PackagedJar.start(Map.of("rdb-guard.tls-reload-interval", "200ms"))) {
            jar.awaitReady(PackagedJar.START_DEADLINE);
            Path certs = jar.certificates();
            BigInteger original = servedSerial(jar);

            // The CA's key is an EC key too, just not the one the serving certificate was issued for.
            Files.copy(certs.resolve("ca.key"), certs.resolve("tls.key"), StandardCopyOption.REPLACE_EXISTING);
            JsonNode kept = awaitCertificateCheck(jar, check -> check.path("data").has("reloadError"));
            assertEquals("UP", kept.path("status").asText(), kept.toString());
            assertTrue(kept.path("data").path("reloadError").asText().contains("tls.key is not the private key of the certificate"),
                    kept.toString());
            assertEquals(original, servedSerial(jar), "the last good certificate is still served");
            HttpResponse<String> review = jar.client(HttpClient.Version.HTTP_2)
                    .send(PackagedJar.review(jar.validate(), LoadReviews.realistic()), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, review.statusCode(), "new connections still complete their handshake");

            Files.delete(certs.resolve("tls.crt"));
            Files.delete(certs.resolve("tls.key"));
            run("bash", "certs/generate.sh", "--out", certs.toString()); // a new serving certificate from the same CA
            BigInteger renewed = serial(certs.resolve("tls.crt"));
            JsonNode replaced = awaitCertificateCheck(jar, check -> renewed.toString(16).equals(check.path("data").path("serial").asText()));
            assertEquals("UP", replaced.path("status").asText());
            assertTrue(replaced.path("data").path("reloadError").isMissingNode(), replaced.toString());
            assertEquals(renewed, servedSerial(jar));
            assertNotEquals(original, renewed);

            String metrics = jar.metrics().body();
            assertTrue(metrics.contains("rdbguard_config_reload_failures_total{file=\"tls\"} 1.0"), metrics);
            assertTrue(metrics.contains("rdbguard_config_reload_failing{file=\"tls\"} 0.0"), metrics);
            assertEquals(1, jar.output().lines().filter(line -> line.contains("[io.rdbguard.webhook.ServingCertificate]")
                    && line.contains("tls.key is not the private key")).count(), "logged once:\n" + jar.output());
        }
    }

    /** The serial number of the certificate a new TLS connection is shown. */
    private static BigInteger servedSerial(PackagedJar jar) throws Exception {
        try (SSLSocket socket = (SSLSocket) jar.sslContext().getSocketFactory().createSocket("localhost", jar.httpsPort())) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    private static BigInteger serial(Path certificate) throws Exception {
        try (InputStream in = Files.newInputStream(certificate)) {
            return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in)).getSerialNumber();
        }
    }

    private static JsonNode awaitCertificateCheck(PackagedJar jar, Predicate<JsonNode> condition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode check = null;
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode candidate : JSON.readTree(jar.readiness().body()).path("checks")) {
                if ("rdb-guard serving certificate".equals(candidate.path("name").asText())) {
                    check = candidate;
                }
            }
            if (check != null && condition.test(check)) {
                return check;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the certificate check never matched; last: " + check + "\n" + jar.output());
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0, output);
    }
}
