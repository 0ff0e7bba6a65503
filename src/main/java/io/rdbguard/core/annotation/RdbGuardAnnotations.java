package io.rdbguard.core.annotation;

/** The annotations users set on a workload (or its pod template) to tell rdb-guard what they did. */
public final class RdbGuardAnnotations {

    /** Where a backup of the data is, taken before a one-way format change. */
    public static final String BACKUP = "rdb-guard.io/backup";
    /** When that backup was taken, RFC 3339. */
    public static final String BACKUP_TAKEN_AT = "rdb-guard.io/backup-taken-at";
    /** Where the data will be restored from, when the new image cannot read what is on disk. */
    public static final String RESTORE_FROM = "rdb-guard.io/restore-from";

    /** Check ids (comma-separated, or {@code all}) whose violations are exempted. */
    public static final String EXEMPT = "rdb-guard.io/exempt";
    /** Why: required, shown in every warning and log line about the exemption. */
    public static final String EXEMPT_REASON = "rdb-guard.io/exempt-reason";
    /** Until when, RFC 3339: required, in the future and within the configured horizon. */
    public static final String EXEMPT_UNTIL = "rdb-guard.io/exempt-until";
    /** Optional scope: container names, comma-separated. */
    public static final String EXEMPT_CONTAINERS = "rdb-guard.io/exempt-containers";

    private RdbGuardAnnotations() {
    }
}
