package io.rdbguard.core.image;

/**
 * A parsed container image reference, normalised: {@code redis:7.2} is registry {@code docker.io},
 * repository {@code library/redis}, tag {@code 7.2}. Tag and digest are null when absent.
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
}
