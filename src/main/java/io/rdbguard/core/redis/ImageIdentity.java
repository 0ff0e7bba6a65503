package io.rdbguard.core.redis;

import io.rdbguard.core.image.ImageReference;
import io.rdbguard.core.workload.Container;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** What an image is, as far as snapshot formats go. */
public sealed interface ImageIdentity {

    /** A Redis-adjacent image that holds no dataset (sentinel, exporter, UI); {@code repository} is the catalog row. */
    record NotADatastore(IgnoredRepository repository) implements ImageIdentity {
    }

    /** An image from a repository the catalog does not know: not a Redis-family image. */
    record UnknownRepository(String repository) implements ImageIdentity {
    }

    /** An image string that is not a valid reference. */
    record InvalidReference(String image, String problem) implements ImageIdentity {
    }

    /**
     * A datastore image. {@code version} is null when the reference does not tell it (a major tag such as
     * {@code valkey:8} tells the major only), {@code line} is null when the reference names no line or the catalog has
     * no such line; {@code pinning} says why the image is (not) pinned. {@code candidates} are the catalog's lines the
     * image could run: its line when known, else every line the reference allows (empty: none the catalog knows).
     */
    record Datastore(
            ImageReference reference,
            KnownRepository repository,
            String version,
            ReleaseLine line,
            boolean pinned,
            String pinning,
            List<ReleaseLine> candidates) implements ImageIdentity {

        public Datastore {
            candidates = List.copyOf(candidates);
        }

        /** This image as a container runs it: a line's format flag on its command line or in its env changes what it writes. */
        public Datastore configuredBy(List<String> argv, Container.Runtime runtime) {
            return new Datastore(reference, repository, version, line == null ? null : line.configuredBy(argv, runtime),
                    pinned, pinning, candidates.stream().map(l -> l.configuredBy(argv, runtime)).toList());
        }

        /** The formats this image may write: one when its line is known; none when the catalog knows no candidate. */
        public Set<Format> mayWrite() {
            return candidates.stream().map(ReleaseLine::writes).collect(Collectors.toCollection(LinkedHashSet::new));
        }

        public Family family() {
            return repository.family();
        }

        /** True when a fact used for this image (its repository or its release line) is unverified. */
        public boolean unverified() {
            return !repository.verified() || (line != null && !line.verified());
        }

        /** "Redis 7.2", or the family and version when the catalog has no such line. */
        public String displayName() {
            if (line != null) {
                return line.displayName();
            }
            return version == null ? family().name() : family().name() + " " + version;
        }

        /** "Valkey 8.0 or 8.1": the lines this image may run, as messages name them. */
        public String candidateNames() {
            return ReleaseLine.names(candidates, " or ");
        }
    }
}
