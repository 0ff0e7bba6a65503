package io.rdbguard.core.format;

import io.rdbguard.core.image.ImageReference;
import io.rdbguard.core.image.InvalidImageReferenceException;

import io.rdbguard.core.format.ImageIdentity.InvalidReference;

/** What a container's image is: parses the string, then asks the catalog. */
public final class ImageIdentifier {

    private final Catalog catalog;
    public ImageIdentifier(Catalog catalog) {
        this.catalog = catalog;
    }

    public Catalog catalog() {
        return catalog;
    }

    public ImageIdentity identify(String image) {
        try {
            return catalog.identify(ImageReference.parse(image));
        } catch (InvalidImageReferenceException e) {
            return new InvalidReference(image, e.getMessage());
        }
    }

    /** The image as written without its tag and digest, to suggest a pinned tag: {@code redis:7} gives {@code redis}. */
    static String withoutTag(String image) {
        int at = image.indexOf('@');
        String name = at < 0 ? image : image.substring(0, at);
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
    }
}
