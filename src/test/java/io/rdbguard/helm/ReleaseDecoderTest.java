package io.rdbguard.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleaseDecoderTest {

    static final ReleaseDecoder DECODER = new ReleaseDecoder(8 * 1024 * 1024);

    static String secretData(String fixture) throws IOException {
        try (InputStream in = ReleaseDecoderTest.class.getResourceAsStream("/fixtures/helm-release/" + fixture)) {
            return new ObjectMapper(new YAMLFactory()).readTree(in).path("data").path("release").asText();
        }
    }

    @ParameterizedTest(name = "{0} is revision {2}, {3}")
    @CsvSource({
            "mastodon-redis-19.v1.secret.yaml,          mastodon, 1, pending-install",
            "mastodon-redis-19.v1-deployed.secret.yaml, mastodon, 1, deployed",
            "mastodon-redis-19.v2.secret.yaml,          mastodon, 2, pending-upgrade",
    })
    void the_release_secrets_helm_stores_decode_to_their_record(String fixture, String name, int version, String status)
            throws Exception {
        ReleaseRecord release = DECODER.fromSecretData(secretData(fixture));

        assertEquals(name, release.name());
        assertEquals("mastodon", release.namespace());
        assertEquals(version, release.version());
        assertEquals(status, release.status());
        assertEquals("redis-19.6.4", release.chart());
        assertTrue(release.manifest().contains("kind: StatefulSet"));
    }

    @Test
    void revision_2_carries_the_upgraded_image_in_its_manifest() throws Exception {
        ReleaseRecord release = DECODER.fromSecretData(secretData("mastodon-redis-19.v2.secret.yaml"));

        assertTrue(release.isPending());
        assertTrue(release.manifest().contains("image: docker.io/bitnami/redis:7.4.0-debian-12-r0"));
        assertFalse(release.manifest().contains("7.2.5-debian-12-r4"));
        assertEquals("release mastodon (chart redis-19.6.4, revision 2)", release.displayName());
    }

    @Test
    void a_configmap_record_has_one_base64_layer_less() throws Exception {
        String helmEncoded = new String(Base64.getDecoder().decode(secretData("mastodon-redis-19.v2.secret.yaml")),
                StandardCharsets.US_ASCII);

        assertEquals(2, DECODER.fromConfigMapData(helmEncoded).version());
    }

    @Test
    void an_uncompressed_record_is_read_as_helm_reads_it() throws Exception {
        String json = "{\"name\":\"r\",\"namespace\":\"ns\",\"version\":3,\"info\":{\"status\":\"pending-rollback\"},"
                + "\"chart\":{\"metadata\":{\"name\":\"valkey\",\"version\":\"3.0.31\"}},\"manifest\":\"\"}";

        ReleaseRecord release = DECODER.fromSecretData(twice(json.getBytes(StandardCharsets.UTF_8)));

        assertEquals("pending-rollback", release.status());
        assertEquals("valkey-3.0.31", release.chart());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
            bad base64 outside   => not base64!               => data.release is not base64 (the Secret's encoding)
            bad base64 inside    => bm90IGJhc2U2NCE=          => the release is not base64 inside (Helm's encoding)
            gzip that is corrupt => H4sIAAAAAAAAAAAA          => the release has a gzip header but does not decompress
            not JSON             => plain                     => the decoded release is not JSON
            """)
    void a_corrupt_record_is_refused_with_the_step_that_failed(String name, String data, String message) {
        String input = switch (name) {
            case "gzip that is corrupt" -> Base64.getEncoder().encodeToString(data.trim().getBytes(StandardCharsets.US_ASCII));
            case "not JSON" -> twice("}{".getBytes(StandardCharsets.UTF_8));
            default -> data.trim();
        };

        var e = assertThrows(InvalidReleaseException.class, () -> DECODER.fromSecretData(input));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void a_record_that_decompresses_beyond_the_bound_is_refused_without_reading_it_all() throws Exception {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
            // A JSON text that never ends: 64 MiB of one string in 64 kB, so the parser keeps reading until the bound.
            gzip.write("{\"chart\":{\"templates\":\"".getBytes(StandardCharsets.US_ASCII));
            byte[] letters = new byte[1024 * 1024];
            java.util.Arrays.fill(letters, (byte) 'a');
            for (int i = 0; i < 64; i++) {
                gzip.write(letters);
            }
        }
        ReleaseDecoder small = new ReleaseDecoder(1024 * 1024);

        var e = assertThrows(InvalidReleaseException.class, () -> small.fromSecretData(twice(packed.toByteArray())));
        assertEquals("over 1048576 bytes decoded (rdb-guard.helm.max-release-bytes)", e.getMessage());
        assertTrue(e instanceof ReleaseTooLargeException, "too large is not corrupt: the per-object webhook still judges");
    }

    static String twice(byte[] bytes) {
        Base64.Encoder base64 = Base64.getEncoder();
        return base64.encodeToString(base64.encode(bytes));
    }
}
