package io.rdbguard.core.redis;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tag forms of a repository, tried in order. {@code pinnedExample} shows a tag that pins a release,
 * for the fix of a floating tag.
 */
public record TagGrammar(String name, String pinnedExample, List<TagPattern> patterns, String source) {

    /** The named group that captures the version in a pattern. */
    public static final String VERSION_GROUP = "version";

    public TagGrammar {
        patterns = List.copyOf(patterns);
    }

    /** One tag form: whether it names one release, and what it means in words ("follows the newest patch ..."). */
    public record TagPattern(Pattern regex, boolean pinned, String meaning) {

        public boolean capturesVersion() {
            return regex.pattern().contains("(?<" + VERSION_GROUP + ">");
        }
    }

    /** A tag matched by a pattern; version is null when the form carries none (latest, 7). */
    public record TagMatch(TagPattern pattern, String version) {
    }

    public Optional<TagMatch> match(String tag) {
        for (TagPattern pattern : patterns) {
            Matcher matcher = pattern.regex().matcher(tag);
            if (matcher.matches()) {
                return Optional.of(new TagMatch(pattern, pattern.capturesVersion() ? matcher.group(VERSION_GROUP) : null));
            }
        }
        return Optional.empty();
    }
}
