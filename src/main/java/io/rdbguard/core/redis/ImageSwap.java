package io.rdbguard.core.redis;

import io.rdbguard.core.redis.ImageIdentity.Datastore;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.ContainerPair;
import io.rdbguard.core.workload.ContainerPairs;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One datastore container whose image changes: the images as written and what they are. */
record ImageSwap(String container, String oldImage, Datastore before, String newImage, Datastore after) {

    /** The datastore containers of an UPDATE whose image changes; a renamed one pairs with its family's predecessor. */
    static List<ImageSwap> of(Change change, ImageIdentifier images) {
        if (change.podTemplateUnchanged()) {
            return List.of(); // no pod restarts, so no image starts on the data: whatever runs keeps running
        }
        List<ImageSwap> swaps = new ArrayList<>();
        for (ContainerPair pair : ContainerPairs.of(change, container -> family(container, images))) {
            Container old = pair.before();
            Container now = pair.after();
            if (!old.image().equals(now.image())
                    && images.identify(old.image()) instanceof Datastore before
                    && images.identify(now.image()) instanceof Datastore after) {
                swaps.add(new ImageSwap(now.name(), old.image(), before, now.image(), after));
            }
        }
        return swaps;
    }

    private static Optional<String> family(Container container, ImageIdentifier images) {
        return images.identify(container.image()) instanceof Datastore datastore
                ? Optional.of(datastore.family().id()) : Optional.empty();
    }

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
