package io.rdbguard.core.annotation;

import static io.rdbguard.core.annotation.RdbGuardAnnotations.BACKUP;
import static io.rdbguard.core.annotation.RdbGuardAnnotations.BACKUP_TAKEN_AT;

import io.rdbguard.core.check.Finding;
import io.rdbguard.core.workload.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether a fresh backup allows a change that cannot be undone. A backup is the pair {@code rdb-guard.io/backup} and
 * {@code rdb-guard.io/backup-taken-at}, read together from one place (the object or the pod template). When both places
 * hold a pair, the freshest one counts (a chart's stale pair on one must not hide a fresh one on the other), and the
 * message says where it was found. An incomplete, malformed or future pair in either place is an error: never ignored.
 */
public final class RecordedBackups {

    private static final List<String> KEYS = List.of(BACKUP, BACKUP_TAKEN_AT);

    private final Duration maxAge;
    private final Duration maxFutureSkew;
    private final AnnotationTime time;

    public RecordedBackups(Duration maxAge, Duration maxFutureSkew, AnnotationTime time) {
        this.maxAge = maxAge;
        this.maxFutureSkew = maxFutureSkew;
        this.time = time;
    }

    /** One well-formed pair and where it was set. */
    private record Backup(String location, String takenAtValue, Instant takenAt, AnnotationPlace place) {
    }

    /**
     * The finding for {@code problem}, something only a fresh backup makes acceptable: a failure with {@code fix} when
     * no backup is recorded; an error when the record is incomplete, malformed, in the future or too old; when it allows
     * the change, a warning "allowed by a backup taken AGE [PLACE] (LOCATION): {@code allowed}".
     */
    public Finding judge(Workload workload, String container, String problem, String fix, String allowed) {
        List<AnnotationGroup> pairs = AnnotationGroup.of(workload, KEYS);
        if (pairs.isEmpty()) {
            return Finding.fail(container, problem, fix);
        }
        List<Backup> backups = new ArrayList<>();
        for (AnnotationGroup pair : pairs) {
            try {
                backups.add(read(workload, pair));
            } catch (InvalidAnnotationException e) {
                return Finding.error(container, e.getMessage() + ". " + problem, fix);
            }
        }
        Backup freshest = backups.stream().max(Comparator.comparing(Backup::takenAt)).orElseThrow();
        String where = freshest.place().describe(workload);
        Duration age = Duration.between(freshest.takenAt(), time.now());
        if (age.compareTo(maxAge) > 0) {
            return Finding.error(container, "backup " + freshest.location() + " " + where + " is " + AnnotationTime.describe(age)
                    + " old (" + BACKUP_TAKEN_AT
                    + "=" + freshest.takenAtValue() + "), more than the " + AnnotationTime.describe(maxAge)
                    + " allowed; take a fresh one. " + problem, fix);
        }
        // The age first: a warning that has to be shortened keeps its start, and a location can be long. The place is
        // said where it is not the obvious one: the pod template, or one of two pairs.
        String place = freshest.place() == AnnotationPlace.OBJECT && pairs.size() == 1 ? "" : " " + where;
        return Finding.warn(container, "allowed by a backup taken " + (age.isNegative() ? "just now" : AnnotationTime.describe(age)
                + " ago") + place + " (" + freshest.location() + "): " + allowed, "");
    }

    private Backup read(Workload workload, AnnotationGroup pair) throws InvalidAnnotationException {
        String where = pair.place().describe(workload);
        Optional<String> location = pair.get(BACKUP);
        Optional<String> takenAt = pair.get(BACKUP_TAKEN_AT);
        if (location.isEmpty() || location.get().isBlank()) {
            throw new InvalidAnnotationException(BACKUP + " is " + (location.isEmpty() ? "missing" : "empty") + " " + where
                    + (takenAt.isPresent() ? " next to " + BACKUP_TAKEN_AT : "") + "; it must name where the backup is");
        }
        if (takenAt.isEmpty()) {
            throw new InvalidAnnotationException(BACKUP_TAKEN_AT + " is missing " + where + "; write when backup "
                    + location.get() + " was taken, e.g. " + time.example());
        }
        Instant taken = time.parse(BACKUP_TAKEN_AT, takenAt.get(), where);
        Duration ahead = Duration.between(time.now(), taken);
        if (ahead.compareTo(maxFutureSkew) > 0) {
            throw new InvalidAnnotationException(BACKUP_TAKEN_AT + "=" + takenAt.get() + " " + where + " is "
                    + AnnotationTime.describe(ahead) + " in the future; write when the backup was taken, e.g. " + time.example());
        }
        return new Backup(location.get(), takenAt.get(), taken, pair.place());
    }
}
