package io.rdbguard.core.redis;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A snapshot format: the magic and version at the start of every RDB file. Versions of different magics are not
 * comparable ({@code REDIS0012} is not older than {@code VALKEY080}); compare readability through a {@link LoadRule}.
 */
public record Format(String magic, int version) {

    /** An RDB file starts with 9 bytes: the magic, then the version zero-padded to fill them (REDIS0011, VALKEY080). */
    public static final int HEADER_LENGTH = 9;

    private static final Pattern HEADER = Pattern.compile("([A-Z]+)(\\d+)");
    private static final Pattern MAGIC = Pattern.compile("[A-Z]{1,8}");

    public Format {
        if (magic == null || !MAGIC.matcher(magic).matches()) {
            throw new IllegalArgumentException("a format magic is 1 to 8 capital letters, not " + magic);
        }
        int digits = HEADER_LENGTH - magic.length();
        if (version < 0 || String.valueOf(version).length() > digits) {
            throw new IllegalArgumentException("version " + version + " does not fit the " + magic + " header");
        }
    }

    /** The file header as it appears on disk, e.g. {@code REDIS0011}. */
    public String header() {
        String digits = String.valueOf(version);
        return magic + "0".repeat(HEADER_LENGTH - magic.length() - digits.length()) + digits;
    }

    /** Reads a header such as {@code REDIS0011}; empty when the text is not a 9-byte magic + version header. */
    public static Optional<Format> parseHeader(String text) {
        Matcher matcher = HEADER.matcher(text == null ? "" : text);
        if (!matcher.matches() || text.length() != HEADER_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(new Format(matcher.group(1), Integer.parseInt(matcher.group(2))));
    }

    @Override
    public String toString() {
        return header();
    }
}
