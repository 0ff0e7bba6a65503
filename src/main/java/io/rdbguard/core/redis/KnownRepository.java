package io.rdbguard.core.redis;

/**
 * A repository of datastore images; {@code verified} false and a {@code note} when its facts are unchecked.
 * {@code runs} is what its images run by default (null when the catalog does not say).
 */
public record KnownRepository(
        String path,
        Family family,
        TagGrammar tags,
        String source,
        boolean verified,
        String note,
        ImageDefaults runs) implements CatalogRepository {
}
