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
            ReleaseLine oldLine = swap.before().line();
            Format written = swap.after().writes();
            if (oldLine != null && written != null && oldLine.loadRule().canRead(written)) {
                findings.add(passes(swap));
            } else {
                findings.add(backups.judge(change.workload(), swap.container(), problem(swap, oldLine, written),
                        fix(change.workload(), swap), swap.formats() + " is one-way; rolling back to " + swap.oldImage()
                                + " needs that backup"));
            }
        }
        findings.addAll(LiveStateFindings.of(change, images, backups));
        return findings;
    }

    /** A pass that rests on catalog rows nobody verified release by release is said to the user, not kept quiet. */
    private static Finding passes(ImageSwap swap) {
        String verdict = swap.oldImage() + " can load what " + swap.newImage() + " writes (" + swap.formats() + ")";
        String unverified = swap.unverifiedNote();
        if (unverified.isEmpty()) {
            return Finding.pass(swap.container(), verdict);
        }
        return Finding.warn(swap.container(), "rollback looks safe, but only by" + unverified.replaceFirst("^ \\(", " ")
                .replaceFirst("\\)$", "") + ": " + verdict,
                "keep a backup until the first save has been tested with " + swap.oldImage());
    }

    private static String problem(ImageSwap swap, ReleaseLine oldLine, Format written) {
        if (oldLine != null && written != null) {
            return swap.formats() + " is one-way: rollback to " + swap.oldImage() + " will be impossible once "
                    + swap.newImage() + " saves (" + oldLine.displayName() + " cannot load " + written + ")"
                    + swap.unverifiedNote();
        }
        List<String> unknown = new ArrayList<>();
        if (written == null) {
            unknown.add("what " + swap.newImage() + " writes: " + whyUnknown(swap.after()));
        }
        if (oldLine == null) {
            unknown.add("what " + swap.oldImage() + " wrote and loads: " + whyUnknown(swap.before()));
        }
        String risk = oldLine == null
                ? ". " + swap.newImage() + " may not load the data, and rollback to " + swap.oldImage()
                        + " may be impossible once it saves"
                : ". Rollback to " + swap.oldImage() + " may be impossible once " + swap.newImage() + " saves";
        return swap.formats() + ": rdb-guard cannot tell " + String.join("; nor ", unknown) + risk;
    }

    private static String whyUnknown(Datastore image) {
        if (image.version() == null) {
            return image.pinning();
        }
        return "the catalog has no " + image.displayName() + " release line";
    }

    private String fix(Workload workload, ImageSwap swap) {
        String fix = "back up the data (BGSAVE, copy the dump) and record it: "
                + KubectlAnnotate.command(workload, BACKUP, "<where the backup is>", BACKUP_TAKEN_AT, KubectlAnnotate.NOW);
        Datastore after = swap.after();
        if (after.writes() == null && !after.pinned()) {
            fix += "; or pin a release, e.g. " + ImageIdentifier.withoutTag(swap.newImage()) + ":"
                    + after.repository().tags().pinnedExample();
        } else if (after.writes() == null) {
            fix += "; or add the " + after.displayName() + " release line to the catalog extension";
        }
        return fix;
    }
}
