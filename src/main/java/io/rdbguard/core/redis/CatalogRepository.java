package io.rdbguard.core.redis;

/** A repository the catalog knows, by its full path with registry ({@code docker.io/library/redis}). */
public sealed interface CatalogRepository permits KnownRepository, IgnoredRepository {
    String path();

    String source();

    /** What the repository's images run when the pod sets neither command nor args; null when unknown. */
    ImageDefaults runs();
}
