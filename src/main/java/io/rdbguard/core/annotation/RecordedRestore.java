package io.rdbguard.core.annotation;

import static io.rdbguard.core.annotation.RdbGuardAnnotations.RESTORE_FROM;

import io.rdbguard.core.check.Finding;
import io.rdbguard.core.workload.Workload;
import java.util.List;
import java.util.Optional;

/**
 * {@code rdb-guard.io/restore-from}: where the data of the new pods comes from, and where that was recorded. It has no
 * time to say which of two values is fresher, so the object and the pod template must not disagree.
 */
public record RecordedRestore(String source, AnnotationPlace place) {

    private static final List<String> KEYS = List.of(RESTORE_FROM);

    /** The restore source recorded on the workload, if any; the same value in both places counts once. */
    public static Optional<RecordedRestore> read(Workload workload) throws InvalidAnnotationException {
        List<AnnotationGroup> found = AnnotationGroup.of(workload, KEYS);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        String source = found.get(0).get(RESTORE_FROM).orElseThrow();
        if (found.size() > 1 && !found.get(1).get(RESTORE_FROM).orElseThrow().equals(source)) {
            throw new InvalidAnnotationException(RESTORE_FROM + " is " + source + " " + found.get(0).place().describe(workload)
                    + " but " + found.get(1).get(RESTORE_FROM).orElseThrow() + " " + found.get(1).place().describe(workload)
                    + "; keep the one the data really comes from");
        }
        return Optional.of(new RecordedRestore(source, found.get(0).place()));
    }

    /**
     * The verdict on a change whose data must come from elsewhere, when this restore is recorded: an error if it names
     * no source, else allowed with a warning that says what the restore is for ({@code allowed}).
     */
    public Finding judge(Workload workload, String container, String problem, String fix, String allowed) {
        if (source.isBlank()) {
            return Finding.error(container, RESTORE_FROM + " is empty " + place.describe(workload)
                    + "; it must name where the data is restored from. " + problem, fix);
        }
        // The place only where it is not the obvious one: the warning has 120 characters.
        String where = place == AnnotationPlace.OBJECT ? "" : " " + place.describe(workload);
        return Finding.warn(container, "allowed by " + RESTORE_FROM + "=" + source + where + ": " + allowed
                + ", so the data must come from that restore", "");
    }

    /** How to remove it from where it was recorded, as a fix. */
    public String removal(Workload workload) {
        return place == AnnotationPlace.OBJECT
                ? KubectlAnnotate.remove(workload, RESTORE_FROM)
                : KubectlAnnotate.removeFromPodTemplate(workload, RESTORE_FROM) + " (the pods restart: it changes the pod template)";
    }
}
