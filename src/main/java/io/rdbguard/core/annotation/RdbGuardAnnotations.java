package io.rdbguard.core.annotation;

/** The annotations users set on a workload (or its pod template) to tell rdb-guard what they did. */
public final class RdbGuardAnnotations {

    /** Where a backup of the data is, taken before a one-way format change. */
    public static final String BACKUP = "rdb-guard.io/backup";
    /** When that backup was taken, RFC 3339. */
    public static final String BACKUP_TAKEN_AT = "rdb-guard.io/backup-taken-at";
    /** Where the data will be restored from, when the new image cannot read what is on disk. */
    public static final String RESTORE_FROM = "rdb-guard.io/restore-from";

    private RdbGuardAnnotations() {
    }
}
