package io.rdbguard.core.redis;

import io.rdbguard.core.image.ImageReference;

/** What an image is, as far as snapshot formats go. */
public sealed interface ImageIdentity {

    /** A Redis-adjacent image that holds no dataset (sentinel, exporter, UI); {@code repository} is the catalog row. */
    record NotADatastore(String repository, String reason) implements ImageIdentity {
    }

    /** An image from a repository the catalog does not know: not a Redis-family image. */
    record UnknownRepository(String repository) implements ImageIdentity {
    }

    /** An image string that is not a valid reference. */
    record InvalidReference(String image, String problem) implements ImageIdentity {
    }

    /**
     * A datastore image. {@code version} is null when the reference does not tell it, {@code line} is null when the
     * version is unknown or the catalog has no such line; {@code pinning} says why the image is (not) pinned.
     */
    record Datastore(
            ImageReference reference,
            KnownRepository repository,
            String version,
            ReleaseLine line,
            boolean pinned,
            String pinning) implements ImageIdentity {

        public Family family() {
            return repository.family();
        }

        /** The format this image writes, or null when rdb-guard cannot tell. */
        public Format writes() {
            return line == null ? null : line.writes();
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
    }
}
