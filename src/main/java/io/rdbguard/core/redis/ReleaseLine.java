package io.rdbguard.core.redis;

/**
 * A release line of one family (Redis 7.2, Valkey 9.0): the format it writes and what it loads.
 * {@code verified} is false when the fact was not checked at the line's release tags; {@code note} may be null.
 */
public record ReleaseLine(
        Family family,
        String line,
        Format writes,
        LoadRule loadRule,
        String source,
        boolean verified,
        String note) {

    /** "Redis 7.2": how messages name the line. */
    public String displayName() {
        return family.name() + " " + line;
    }
}
