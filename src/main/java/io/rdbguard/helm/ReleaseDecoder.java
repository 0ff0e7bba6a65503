package io.rdbguard.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.zip.GZIPInputStream;

/**
 * Decodes the release record Helm's storage drivers write (helm/helm pkg/storage/driver/util.go encodeRelease):
 * {@code base64(gzip(json))}. A Secret's {@code data.release} as the API returns it is base64 of that again; a
 * ConfigMap's {@code data.release} is not. gzip is optional (decodeRelease skips it without the magic bytes).
 * The decoded size is bounded, so a crafted record cannot exhaust memory.
 */
public final class ReleaseDecoder {

    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b, 0x08};

    private final ObjectMapper json;
    private final long maxDecodedBytes;

    public ReleaseDecoder(ObjectMapper json, long maxDecodedBytes) {
        this.json = json;
        this.maxDecodedBytes = maxDecodedBytes;
    }

    /** From a Secret's {@code data.release} (base64 of Helm's encoding, as the API serves Secret data). */
    public ReleaseRecord fromSecretData(String release) throws InvalidReleaseException {
        return fromHelmEncoding(base64(release, "data.release is not base64 (the Secret's encoding)"));
    }

    /** From a ConfigMap's {@code data.release} (Helm's encoding as it is). */
    public ReleaseRecord fromConfigMapData(String release) throws InvalidReleaseException {
        return fromHelmEncoding(release.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    private ReleaseRecord fromHelmEncoding(byte[] helmEncoded) throws InvalidReleaseException {
        byte[] packed = base64(new String(helmEncoded, java.nio.charset.StandardCharsets.US_ASCII),
                "the release is not base64 inside (Helm's encoding)");
        byte[] releaseJson = startsWithGzipMagic(packed) ? gunzip(packed) : bounded(packed);
        JsonNode root;
        try {
            root = json.readTree(releaseJson);
        } catch (IOException e) {
            throw new InvalidReleaseException("the decoded release is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidReleaseException("the decoded release is not a JSON object");
        }
        String name = text(root, "name");
        String status = root.path("info").path("status").asText("");
        if (name.isEmpty() || status.isEmpty()) {
            throw new InvalidReleaseException("the decoded release has no name or info.status; is it a Helm release?");
        }
        JsonNode metadata = root.path("chart").path("metadata");
        String chart = metadata.path("name").asText("unknown") + "-" + metadata.path("version").asText("unknown");
        return new ReleaseRecord(name, text(root, "namespace"), root.path("version").asInt(0), status, chart,
                text(root, "manifest"));
    }

    private byte[] gunzip(byte[] packed) throws InvalidReleaseException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(packed))) {
            return readBounded(in);
        } catch (IOException e) {
            throw new InvalidReleaseException("the release has a gzip header but does not decompress (" + e.getMessage() + ")");
        }
    }

    private byte[] readBounded(InputStream in) throws IOException, InvalidReleaseException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            if (out.size() + n > maxDecodedBytes) {
                throw new InvalidReleaseException("the decoded release is larger than " + maxDecodedBytes
                        + " bytes (rdb-guard.helm.max-release-bytes)");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private byte[] bounded(byte[] raw) throws InvalidReleaseException {
        if (raw.length > maxDecodedBytes) {
            throw new InvalidReleaseException("the decoded release is larger than " + maxDecodedBytes
                    + " bytes (rdb-guard.helm.max-release-bytes)");
        }
        return raw;
    }

    private static byte[] base64(String text, String problem) throws InvalidReleaseException {
        try {
            return Base64.getDecoder().decode(text.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidReleaseException(problem);
        }
    }

    private static boolean startsWithGzipMagic(byte[] bytes) {
        return bytes.length >= 3 && bytes[0] == GZIP_MAGIC[0] && bytes[1] == GZIP_MAGIC[1] && bytes[2] == GZIP_MAGIC[2];
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).asText("");
    }
}
