package io.rdbguard.core.redis;

import io.rdbguard.core.redis.ImageIdentity.Datastore;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.ContainerPair;
import io.rdbguard.core.workload.ContainerPairs;
import io.rdbguard.core.workload.ContainerRole;
import io.rdbguard.core.workload.Workload;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * One datastore server container whose image changes: the images as written and what they are. {@code after} is null
 * when an image the catalog does not know replaces the server on its data volume (see {@link #ofUnknownServers}).
 */
record ImageSwap(String container, String oldImage, Datastore before, String newImage, Datastore after) {

    /**
     * The datastore server containers whose image changes from what runs now ({@link Change#runningVersions()}: each
     * distinct set of images the pods run, else the previous template) to another datastore image; a renamed one pairs
     * with its family's predecessor. Containers that run a Sentinel, a client or a tool hold no data and are left out.
     * A change without a datastore container reads nothing of the cluster.
     */
    static List<ImageSwap> of(Change change, ImageIdentifier images) {
        if (change.podTemplateUnchanged()) {
            return List.of(); // no pod restarts, so no image starts on the data: whatever runs keeps running
        }
        if (datastoreContainer(change, images).isEmpty()) {
            return List.of();
        }
        ContainerRoles roles = images.roles();
        Set<ImageSwap> swaps = new LinkedHashSet<>();
        for (Workload running : change.runningVersions()) {
            for (ContainerPair pair : ContainerPairs.of(running, change.workload(), container -> family(container, images))) {
                Container old = pair.before();
                Container now = pair.after();
                if (!old.image().equals(now.image())
                        && images.identify(old.image()) instanceof Datastore before
                        && images.identify(now.image()) instanceof Datastore after
                        && roles.roleOf(old) == ContainerRole.DATASTORE && roles.roleOf(now) == ContainerRole.DATASTORE) {
                    swaps.add(new ImageSwap(now.name(), old.image(), configured(before, old), now.image(),
                            configured(after, now)));
                }
            }
        }
        return new ArrayList<>(swaps);
    }

    /** The first container of the new template that runs a datastore image. */
    static Optional<String> datastoreContainer(Change change, ImageIdentifier images) {
        return change.workload().allContainers().filter(c -> family(c, images).isPresent()).map(Container::name).findFirst();
    }

    /** Datastore servers replaced, on their data volume, by an image the catalog does not know (after is null). */
    static List<ImageSwap> ofUnknownServers(Change change, ImageIdentifier images) {
        ContainerRoles roles = images.roles();
        List<ImageSwap> swaps = new ArrayList<>();
        for (ContainerPair pair : ContainerPairs.of(change, container -> family(container, images))) {
            if (roles.replacesDatastoreOnItsData(change, pair.after())
                    && images.identify(pair.before().image()) instanceof Datastore before) {
                swaps.add(new ImageSwap(pair.after().name(), pair.before().image(), configured(before, pair.before()),
                        pair.after().image(), null));
            }
        }
        return swaps;
    }

    /** The image as this container runs it (its flags and env may choose the format it writes). */
    private static Datastore configured(Datastore image, Container container) {
        return image.configuredBy(ContainerRoles.argv(container, image), container.runtime());
    }

    private static Optional<String> family(Container container, ImageIdentifier images) {
        return images.identify(container.image()) instanceof Datastore datastore
                ? Optional.of(datastore.family().id()) : Optional.empty();
    }

    /** "REDIS0011 → VALKEY080": what the old image wrote and what the new one will write, as far as rdb-guard knows. */
    String formats() {
        return formats(before) + " → " + (after == null ? "a format rdb-guard cannot know" : formats(after));
    }

    /** One header, the few possible ones, or why none is known: never a bare "unknown format". */
    static String formats(Datastore side) {
        Set<Format> formats = side.mayWrite();
        if (formats.isEmpty()) {
            return "a format the catalog does not know (" + side.displayName() + ")";
        }
        return headers(formats, " or ");
    }

    /** Headers joined; more than three of one magic as their span ("any of REDIS0006..REDIS0015"), to stay readable. */
    static String headers(Collection<Format> formats, String separator) {
        Map<String, List<Format>> byMagic = new LinkedHashMap<>();
        for (Format format : formats) {
            byMagic.computeIfAbsent(format.magic(), magic -> new ArrayList<>()).add(format);
        }
        StringJoiner headers = new StringJoiner(separator);
        for (List<Format> same : byMagic.values()) {
            if (same.size() > 3) {
                headers.add("any of " + same.get(0).header() + ".." + same.get(same.size() - 1).header());
            } else {
                same.forEach(format -> headers.add(format.header()));
            }
        }
        return headers.toString();
    }

    /** True when some possible release of {@code reader} loads what some possible release of {@code writer} writes, and when every one does. */
    record Readability(boolean any, boolean all) {

        static Readability of(Datastore writer, Datastore reader) {
            boolean any = false;
            boolean all = true;
            for (Format format : writer.mayWrite()) {
                for (ReleaseLine line : reader.candidates()) {
                    boolean reads = line.loadRule().canRead(format);
                    any |= reads;
                    all &= reads;
                }
            }
            return new Readability(any, all);
        }

        boolean mixed() {
            return any && !all;
        }
    }

    /** Whether each possible new release loads every format the old image may have written. */
    Readability newReadsOld() {
        return Readability.of(before, after);
    }

    /** Whether each possible old release loads every format the new image may write. */
    Readability oldReadsNew() {
        return Readability.of(after, before);
    }

    /** True when both sides are narrowed to lines the catalog knows. */
    boolean known() {
        return after != null && !before.candidates().isEmpty() && !after.candidates().isEmpty();
    }

    /**
     * Which possible readers load the formats a writer may have written, so that an unpinned reference says what the
     * verdict depends on: "Redis 7.2 loads REDIS0010, REDIS0011, not REDIS0012" for one reader, else per format
     * "REDIS0011 loads in Redis 7.2, 7.4, not in Redis 7.0".
     */
    static String whoLoads(Datastore writer, Datastore reader) {
        if (reader.candidates().size() == 1) {
            ReleaseLine line = reader.candidates().get(0);
            List<Format> loads = writer.mayWrite().stream().filter(f -> line.loadRule().canRead(f)).toList();
            List<Format> refuses = writer.mayWrite().stream().filter(f -> !line.loadRule().canRead(f)).toList();
            return line.displayName() + (loads.isEmpty() ? " loads none of " + headers(refuses, ", ")
                    : " loads " + headers(loads, ", ") + (refuses.isEmpty() ? "" : ", not " + headers(refuses, ", ")));
        }
        List<String> parts = new ArrayList<>();
        for (Format format : writer.mayWrite()) {
            List<ReleaseLine> load = reader.candidates().stream().filter(l -> l.loadRule().canRead(format)).toList();
            List<ReleaseLine> refuse = reader.candidates().stream().filter(l -> !l.loadRule().canRead(format)).toList();
            parts.add(format + (load.isEmpty() ? " loads in none of " + ReleaseLine.names(refuse, ", ")
                    : " loads in " + ReleaseLine.names(load, ", ") + (refuse.isEmpty() ? "" : ", not in " + ReleaseLine.names(refuse, ", "))));
        }
        return String.join("; ", parts);
    }

    /**
     * " (unverified catalog facts: Redis 8.6)" when a catalog row the verdict rests on is marked verified: false,
     * else "". Rows that were checked at release tags or observed on a running server are not named.
     */
    String unverifiedNote() {
        Set<String> repositories = new LinkedHashSet<>();
        Set<ReleaseLine> lines = new LinkedHashSet<>();
        for (Datastore side : Stream.of(before, after).filter(s -> s != null).toList()) {
            if (!side.repository().verified()) {
                repositories.add(side.repository().path());
            }
            side.candidates().stream().filter(l -> !l.verified()).forEach(lines::add);
        }
        List<String> unverified = new ArrayList<>(repositories);
        if (!lines.isEmpty()) {
            unverified.add(ReleaseLine.names(List.copyOf(lines), ", "));
        }
        return unverified.isEmpty() ? "" : " (unverified catalog facts: " + String.join(", ", unverified) + ")";
    }
}
