package io.rdbguard.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * An AdmissionReview body to fuzz: a seed review and the genes applied to it. A Helm release record has three more
 * layers that are mutated on their own, the way a broken or hostile record differs from Helm's: the decoded release
 * JSON, the documents of its manifest, and the encoding (gzip, base64) around them.
 */
public final class FuzzedReview {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** How the release is packed into data.release; Helm writes {@link #GZIP}. */
    private enum Encoding { GZIP, PLAIN, GARBAGE, GZIP_OF_GARBAGE, TRUNCATED_GZIP, NOT_BASE64 }

    private final String seedName;
    private final ObjectNode review;
    private final ObjectNode release;
    private final ArrayNode manifest;
    private final boolean secret;
    private Encoding encoding = Encoding.GZIP;
    private long garbage;

    private FuzzedReview(String seedName, ObjectNode review, ObjectNode release, ArrayNode manifest, boolean secret) {
        this.seedName = seedName;
        this.review = review;
        this.release = release;
        this.manifest = manifest;
        this.secret = secret;
    }

    /** A review of a workload (or anything that is not a Helm release record). */
    public static FuzzedReview of(String seedName, String reviewJson) {
        return new FuzzedReview(seedName, (ObjectNode) read(reviewJson), null, null, false);
    }

    /**
     * A review that writes a Helm release record: {@code reviewJson} carries the record (a Secret, or a ConfigMap with
     * {@code secret} false) whose data.release is re-encoded from the release and manifest layers.
     */
    public static FuzzedReview helmRecord(String seedName, String reviewJson, boolean secret) {
        ObjectNode review = (ObjectNode) read(reviewJson);
        String data = review.path("request").path("object").path("data").path("release").asText();
        byte[] helmEncoded = secret ? Base64.getDecoder().decode(data) : data.getBytes(StandardCharsets.US_ASCII);
        ObjectNode release = (ObjectNode) read(new String(gunzip(Base64.getDecoder().decode(helmEncoded)), StandardCharsets.UTF_8));
        ArrayNode manifest = JSON.createArrayNode();
        try {
            YAML.readerFor(JsonNode.class).readValues(release.path("manifest").asText()).readAll().stream()
                    .filter(d -> d != null && !((JsonNode) d).isNull()).forEach(d -> manifest.add((JsonNode) d));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        release.remove("manifest");
        return new FuzzedReview(seedName, review, release, manifest, secret);
    }

    /** An independent copy with the genes applied. */
    public FuzzedReview mutated(List<Long> genes) {
        FuzzedReview copy = new FuzzedReview(seedName, review.deepCopy(), release == null ? null : release.deepCopy(),
                manifest == null ? null : manifest.deepCopy(), secret);
        genes.forEach(copy::mutate);
        return copy;
    }

    public String seedName() {
        return seedName;
    }

    private void mutate(long gene) {
        int layer = release == null ? 0 : (int) ((gene >>> 56) & 0xFF) % 4;
        switch (layer) {
            case 0 -> JsonMutator.mutate(review, gene);
            case 1 -> JsonMutator.mutate(release, gene);
            case 2 -> JsonMutator.mutate(manifest, gene);
            default -> {
                encoding = Encoding.values()[(int) Math.floorMod(gene, (long) Encoding.values().length)];
                garbage = gene;
            }
        }
    }

    /** The request body: JSON text, ASCII only. */
    public String body() {
        if (release != null && review.path("request").path("object").path("data") instanceof ObjectNode data
                && data.has("release")) {
            ObjectNode full = release.deepCopy();
            full.put("manifest", "@@manifest@@");
            String releaseJson = JsonMutator.render(full).replace("\"@@manifest@@\"", JsonMutator.render(JSON.getNodeFactory()
                    .textNode(manifestText())));
            byte[] helmEncoded = encoding == Encoding.NOT_BASE64 ? "not base64: %%%".getBytes(StandardCharsets.US_ASCII)
                    : Base64.getEncoder().encode(packed(releaseJson.getBytes(StandardCharsets.UTF_8)));
            data.put("release", secret ? Base64.getEncoder().encodeToString(helmEncoded) : new String(helmEncoded, StandardCharsets.US_ASCII));
        }
        return JsonMutator.render(review);
    }

    /** The manifest as Helm renders it: YAML documents (here in flow style, which is JSON) after "---" lines. */
    private String manifestText() {
        return StreamSupport.stream(manifest.spliterator(), false)
                .map(document -> "---\n# Source: fuzzed\n" + JsonMutator.render(document) + "\n")
                .collect(Collectors.joining());
    }

    private byte[] packed(byte[] releaseJson) {
        Random random = new Random(garbage);
        byte[] noise = new byte[1 + random.nextInt(2048)];
        random.nextBytes(noise);
        return switch (encoding) {
            case GZIP, NOT_BASE64 -> gzip(releaseJson);
            case PLAIN -> releaseJson;
            case GARBAGE -> noise;
            case GZIP_OF_GARBAGE -> gzip(noise);
            case TRUNCATED_GZIP -> Arrays.copyOf(gzip(releaseJson), Math.max(3, gzip(releaseJson).length / 2));
        };
    }

    @Override
    public String toString() {
        return seedName;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] bytes) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
