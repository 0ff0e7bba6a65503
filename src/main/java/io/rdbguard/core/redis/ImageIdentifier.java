package io.rdbguard.core.redis;

import io.rdbguard.core.redis.ImageIdentity.InvalidReference;
import io.rdbguard.core.image.ImageReference;
import io.rdbguard.core.image.InvalidImageReferenceException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a container's image is: parses the string, then asks the catalog. Every check asks about the same few images
 * on every request, so answers are remembered; the identifier lives as long as its catalog (a reload makes a new one).
 */
public final class ImageIdentifier {

    /** Clusters run a few hundred distinct images; a bound keeps crafted requests from growing the memo without end. */
    static final int MEMO_LIMIT = 4096;

    private final Catalog catalog;
    private final Map<String, ImageIdentity> memo = new ConcurrentHashMap<>();

    public ImageIdentifier(Catalog catalog) {
        this.catalog = catalog;
    }

    public Catalog catalog() {
        return catalog;
    }

    public ImageIdentity identify(String image) {
        ImageIdentity known = memo.get(image);
        if (known != null) {
            return known;
        }
        ImageIdentity identity = identifyNow(image);
        if (memo.size() >= MEMO_LIMIT) {
            memo.clear();
        }
        memo.put(image, identity);
        return identity;
    }

    private ImageIdentity identifyNow(String image) {
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
