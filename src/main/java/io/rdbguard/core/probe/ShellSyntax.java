package io.rdbguard.core.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Just enough POSIX shell syntax to see a probe script's structure: quotes, {@code $(...)}, backquotes, comments,
 * compound commands, the top-level {@code ;} / newline / {@code &&} / {@code ||} / {@code |} operators, and the words
 * of a simple command. It never runs anything.
 */
final class ShellSyntax {

    // Compiled once: they run for every word of every probe script.
    private static final Pattern SHORT_OPTIONS = Pattern.compile("[-+][a-zA-Z]+");
    private static final Pattern REDIRECTION = Pattern.compile("[0-9]*(?:>>?|<|>&|<&|&>)");
    private static final Pattern REDIRECTION_WITH_TARGET = Pattern.compile("[0-9]*(?:>>?|<|>&|<&|&>).+");

    /** Shells whose {@code -c} argument is the script the probe really runs. */
    private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "ksh", "mksh", "zsh");
    private static final Set<String> OPENERS = Set.of("if", "case", "for", "while", "until", "select", "{");
    private static final Set<String> CLOSERS = Set.of("fi", "esac", "done", "}");

    /** A piece of script text and the top-level operator that follows it: ";", "&&", "||", "|", or "" at the end. */
    record Piece(String text, String operator) {
    }

    /** The script a shell runs, and the options it runs it with ({@code bash -ec}, {@code -o pipefail}). */
    record Shell(String script, boolean errexit, boolean pipefail) {
    }

    private ShellSyntax() {
    }

    /**
     * The script of {@code sh -c SCRIPT} / {@code /bin/bash -ec SCRIPT} / {@code bash -o pipefail -c SCRIPT},
     * or empty when the command is not a shell wrapper (then the kubelet runs it without a shell).
     */
    static Optional<Shell> wrappedScript(List<String> command) {
        if (command.isEmpty() || !SHELLS.contains(baseName(command.get(0)))) {
            return Optional.empty();
        }
        boolean commandStringFollows = false;
        boolean errexit = false;
        boolean pipefail = false;
        for (int i = 1; i < command.size(); i++) {
            String arg = command.get(i);
            if (arg.equals("-o") || arg.equals("+o")) {
                pipefail |= arg.equals("-o") && i + 1 < command.size() && command.get(i + 1).equals("pipefail");
                errexit |= arg.equals("-o") && i + 1 < command.size() && command.get(i + 1).equals("errexit");
                i++;
            } else if (SHORT_OPTIONS.matcher(arg).matches()) {
                commandStringFollows |= arg.startsWith("-") && arg.contains("c");
                errexit |= arg.startsWith("-") && arg.contains("e");
            } else {
                return commandStringFollows ? Optional.of(new Shell(arg, errexit, pipefail)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * The words of a simple command with quotes removed; {@code $(...)}, backquotes and {@code ${...}} stay as written,
     * and redirections ({@code 2>&1}, {@code >/dev/null}, {@code < file}) are dropped.
     */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n') {
                if (inWord) {
                    words.add(word.toString());
                }
                word.setLength(0);
                inWord = false;
                i++;
                continue;
            }
            int next = skip(text, i);
            if (c == '\'' || c == '"') {
                word.append(text, i + 1, Math.max(i + 1, next - 1));
            } else if (c == '\\' && next == i + 2) {
                word.append(text.charAt(i + 1) == '\n' ? "" : String.valueOf(text.charAt(i + 1)));
            } else {
                word.append(text, i, next);
            }
            inWord = true;
            i = next;
        }
        if (inWord) {
            words.add(word.toString());
        }
        return dropRedirections(words);
    }

    private static List<String> dropRedirections(List<String> words) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (REDIRECTION.matcher(w).matches()) {
                i++;   // the target is the next word
            } else if (!REDIRECTION_WITH_TARGET.matcher(w).matches()) {
                kept.add(w);
            }
        }
        return kept;
    }

    static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The script split at its top-level operators; comments dropped, compound commands and substitutions kept whole. */
    static List<Piece> pieces(String script) {
        List<Piece> pieces = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int compoundDepth = 0;
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            if (c == '#' && startsWord(script, i)) {
                int end = script.indexOf('\n', i);
                i = end < 0 ? script.length() : end;
                continue;
            }
            if (compoundDepth == 0) {
                String operator = operatorAt(script, i);
                if (operator != null) {
                    pieces.add(new Piece(current.toString().trim(), operator.equals("\n") ? ";" : operator));
                    current.setLength(0);
                    i += operator.length();
                    continue;
                }
            }
            if (startsWord(script, i)) {
                String word = keywordAt(script, i);
                if (OPENERS.contains(word)) {
                    compoundDepth++;
                } else if (CLOSERS.contains(word)) {
                    compoundDepth = Math.max(0, compoundDepth - 1);
                }
            }
            int next = skip(script, i);
            current.append(script, i, next);
            i = next;
        }
        pieces.add(new Piece(current.toString().trim(), ""));
        return pieces;
    }

    private static String operatorAt(String s, int i) {
        if (s.startsWith("&&", i) || s.startsWith("||", i)) {
            return s.substring(i, i + 2);
        }
        char c = s.charAt(i);
        if (c == '|' && (i == 0 || s.charAt(i - 1) != '>')) {
            return "|";
        }
        return c == ';' || c == '\n' ? String.valueOf(c) : null;
    }

    private static boolean startsWord(String s, int i) {
        return i == 0 || " \t\n;&|(".indexOf(s.charAt(i - 1)) >= 0;
    }

    /** The word starting at i when it could be a reserved word, else "". */
    private static String keywordAt(String s, int i) {
        int end = i;
        while (end < s.length() && (Character.isLetter(s.charAt(end)) || "{}".indexOf(s.charAt(end)) >= 0)) {
            end++;
        }
        boolean delimited = end == s.length() || " \t\n;&|()".indexOf(s.charAt(end)) >= 0;
        return delimited ? s.substring(i, end) : "";
    }

    /** The index just past the quoted string, substitution, group or escape starting at i; i + 1 for a plain character. */
    private static int skip(String s, int i) {
        char c = s.charAt(i);
        switch (c) {
            case '\\':
                return Math.min(i + 2, s.length());
            case '\'': {
                int end = s.indexOf('\'', i + 1);
                return end < 0 ? s.length() : end + 1;
            }
            case '"':
            case '`': {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    char d = s.charAt(j);
                    j = d == '\\' || (d == '$' && c == '"') ? skip(s, j) : j + 1;
                }
                return Math.min(j + 1, s.length());
            }
            case '$':
                return i + 1 < s.length() && "({".indexOf(s.charAt(i + 1)) >= 0 ? skipGroup(s, i + 1) : i + 1;
            case '(':
                return skipGroup(s, i);
            default:
                return i + 1;
        }
    }

    private static int skipGroup(String s, int open) {
        char close = s.charAt(open) == '(' ? ')' : '}';
        int j = open + 1;
        while (j < s.length() && s.charAt(j) != close) {
            j = skip(s, j);
        }
        return Math.min(j + 1, s.length());
    }
}
