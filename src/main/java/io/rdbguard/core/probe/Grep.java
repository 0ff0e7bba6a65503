package io.rdbguard.core.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A grep reading stdin, matched as GNU grep matches: basic (default), extended (-E) or fixed (-F) patterns, -i, -v,
 * -w, -x, -q. Lines are matched whole, so an unanchored pattern matches inside a longer line
 * ({@code loading:0} inside {@code async_loading:0}) and {@code $} or -x does not match a line ending in "\r".
 *
 * @param quiet true with -q: nothing is printed, only the exit status tells
 */
record Grep(Pattern pattern, boolean invert, boolean quiet, String shown) {

    private static final Pattern SHORT_OPTIONS = Pattern.compile("-[a-zA-Z]+");

    private static final Map<String, String> CLASSES = Map.of(
            "[:digit:]", "\\p{Digit}", "[:alpha:]", "\\p{Alpha}", "[:alnum:]", "\\p{Alnum}", "[:space:]", "\\s",
            "[:upper:]", "\\p{Upper}", "[:lower:]", "\\p{Lower}", "[:punct:]", "\\p{Punct}");

    /** The grep of these words ({@code grep -q PONG}), or empty when it is not one rdb-guard can follow (files, -c, -o, ...). */
    static Optional<Grep> parse(List<String> words) {
        if (words.isEmpty()) {
            return Optional.empty();
        }
        String name = ShellSyntax.baseName(words.get(0));
        if (!List.of("grep", "egrep", "fgrep").contains(name)) {
            return Optional.empty();
        }
        char syntax = name.equals("egrep") ? 'E' : name.equals("fgrep") ? 'F' : 'G';
        boolean ignoreCase = false, invert = false, word = false, line = false, quiet = false;
        List<String> patterns = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            String flags = switch (w) {
                case "--quiet", "--silent" -> "q";
                case "--invert-match" -> "v";
                case "--word-regexp" -> "w";
                case "--line-regexp" -> "x";
                case "--fixed-strings" -> "F";
                case "--extended-regexp" -> "E";
                case "--basic-regexp" -> "G";
                case "--ignore-case" -> "i";
                default -> SHORT_OPTIONS.matcher(w).matches() && operands.isEmpty() ? w.substring(1) : null;
            };
            if (flags == null) {
                if (w.startsWith("--regexp=")) {
                    patterns.add(w.substring("--regexp=".length()));
                } else if (w.startsWith("-") && !w.equals("-")) {
                    return Optional.empty();
                } else {
                    operands.add(w);
                }
                continue;
            }
            for (int j = 0; j < flags.length(); j++) {
                char f = flags.charAt(j);
                switch (f) {
                    case 'q', 's' -> quiet |= f == 'q';
                    case 'v' -> invert = true;
                    case 'w' -> word = true;
                    case 'x' -> line = true;
                    case 'i' -> ignoreCase = true;
                    case 'E', 'F', 'G' -> syntax = f;
                    case 'e' -> {
                        // -e PATTERN, also as the last letter of a group (-qe PATTERN)
                        if (j != flags.length() - 1 || i + 1 >= words.size()) {
                            return Optional.empty();
                        }
                        patterns.add(words.get(++i));
                    }
                    default -> {
                        return Optional.empty();
                    }
                }
            }
        }
        if (patterns.isEmpty() && !operands.isEmpty()) {
            patterns.add(operands.remove(0));
        }
        if (patterns.isEmpty() || !operands.isEmpty()) {
            return Optional.empty();   // no pattern, or files to read instead of stdin
        }
        List<String> regexes = new ArrayList<>();
        for (String p : patterns) {
            String regex = syntax == 'F' ? Pattern.quote(p) : toJava(p, syntax == 'E');
            regexes.add(line ? "^(?:" + regex + ")$" : word ? "(?<![\\w])(?:" + regex + ")(?![\\w])" : regex);
        }
        try {
            // UNIX_LINES: only "\n" ends a line, so "$" does not match before a trailing "\r", as in grep.
            int flags = Pattern.UNIX_LINES | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
            return Optional.of(new Grep(Pattern.compile(String.join("|", regexes), flags), invert, quiet, String.join(" ", words)));
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }

    /** The lines grep selects; it exits 0 exactly when there is at least one. */
    List<String> select(List<String> lines) {
        return lines.stream().filter(l -> pattern.matcher(l).find() != invert).toList();
    }

    /** A POSIX basic or extended regular expression as a Java one (GNU extensions \| \+ \? in basic ones). */
    private static String toJava(String posix, boolean extended) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < posix.length(); i++) {
            char c = posix.charAt(i);
            if (c == '[') {
                int end = bracketEnd(posix, i);
                String body = posix.substring(i, end);
                for (Map.Entry<String, String> cls : CLASSES.entrySet()) {
                    body = body.replace(cls.getKey(), cls.getValue());
                }
                out.append(body);
                i = end - 1;
            } else if (c == '\\' && i + 1 < posix.length()) {
                char next = posix.charAt(++i);
                boolean operator = "|+?(){}".indexOf(next) >= 0;
                // in a basic RE, \| \+ \? \( \) \{ \} are the operators; in an extended one they are literals
                out.append(operator && !extended ? String.valueOf(next) : "\\" + next);
            } else if ("|+?(){}".indexOf(c) >= 0) {
                out.append(extended ? String.valueOf(c) : "\\" + c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int bracketEnd(String s, int open) {
        int j = open + 1;
        if (j < s.length() && s.charAt(j) == '^') {
            j++;
        }
        if (j < s.length() && s.charAt(j) == ']') {
            j++;
        }
        while (j < s.length() && s.charAt(j) != ']') {
            j = s.startsWith("[:", j) ? Math.max(s.indexOf(":]", j) + 2, j + 1) : j + 1;
        }
        return Math.min(j + 1, s.length());
    }
}
