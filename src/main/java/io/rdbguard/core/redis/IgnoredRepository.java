package io.rdbguard.core.redis;

import io.rdbguard.core.workload.ContainerRole;

/**
 * A Redis-adjacent repository that holds no dataset (sentinel, exporter, UI, helper shell): {@code role} is what its
 * images are for when what the container runs does not say; {@code runs} what they run by default (may be null).
 */
public record IgnoredRepository(String path, ContainerRole role, String reason, String source, ImageDefaults runs)
        implements CatalogRepository {
}
