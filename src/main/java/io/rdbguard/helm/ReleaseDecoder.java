package io.rdbguard.helm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Decodes the release record Helm's storage drivers write (helm/helm pkg/storage/driver/util.go encodeRelease):
 * {@code base64(gzip(json))}. A Secret's {@code data.release} as the API returns it is base64 of that again; a
 * ConfigMap's {@code data.release} is not. gzip is optional (decodeRelease skips it without the magic bytes).
 * The base64 layers are decoded whole (they are smaller than the request that carried them); what they hold is
 * inflated and parsed as one stream, read once: only the fields rdb-guard judges are kept (chart templates and values,
 * often most of the record and sometimes secret, are skipped unread), and the decoded size is bounded as it is read, so
 * a crafted record can neither exhaust memory nor hide a gzip bomb.
 */
public final class ReleaseDecoder {

    /** A manifest (or any other text kept) longer than this is refused: it would cost the webhook's heap, not a review. */
    static final int MAX_TEXT_CHARS = 8 << 20;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_TEXT_CHARS).build()).build();
    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;
    /** Compressed bytes handed to the inflater at once (GZIPInputStream's default of 512 costs a native call each). */
    private static final int INFLATE_BUFFER_BYTES = 16 << 10;

    private final long maxDecodedBytes;

    public ReleaseDecoder(long maxDecodedBytes) {
        this.maxDecodedBytes = maxDecodedBytes;
    }

    /** From a Secret's {@code data.release} (base64 of Helm's encoding, as the API serves Secret data). */
    public ReleaseRecord fromSecretData(String release) throws InvalidReleaseException {
        byte[] helmEncoded;
        try {
            helmEncoded = Base64.getDecoder().decode(release);
        } catch (IllegalArgumentException e) {
            throw new InvalidReleaseException("data.release is not base64 (the Secret's encoding)");
        }
        return decode(unbase64(helmEncoded));
    }

    /** From a release record as stored: a Secret's or a ConfigMap's {@code data.release}. */
    public ReleaseRecord fromRecord(HasMetadata record) throws InvalidReleaseException {
        Map<String, String> data = record instanceof Secret secret ? secret.getData()
                : record instanceof ConfigMap configMap ? configMap.getData() : null;
        String encoded = data == null ? null : data.get("release");
        if (encoded == null) {
            throw new InvalidReleaseException("it has no data.release");
        }
        return record instanceof Secret ? fromSecretData(encoded) : fromConfigMapData(encoded);
    }

    /** From a ConfigMap's {@code data.release} (Helm's encoding as it is). */
    public ReleaseRecord fromConfigMapData(String release) throws InvalidReleaseException {
        return decode(unbase64(release.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /**
     * Helm's base64 layer, decoded whole: it is smaller than the request body that carried it, and the JDK's streaming
     * base64 decoder reads its input one byte at a time (most of the pre-flight's time on a chart-sized record). What
     * it decodes to, the gzip-compressed release, is still inflated and bounded as a stream.
     */
    private static byte[] unbase64(byte[] helmEncoded) throws InvalidReleaseException {
        try {
            return Base64.getDecoder().decode(helmEncoded);
        } catch (IllegalArgumentException e) {
            throw new InvalidReleaseException("the release is not base64 inside (Helm's encoding)");
        }
    }

    private ReleaseRecord decode(byte[] packed) throws InvalidReleaseException {
        try (InputStream json = bounded(unzipped(packed))) {
            return read(json);
        } catch (DecodedTooLarge e) {
            throw new ReleaseTooLargeException(e.getMessage());
        } catch (DecodingStepFailed e) {
            throw new InvalidReleaseException(e.getMessage());
        } catch (StreamConstraintsException e) {
            throw new ReleaseTooLargeException("a manifest over " + MAX_TEXT_CHARS + " characters");
        } catch (JsonProcessingException e) {
            throw new InvalidReleaseException("the decoded release is not JSON");
        } catch (IOException e) {
            throw new InvalidReleaseException("the release cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The fields of Helm's release.Release that rdb-guard uses; everything else is skipped without being kept. */
    private static ReleaseRecord read(InputStream json) throws IOException, InvalidReleaseException {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidReleaseException("the decoded release is not a JSON object");
            }
            String name = "";
            String namespace = "";
            String status = "";
            String manifest = "";
            String chartName = "unknown";
            String chartVersion = "unknown";
            int version = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "name" -> name = text(parser, value, "");
                    case "namespace" -> namespace = text(parser, value, "");
                    case "manifest" -> manifest = text(parser, value, "");
                    case "version" -> version = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : 0;
                    case "info" -> status = inObject(parser, value, "status");
                    case "chart" -> {
                        String[] metadata = chartMetadata(parser, value);
                        chartName = metadata[0];
                        chartVersion = metadata[1];
                    }
                    default -> parser.skipChildren();
                }
            }
            if (name.isEmpty() || status.isEmpty()) {
                throw new InvalidReleaseException("the decoded release has no name or info.status; is it a Helm release?");
            }
            return new ReleaseRecord(name, namespace, version, status, chartName + "-" + chartVersion, manifest);
        }
    }

    /** The text field {@code wanted} of the object starting at {@code value}; other fields skipped. */
    private static String inObject(JsonParser parser, JsonToken value, String wanted) throws IOException {
        String found = "";
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return found;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if (field.equals(wanted)) {
                found = text(parser, token, "");
            } else {
                parser.skipChildren();
            }
        }
        return found;
    }

    /** chart.metadata.name and chart.metadata.version ("unknown" when absent); the chart's templates are skipped. */
    private static String[] chartMetadata(JsonParser parser, JsonToken value) throws IOException {
        String[] metadata = {"unknown", "unknown"};
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return metadata;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            if (!field.equals("metadata") || token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken keyValue = parser.nextToken();
                if (key.equals("name")) {
                    metadata[0] = text(parser, keyValue, "unknown");
                } else if (key.equals("version")) {
                    metadata[1] = text(parser, keyValue, "unknown");
                } else {
                    parser.skipChildren();
                }
            }
        }
        return metadata;
    }

    private static String text(JsonParser parser, JsonToken value, String fallback) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return fallback;
    }

    /** gzip when it starts with the magic bytes, as Helm's decodeRelease does; plain JSON otherwise. */
    private static InputStream unzipped(byte[] packed) throws IOException {
        InputStream in = new ByteArrayInputStream(packed);
        if (packed.length < 2 || (packed[0] & 0xff) != GZIP_MAGIC_1 || (packed[1] & 0xff) != GZIP_MAGIC_2) {
            return in;
        }
        String failure = "the release has a gzip header but does not decompress";
        try {
            return step(new GZIPInputStream(in, INFLATE_BUFFER_BYTES), failure);
        } catch (IOException e) {
            throw new DecodingStepFailed(failure);
        }
    }

    /** Fails as soon as more than the bound has been read. */
    private InputStream bounded(InputStream in) {
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                read += Math.max(n, 0);
                if (read > maxDecodedBytes) {
                    throw new DecodedTooLarge("over " + maxDecodedBytes + " bytes decoded (rdb-guard.helm.max-release-bytes)");
                }
                return n;
            }
        };
    }

    /** A decoding step whose failures are reported as {@code failure}: the user learns which step broke, never the data. */
    private static InputStream step(InputStream in, String failure) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (DecodingStepFailed e) {
                    throw e;
                } catch (IOException | IllegalArgumentException e) {
                    throw new DecodingStepFailed(failure);
                }
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                try {
                    return super.read(buffer, offset, length);
                } catch (DecodingStepFailed e) {
                    throw e;
                } catch (IOException | IllegalArgumentException e) {
                    throw new DecodingStepFailed(failure);
                }
            }
        };
    }

    /** A step of the decoding failed; the message names the step. */
    private static class DecodingStepFailed extends IOException {
        DecodingStepFailed(String message) {
            super(message, null);
        }
    }

    /** The decoded release passed the bound. */
    private static final class DecodedTooLarge extends DecodingStepFailed {
        DecodedTooLarge(String message) {
            super(message);
        }
    }
}
