package io.rdbguard.core.redis;

import io.rdbguard.core.redis.ImageIdentity.InvalidReference;
import io.rdbguard.core.image.ImageReference;
import io.rdbguard.core.image.InvalidImageReferenceException;
import io.rdbguard.core.memo.BoundedMemo;

/**
 * What a container's image is: parses the string, then asks the catalog. Every check asks about the same few images
 * on every request, so answers are remembered; the identifier lives as long as its catalog (a reload makes a new one),
 * and so do the {@link #roles() container roles} it tells.
 */
public final class ImageIdentifier {

    /** Clusters run a few hundred distinct images; a bound keeps crafted requests from growing the memo without end. */
    static final int MEMO_LIMIT = 4096;
    /** No registry takes a reference this long; a longer one is identified every time rather than kept. */
    static final int LONGEST_REMEMBERED = 1024;

    private final Catalog catalog;
    private final BoundedMemo<String, ImageIdentity> memo = new BoundedMemo<>(MEMO_LIMIT, String::length, LONGEST_REMEMBERED);
    private final ContainerRoles roles;

    public ImageIdentifier(Catalog catalog) {
        this.catalog = catalog;
        this.roles = new ContainerRoles(this);
    }

    public Catalog catalog() {
        return catalog;
    }

    /** What each container runs, read with this catalog's role rules. */
    public ContainerRoles roles() {
        return roles;
    }

    public ImageIdentity identify(String image) {
        return memo.get(image, this::identifyNow);
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
