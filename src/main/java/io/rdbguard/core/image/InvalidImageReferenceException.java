package io.rdbguard.core.image;

/**
 * An image reference that does not follow the container image reference grammar. The message is meant for the
 * person who wrote the manifest: it names the image, says what is wrong, and shows a valid example.
 */
public class InvalidImageReferenceException extends Exception {

    private static final int SHOWN_LENGTH = 64;

    InvalidImageReferenceException(String image, String problem, String example) {
        super("image \"" + shown(image) + "\" is not a valid reference: " + problem + " (e.g. " + example + ")");
    }

    /**
     * kube-apiserver drops warnings that contain control characters, and a long image would push the problem past
     * the 120-character warning cut, so the image is shown escaped and shortened.
     */
    private static String shown(String image) {
        if (image == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        image.codePoints().limit(SHOWN_LENGTH).forEach(c -> {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return image.codePointCount(0, image.length()) > SHOWN_LENGTH ? out + "…" : out.toString();
    }
}
