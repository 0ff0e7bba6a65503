package io.rdbguard.core.redis;

import static io.rdbguard.core.annotation.RdbGuardAnnotations.BACKUP;
import static io.rdbguard.core.annotation.RdbGuardAnnotations.BACKUP_TAKEN_AT;
import static io.rdbguard.core.annotation.RdbGuardAnnotations.RESTORE_FROM;

import io.rdbguard.core.annotation.InvalidAnnotationException;
import io.rdbguard.core.annotation.KubectlAnnotate;
import io.rdbguard.core.annotation.RecordedBackups;
import io.rdbguard.core.annotation.RecordedRestore;
import io.rdbguard.core.check.Finding;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.LiveState;
import io.rdbguard.core.workload.Workload;
import java.util.List;
import java.util.Optional;

/**
 * What the live state adds to {@code rdb-one-way} (docs/live-state.md): volumes a new StatefulSet adopts with no pod
 * to tell what wrote them, and a cluster that could not be read. Both are "cannot prove": unknown is never safe.
 */
final class LiveStateFindings {

    /** Claims named in a message; the rest are counted. */
    private static final int NAMED_CLAIMS = 3;

    private LiveStateFindings() {
    }

    static List<Finding> of(Change change, ImageIdentifier images, RecordedBackups backup) {
        if (change.podTemplateUnchanged()) {
            return List.of(); // an update that starts no pod adopts nothing
        }
        Optional<String> container = ImageSwap.datastoreContainer(change, images);
        if (container.isEmpty()) {
            return List.of();
        }
        LiveState live = change.live().state();
        if (live.unread()) {
            return List.of(unread(change.workload(), container.get(), live));
        }
        List<LiveState.Claim> orphaned = live.claimsWithoutPod();
        if (orphaned.isEmpty()) {
            return List.of();
        }
        return List.of(orphanedVolumes(change.workload(), container.get(), orphaned, backup));
    }

    /** Whether the change adopts volumes of unknown format: restore-from is then in use, not left over. */
    static boolean adoptsUnknownVolumes(Change change, ImageIdentifier images) {
        return ImageSwap.datastoreContainer(change, images).isPresent()
                && !change.live().state().claimsWithoutPod().isEmpty();
    }

    private static Finding unread(Workload workload, String container, LiveState live) {
        if (live.denyWhenUnread()) {
            return Finding.error(container, "the live state of " + workload.displayName() + " could not be read ("
                    + live.unreadBecause() + "): rdb-guard cannot tell what its pods run and its volumes hold",
                    "retry when the API is reachable (rdb-guard.on-lookup-failure=deny)");
        }
        // The cause first: warnings are cut to 120 characters.
        return Finding.warn(container, "live state could not be read (" + live.unreadBecause()
                + "): judged by the template alone", "");
    }

    private static Finding orphanedVolumes(Workload workload, String container, List<LiveState.Claim> orphaned,
                                           RecordedBackups backup) {
        String claims = names(orphaned);
        String adopted = "volumes " + claims + " hold data of an unknown format";
        String problem = workload.displayName() + " adopts " + orphaned.size() + " existing PersistentVolumeClaim"
                + (orphaned.size() == 1 ? "" : "s") + " (" + claims + ") with no pod running on "
                + (orphaned.size() == 1 ? "it" : "them") + ": rdb-guard cannot tell what image wrote the data, so the"
                + " new image may not load it, and rollback may be impossible once it saves";
        String fix = "if the data is to be kept, back it up and record it: " + KubectlAnnotate.command(workload, BACKUP,
                "<where the backup is>", BACKUP_TAKEN_AT, KubectlAnnotate.NOW) + "; if it comes from a restore, record"
                + " that: " + KubectlAnnotate.command(workload, RESTORE_FROM, "<backup or source>")
                + "; if nothing on them is needed, delete them: kubectl delete pvc -n " + workload.namespace() + " "
                + String.join(" ", orphaned.stream().map(LiveState.Claim::name).toList());
        Optional<RecordedRestore> restoreFrom;
        try {
            restoreFrom = RecordedRestore.read(workload);
        } catch (InvalidAnnotationException e) {
            return Finding.error(container, e.getMessage() + ". " + problem, fix);
        }
        if (restoreFrom.isEmpty()) {
            return backup.judge(workload, container, problem, fix, adopted + "; restoring it needs that backup");
        }
        return restoreFrom.get().judge(workload, container, problem, fix, adopted);
    }

    /** "data-cache-0, data-cache-1 and 4 more". */
    private static String names(List<LiveState.Claim> claims) {
        String named = String.join(", ", claims.stream().limit(NAMED_CLAIMS).map(LiveState.Claim::name).toList());
        return claims.size() > NAMED_CLAIMS ? named + " and " + (claims.size() - NAMED_CLAIMS) + " more" : named;
    }
}
