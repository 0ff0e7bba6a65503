package io.rdbguard.certs;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs certs/generate.sh the way a user does and checks what it wrote with Java's own X.509 parser. */
class CertsScriptTest {

    private static final Path SCRIPT = Path.of("certs/generate.sh").toAbsolutePath();
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    @TempDir
    Path out;

    @BeforeAll
    static void needsOpenssl() {
        boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "openssl")));
        assumeTrue(found, "openssl is not on PATH: certs/generate.sh needs it, so its test is skipped");
    }

    @ParameterizedTest
    @CsvSource({
            "'',                                rdb-guard, rdb-guard",
            "--service guard --namespace team, guard,     team"})
    void the_serving_certificate_names_localhost_and_the_service(String options, String service, String namespace)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("--out", out.toString()));
        if (!options.isEmpty()) {
            args.addAll(List.of(options.split(" ")));
        }
        Run run = generate(args.toArray(String[]::new));

        assertEquals(0, run.exitCode(), run.stderr());
        X509Certificate tls = certificate("tls.crt");
        assertEquals(Set.of("localhost", service + "." + namespace + ".svc", service + "." + namespace + ".svc.cluster.local"),
                names(tls, DNS_NAME));
        assertEquals(Set.of("127.0.0.1", "0:0:0:0:0:0:0:1"), names(tls, IP_ADDRESS));
    }

    @Test
    void the_serving_certificate_is_signed_by_the_ca_and_only_serves_tls() throws Exception {
        assertEquals(0, generate("--out", out.toString()).exitCode());
        X509Certificate ca = certificate("ca.crt");
        X509Certificate tls = certificate("tls.crt");

        tls.verify(ca.getPublicKey());
        assertAll(
                () -> assertEquals(List.of(SERVER_AUTH), tls.getExtendedKeyUsage()),
                () -> assertEquals(-1, tls.getBasicConstraints(), "the serving certificate must not be a CA"),
                () -> assertTrue(ca.getBasicConstraints() >= 0, "ca.crt must be a CA"),
                () -> assertEquals("EC", tls.getPublicKey().getAlgorithm()),
                () -> assertTrue(Duration.between(Instant.now(), tls.getNotAfter().toInstant()).toDays() >= 364,
                        "default validity is 365 days"));
    }

    @Test
    void the_private_key_is_pkcs8_p256_matches_the_certificate_and_is_private() throws Exception {
        assertEquals(0, generate("--out", out.toString()).exitCode());
        String pem = Files.readString(out.resolve("tls.key"));
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), "PKCS#8 PEM expected, got " + pem.lines().findFirst());
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));

        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(certificate("tls.crt").getPublicKey());
        verifier.update(new byte[] {1, 2, 3});

        assertAll(
                () -> assertEquals(256, key.getParams().getCurve().getField().getFieldSize()),
                () -> assertTrue(verifier.verify(signature), "tls.key does not belong to tls.crt"),
                () -> assertEquals("rw-------", permissions("tls.key")),
                () -> assertEquals("rw-------", permissions("ca.key")));
    }

    @Test
    void the_last_line_on_stdout_is_the_ca_bundle() throws Exception {
        Run run = generate("--out", out.toString());

        byte[] bundle = Base64.getDecoder().decode(run.lastLine());
        assertArrayEquals(Files.readAllBytes(out.resolve("ca.crt")), bundle);
    }

    @Test
    void a_second_run_keeps_a_good_certificate_and_says_so() throws Exception {
        Run first = generate("--out", out.toString());
        byte[] tls = Files.readAllBytes(out.resolve("tls.crt"));

        Run second = generate("--out", out.toString());

        assertAll(
                () -> assertEquals(0, second.exitCode()),
                () -> assertArrayEquals(tls, Files.readAllBytes(out.resolve("tls.crt"))),
                () -> assertTrue(second.stderr().contains("Kept"), second.stderr()),
                () -> assertEquals(first.lastLine(), second.lastLine()));
    }

    @ParameterizedTest
    @CsvSource({
            "--force,             true",
            "--service other,     false",
            "--days 5,            false"})
    void a_new_serving_certificate_is_made_when_asked_or_needed(String options, boolean newCa) throws Exception {
        // --days 5 expires within the 7-day margin, so even a fresh certificate is renewed on the next run.
        List<String> initial = options.startsWith("--days") ? List.of(options.split(" ")) : List.of();
        generate(concat(List.of("--out", out.toString()), initial));
        byte[] tls = Files.readAllBytes(out.resolve("tls.crt"));
        byte[] ca = Files.readAllBytes(out.resolve("ca.crt"));

        Run again = generate(concat(List.of("--out", out.toString()), List.of(options.split(" "))));

        assertEquals(0, again.exitCode(), again.stderr());
        assertFalse(Arrays.equals(tls, Files.readAllBytes(out.resolve("tls.crt"))), "tls.crt should be new");
        assertEquals(newCa, !Arrays.equals(ca, Files.readAllBytes(out.resolve("ca.crt"))),
                newCa ? "--force replaces the CA" : "a renewal keeps the CA, so the caBundle stays valid");
        certificate("tls.crt").verify(certificate("ca.crt").getPublicKey());
    }

    @Test
    void without_out_it_writes_certs_dev_under_the_repository_root_whatever_the_working_directory() throws Exception {
        Path repo = out.resolve("repo");
        Files.createDirectories(repo.resolve("certs"));
        Files.copy(SCRIPT, repo.resolve("certs/generate.sh"));
        Path elsewhere = Files.createDirectories(out.resolve("elsewhere"));

        Run run = run(elsewhere, "bash", repo.resolve("certs/generate.sh").toString());

        assertEquals(0, run.exitCode(), run.stderr());
        assertTrue(Files.isRegularFile(repo.resolve("certs/dev/tls.crt")));
        try (var files = Files.list(elsewhere)) {
            assertEquals(0, files.count(), "nothing may be written to the working directory");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            --days 0              | --days '0' is not a positive whole number
            --service Bad_Name    | --service 'Bad_Name' is not a valid DNS label
            --namespace a.b       | --namespace 'a.b' is not a valid DNS label
            --bogus               | unknown option '--bogus'
            --out                 | --out needs a value
            """)
    void a_bad_option_is_refused_with_a_message_and_writes_nothing(String options, String message) throws Exception {
        Path target = out.resolve("certs");
        List<String> args = new ArrayList<>(List.of(options.split(" ")));
        if (!options.equals("--out")) {
            args.addAll(List.of("--out", target.toString()));
        }
        Run run = generate(args.toArray(String[]::new));

        assertAll(
                () -> assertEquals(2, run.exitCode()),
                () -> assertTrue(run.stderr().contains(message), run.stderr()),
                () -> assertFalse(Files.exists(target)));
    }

    @Test
    void help_explains_the_options() throws Exception {
        Run run = generate("--help");

        assertEquals(0, run.exitCode());
        for (String option : List.of("--service", "--namespace", "--out", "--days", "--force")) {
            assertTrue(run.stdout().contains(option), "--help does not mention " + option);
        }
    }

    // ---- helpers ----

    record Run(int exitCode, String stdout, String stderr) {
        String lastLine() {
            List<String> lines = stdout.lines().toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        }
    }

    private Run generate(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        return run(Path.of("").toAbsolutePath(), command.toArray(String[]::new));
    }

    private static Run run(Path workingDirectory, String... command) throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("generate", ".out");
        Path stderr = Files.createTempFile("generate", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("certs/generate.sh did not finish within 60 s");
            }
            return new Run(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static String[] concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all.toArray(String[]::new);
    }

    private X509Certificate certificate(String file) throws Exception {
        try (InputStream in = Files.newInputStream(out.resolve(file))) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static Set<String> names(X509Certificate certificate, int type) throws Exception {
        return certificate.getSubjectAlternativeNames().stream()
                .filter(name -> (Integer) name.get(0) == type)
                .map(name -> (String) name.get(1))
                .collect(Collectors.toSet());
    }

    private String permissions(String file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(file)));
    }
}
