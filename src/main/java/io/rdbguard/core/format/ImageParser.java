package io.rdbguard.core.format;

import io.rdbguard.core.image.ImageReference;

/**
 * Turns a container's image string into a normalised reference: {@code ImageReference::parse} in production.
 * A checked exception's message is shown to the user as the reason the image is invalid.
 */
@FunctionalInterface
public interface ImageParser {
    ImageReference parse(String image) throws Exception;
}
