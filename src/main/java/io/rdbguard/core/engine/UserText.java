package io.rdbguard.core.engine;

import java.util.regex.Pattern;

/**
 * The one sanitizer for text users read (denial lines, warnings, reports): it may carry values from objects and
 * annotations, which can hold anything. kube-apiserver drops a warning with a control character in it, and a terminal
 * obeys escape sequences and bidirectional overrides, so every such character becomes a space.
 */
public final class UserText {

    /**
     * C0 and C1 controls, DEL, format characters (bidi overrides, zero-width), line and paragraph separators, and
     * surrogates that are not part of a pair (JSON text may carry one as an escape; no UTF-8 encoder can write it).
     */
    private static final Pattern UNSAFE = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}]+");
    /** A cut searches this far back for a space, so that it does not fall inside a word. */
    private static final int WORD_SEARCH = 30;

    private UserText() {
    }

    /** One line without control or format characters. */
    public static String oneLine(String text) {
        return UNSAFE.matcher(text == null ? "" : text).replaceAll(" ").strip();
    }

    /** One line of at most {@code max} characters; a longer one is cut at a word boundary and ends with "…". */
    public static String oneLine(String text, int max) {
        String line = oneLine(text);
        if (line.length() <= max) {
            return line;
        }
        int cut = line.lastIndexOf(' ', max - 1);
        if (cut <= 0 || cut < max - 1 - WORD_SEARCH) {
            cut = max - 1;
        }
        if (cut > 0 && Character.isHighSurrogate(line.charAt(cut - 1))) {
            cut--; // not between the two halves of one character (an emoji): half of it cannot be written as UTF-8
        }
        return line.substring(0, cut).stripTrailing() + "…";
    }
}
