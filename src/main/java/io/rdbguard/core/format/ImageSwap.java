package io.rdbguard.core.format;

import io.rdbguard.core.format.ImageIdentity.Datastore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One datastore container whose image changes: the images as written and what they are. */
record ImageSwap(String container, String oldImage, Datastore before, String newImage, Datastore after) {

    /** "REDIS0011 → VALKEY080": what the old image wrote and what the new one will write. */
    String formats() {
        return header(before.writes()) + " → " + header(after.writes());
    }

    static String header(Format format) {
        return format == null ? "unknown format" : format.header();
    }

    /** " (unverified catalog facts: Redis 8.6)" when a fact used for either image is unverified, else "". */
    String unverifiedNote() {
        Set<String> unverified = new LinkedHashSet<>();
        for (Datastore side : List.of(before, after)) {
            if (side.unverified()) {
                unverified.add(side.repository().verified() ? side.displayName() : side.repository().path());
            }
        }
        return unverified.isEmpty() ? "" : " (unverified catalog facts: " + String.join(", ", unverified) + ")";
    }
}
