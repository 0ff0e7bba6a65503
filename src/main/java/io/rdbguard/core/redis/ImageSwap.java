package io.rdbguard.core.redis;

import io.rdbguard.core.redis.ImageIdentity.Datastore;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.ContainerPair;
import io.rdbguard.core.workload.ContainerPairs;
import io.rdbguard.core.workload.Workload;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One datastore container whose image changes: the images as written and what they are. */
record ImageSwap(String container, String oldImage, Datastore before, String newImage, Datastore after) {

    /**
     * The datastore containers whose image changes from what runs now ({@link Change#runningVersions()}: each distinct
     * set of images the pods run, else the previous template); a renamed one pairs with its family's predecessor. A
     * change without a datastore container reads nothing of the cluster.
     */
    static List<ImageSwap> of(Change change, ImageIdentifier images) {
        if (datastoreContainer(change, images).isEmpty()) {
            return List.of();
        }
        Set<ImageSwap> swaps = new LinkedHashSet<>();
        for (Workload running : change.runningVersions()) {
            for (ContainerPair pair : ContainerPairs.of(running, change.workload(), container -> family(container, images))) {
                Container old = pair.before();
                Container now = pair.after();
                if (!old.image().equals(now.image())
                        && images.identify(old.image()) instanceof Datastore before
                        && images.identify(now.image()) instanceof Datastore after) {
                    swaps.add(new ImageSwap(now.name(), old.image(), before, now.image(), after));
                }
            }
        }
        return new ArrayList<>(swaps);
    }

    /** The first container of the new template that runs a datastore image. */
    static Optional<String> datastoreContainer(Change change, ImageIdentifier images) {
        return change.workload().allContainers().filter(c -> family(c, images).isPresent()).map(Container::name).findFirst();
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
