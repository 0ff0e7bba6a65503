package io.rdbguard.core.redis;

import io.rdbguard.core.annotation.AnnotationTime;
import io.rdbguard.core.annotation.RecordedBackups;
import java.time.Clock;
import java.time.Duration;

/**
 * Settings of the format checks: how old a recorded backup may be, how far in the future its timestamp may be
 * (clock skew between the machine that wrote it and the cluster), and the clock.
 */
public record FormatGuardSettings(Duration maxBackupAge, Duration maxFutureSkew, Clock clock) {

    public static final Duration DEFAULT_MAX_BACKUP_AGE = Duration.ofHours(24);
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);

    public FormatGuardSettings {
        if (maxBackupAge.isNegative() || maxBackupAge.isZero() || maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("the maximum backup age must be positive and the future skew not negative");
        }
    }

    /** What decides whether a recorded backup allows a change that cannot be undone. */
    public RecordedBackups backups() {
        return new RecordedBackups(maxBackupAge, maxFutureSkew, new AnnotationTime(clock));
    }

    public static FormatGuardSettings defaults(Clock clock) {
        return new FormatGuardSettings(DEFAULT_MAX_BACKUP_AGE, DEFAULT_MAX_FUTURE_SKEW, clock);
    }
}
