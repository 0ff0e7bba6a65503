package io.rdbguard.helm;

/**
 * The parts of a Helm release record (Helm's {@code release.Release}) that rdb-guard judges. Chart values and
 * config are deliberately not kept: they often hold passwords and rdb-guard never needs them.
 */
public record ReleaseRecord(String name, String namespace, int version, String status, String chart, String manifest) {

    /** "release mastodon (chart redis-19.6.4, revision 2)", as messages name it. */
    public String displayName() {
        return "release " + name + " (chart " + chart + ", revision " + version + ")";
    }

    /** Helm writes the record with one of these statuses before it applies anything. */
    public boolean isPending() {
        return status.equals("pending-install") || status.equals("pending-upgrade") || status.equals("pending-rollback");
    }
}
