package io.rdbguard.core.redis;

import static io.rdbguard.core.annotation.RdbGuardAnnotations.BACKUP;
import static io.rdbguard.core.annotation.RdbGuardAnnotations.BACKUP_TAKEN_AT;

import io.rdbguard.core.annotation.KubectlAnnotate;
import io.rdbguard.core.annotation.RecordedBackups;
import io.rdbguard.core.check.Check;
import io.rdbguard.core.check.Finding;
import io.rdbguard.core.redis.ImageIdentity.Datastore;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rdb-one-way}: once the new image saves, the old image cannot load the data, so a rollback is impossible;
 * or rdb-guard cannot prove otherwise because a format is unknown. Honoured when a fresh backup is recorded
 * ({@code rdb-guard.io/backup} and {@code rdb-guard.io/backup-taken-at}).
 */
public final class RdbOneWayCheck implements Check {

    private final ImageIdentifier images;
    private final RecordedBackups backups;

    public RdbOneWayCheck(ImageIdentifier images, FormatGuardSettings settings) {
        this.images = images;
        this.backups = settings.backups();
    }

    @Override
    public List<Finding> evaluate(Change change) {
        List<Finding> findings = new ArrayList<>();
        for (ImageSwap swap : ImageSwap.of(change, images)) {
            if (!swap.known()) {
                findings.add(withBackup(change.workload(), swap, unknown(swap), swap.formats() + " cannot be proven safe"));
                continue;
            }
            ImageSwap.Readability back = swap.oldReadsNew();
            ImageSwap.Readability forward = swap.newReadsOld();
            if (forward.mixed() || back.mixed()) {
                findings.add(withBackup(change.workload(), swap, cannotProve(swap, forward, back),
                        swap.formats() + " cannot be proven safe"));
            } else if (back.all()) {
                findings.add(passes(swap, forward.any()));
            } else {
                findings.add(withBackup(change.workload(), swap, oneWay(swap), swap.formats() + " is one-way"));
            }
        }
        for (ImageSwap swap : ImageSwap.ofUnknownServers(change, images)) {
            findings.add(withBackup(change.workload(), swap, unknownServer(swap),
                    swap.newImage() + " is not in the catalog"));
        }
        findings.addAll(LiveStateFindings.of(change, images, backups));
        return findings;
    }

    /**
     * A pass that rests on catalog rows nobody verified release by release is said to the user, not kept quiet;
     * unless the new image cannot load the data at all: rdb-unreadable denies that, and one verdict is enough.
     */
    private static Finding passes(ImageSwap swap, boolean newLoadsData) {
        String verdict = swap.oldImage() + " can load what " + swap.newImage() + " writes (" + swap.formats() + ")";
        String unverified = swap.unverifiedNote();
        if (unverified.isEmpty() || !newLoadsData) {
            return Finding.pass(swap.container(), verdict);
        }
        // the note is " (unverified catalog facts: ...)": said here as the reason itself, without its parentheses
        return Finding.warn(swap.container(), "rollback looks safe, but only by " + unverified.substring(2, unverified.length() - 1)
                + ": " + verdict,
                "keep a backup until the first save has been tested with " + swap.oldImage());
    }

    private static String oneWay(ImageSwap swap) {
        String why = swap.before().candidates().size() == 1 && swap.after().candidates().size() == 1
                ? swap.before().displayName() + " cannot load " + ImageSwap.formats(swap.after())
                : "no release " + swap.oldImage() + " may run loads what " + swap.newImage() + " may write: "
                        + ImageSwap.whoLoads(swap.after(), swap.before());
        return swap.formats() + " is one-way: rollback to " + swap.oldImage() + " will be impossible once "
                + swap.newImage() + " saves (" + why + ")" + swap.unverifiedNote();
    }

    /** Some releases the floating references may run are safe and some are not: say which, both ways. */
    private static String cannotProve(ImageSwap swap, ImageSwap.Readability forward, ImageSwap.Readability back) {
        List<String> risks = new ArrayList<>();
        if (!forward.all()) {
            risks.add(swap.newImage() + " may not load the data (" + ImageSwap.whoLoads(swap.before(), swap.after())
                    + "), and a backup does not stop a crash-loop");
        }
        if (!back.all()) {
            risks.add("rollback to " + swap.oldImage() + " may be impossible once " + swap.newImage() + " saves ("
                    + ImageSwap.whoLoads(swap.after(), swap.before()) + ")");
        }
        List<String> unpinned = new ArrayList<>();
        for (Datastore side : List.of(swap.before(), swap.after())) {
            if (side.candidates().size() > 1) {
                unpinned.add(side.pinning() + ", so it may run " + side.candidateNames());
            }
        }
        return swap.formats() + ": rdb-guard cannot prove this is safe (" + String.join("; ", unpinned) + "): "
                + String.join("; ", risks);
    }

    private static String unknown(ImageSwap swap) {
        List<String> unknown = new ArrayList<>();
        if (swap.after().candidates().isEmpty()) {
            unknown.add("what " + swap.newImage() + " writes and loads: " + whyUnknown(swap.after()));
        }
        if (swap.before().candidates().isEmpty()) {
            unknown.add("what " + swap.oldImage() + " wrote and loads: " + whyUnknown(swap.before()));
        }
        String known = swap.before().candidates().isEmpty() && swap.after().candidates().isEmpty() ? "" : swap.formats() + ": ";
        return known + "rdb-guard cannot tell " + String.join("; nor ", unknown) + ". " + swap.newImage()
                + " may not load the data, and rollback to " + swap.oldImage() + " may be impossible once it saves";
    }

    private static String unknownServer(ImageSwap swap) {
        return swap.newImage() + " replaces " + swap.oldImage() + " (" + swap.before().displayName() + ", "
                + ImageSwap.formats(swap.before()) + ") on its data volume, and the catalog does not know that image:"
                + " rdb-guard cannot tell whether it loads the data, nor whether " + swap.oldImage()
                + " can load what it saves";
    }

    private static String whyUnknown(Datastore image) {
        if (image.version() == null) {
            return image.pinning();
        }
        return "the catalog has no " + image.displayName() + " release line";
    }

    /** The backup path for a swap: {@code allowed} says what the backup is for. */
    private Finding withBackup(Workload workload, ImageSwap swap, String problem, String allowed) {
        return backups.judge(workload, swap.container(), problem, fix(workload, swap),
                allowed + "; rolling back to " + swap.oldImage() + " needs that backup");
    }

    private String fix(Workload workload, ImageSwap swap) {
        String fix = "back up the data (BGSAVE, copy the dump) and record it: "
                + KubectlAnnotate.command(workload, BACKUP, "<where the backup is>", BACKUP_TAKEN_AT, KubectlAnnotate.NOW);
        Datastore after = swap.after();
        if (after == null) {
            fix += "; or pin an image the catalog knows, or add its repository to the catalog extension (repositories:)";
        } else if (after.line() == null && !after.pinned()) {
            fix += "; or pin a release, e.g. " + ImageIdentifier.withoutTag(swap.newImage()) + ":"
                    + after.repository().tags().pinnedExample();
        } else if (after.line() == null) {
            fix += "; or add the " + after.displayName() + " release line to the catalog extension";
        }
        return fix;
    }
}
