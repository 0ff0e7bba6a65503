package io.rdbguard.core.image;

/**
 * A parsed container image reference, normalised: {@code redis:7.2} is registry {@code docker.io},
 * repository {@code library/redis}, tag {@code 7.2}. Tag and digest are null when absent.
 */
public record ImageReference(String registry, String repository, String tag, String digest) {

    /** The tag a container runtime pulls when the reference names neither a tag nor a digest. */
    public static final String DEFAULT_TAG = "latest";

    /**
     * Parses an image reference as written in a pod spec, e.g. {@code redis:7.2.4},
     * {@code registry.local:5000/team/redis:7.2.4-alpine3.19@sha256:…}. See {@link ImageReferenceParser} for the
     * grammar and the normalisation rules.
     */
    public static ImageReference parse(String text) throws InvalidImageReferenceException {
        return ImageReferenceParser.parse(text);
    }

    /**
     * The tag as a runtime resolves it: {@code latest} when no tag was written. A digest-only reference has no
     * tag at all (null), because the runtime pulls by digest.
     */
    public String effectiveTag() {
        return tag == null && digest == null ? DEFAULT_TAG : tag;
    }

    /**
     * The canonical full form, e.g. {@code docker.io/library/redis:7.2}. A missing tag stays missing, so that
     * {@code parse(ref.toString())} gives {@code ref} back.
     */
    @Override
    public String toString() {
        return registry + "/" + repository
                + (tag == null ? "" : ":" + tag)
                + (digest == null ? "" : "@" + digest);
    }
}
