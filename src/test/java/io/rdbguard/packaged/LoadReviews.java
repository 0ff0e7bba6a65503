package io.rdbguard.packaged;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** Review bodies for load: a real StatefulSet UPDATE from the golden reviews, as is or padded to a realistic maximum. */
final class LoadReviews {

    /** etcd refuses objects over 1.5 MiB; a review of an UPDATE carries the object and the old object. */
    static final int NEAR_ETCD_LIMIT = 1_400_000;
    static final Path DENIED_ONE_WAY = Path.of("src/test/resources/reviews/denied-one-way/request.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LoadReviews() {
    }

    /** The golden denied-one-way review (about 18 KiB) with a fresh uid. */
    static String realistic() {
        return JSON.valueToTree(withUid(read())).toString();
    }

    /** The same review with object and old object each padded by an annotation to {@code objectBytes}. */
    static String padded(int objectBytes) {
        ObjectNode review = withUid(read());
        String padding = "x".repeat(objectBytes);
        for (String field : new String[] {"object", "oldObject"}) {
            ObjectNode metadata = (ObjectNode) review.path("request").path(field).path("metadata");
            metadata.withObject("annotations").put("example.com/padding", padding);
        }
        return review.toString();
    }

    private static ObjectNode withUid(ObjectNode review) {
        ((ObjectNode) review.path("request")).put("uid", UUID.randomUUID().toString());
        return review;
    }

    private static ObjectNode read() {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(DENIED_ONE_WAY));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
