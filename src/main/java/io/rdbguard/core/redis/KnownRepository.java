package io.rdbguard.core.redis;

/** A repository of datastore images; {@code verified} false and a {@code note} when its facts are unchecked. */
public record KnownRepository(
        String path,
        Family family,
        TagGrammar tags,
        String source,
        boolean verified,
        String note) implements CatalogRepository {
}
