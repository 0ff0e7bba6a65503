package io.rdbguard.core.redis;

/** A Redis-adjacent repository that holds no dataset (sentinel, exporter, UI); the format checks ignore it. */
public record IgnoredRepository(String path, String reason, String source) implements CatalogRepository {
}
