package io.rdbguard.core.redis;

import static io.rdbguard.core.annotation.RdbGuardAnnotations.RESTORE_FROM;

import io.rdbguard.core.annotation.InvalidAnnotationException;
import io.rdbguard.core.annotation.KubectlAnnotate;
import io.rdbguard.core.annotation.RecordedRestore;
import io.rdbguard.core.check.Check;
import io.rdbguard.core.check.Finding;
import io.rdbguard.core.workload.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code rdb-unreadable}: the new image cannot load the snapshot the old image wrote, so the pods crash-loop at
 * start. Honoured when the data will be restored from elsewhere ({@code rdb-guard.io/restore-from}).
 * A floating reference fails too when no release it may run loads the data (a backup does not stop a crash-loop);
 * when some do and some do not, or nothing is known, {@code rdb-one-way} says so once.
 */
public record RdbUnreadableCheck(ImageIdentifier images) implements Check {

    @Override
    public List<Finding> evaluate(Change change) {
        List<Finding> findings = new ArrayList<>();
        Optional<RecordedRestore> restoreFrom;
        try {
            restoreFrom = RecordedRestore.read(change.workload());
        } catch (InvalidAnnotationException e) {
            return List.of(Finding.error(null, e.getMessage(), "remove the other one: "
                    + KubectlAnnotate.remove(change.workload(), RESTORE_FROM) + ", or "
                    + KubectlAnnotate.removeFromPodTemplate(change.workload(), RESTORE_FROM)));
        }
        boolean restoreNeeded = false;
        for (ImageSwap swap : ImageSwap.of(change, images)) {
            if (!swap.known()) {
                continue;
            }
            ImageSwap.Readability readability = swap.newReadsOld();
            if (readability.all()) {
                String whichever = swap.before().candidates().size() > 1
                        ? ", whichever of " + swap.before().candidateNames() + " it ran" : "";
                findings.add(Finding.pass(swap.container(), swap.newImage() + " loads what " + swap.oldImage()
                        + " wrote" + whichever + " (" + swap.formats() + ")"));
            } else if (!readability.any()) {
                restoreNeeded = true;
                findings.add(unreadable(change, swap, restoreFrom));
            }
            // Some releases the images may run load the data and some do not: rdb-one-way says which, once.
        }
        if (!restoreNeeded && restoreFrom.isPresent() && !LiveStateFindings.adoptsUnknownVolumes(change, images)) {
            findings.add(leftOver(change, restoreFrom.get()));
        }
        return findings;
    }

    /**
     * restore-from has no expiry: left on after the change it was for, it would wave through a later downgrade
     * that crash-loops. Every change that does not need it says so.
     */
    private static Finding leftOver(Change change, RecordedRestore restoreFrom) {
        return Finding.warn(null, RESTORE_FROM + "=" + restoreFrom.source() + " is set "
                + restoreFrom.place().describe(change.workload()) + " but this change needs no restore;"
                + " left on, it would let a later unreadable image through", "remove it: " + restoreFrom.removal(change.workload()));
    }

    private Finding unreadable(Change change, ImageSwap swap, Optional<RecordedRestore> restoreFrom) {
        Format onDisk = swap.before().mayWrite().iterator().next();
        ReleaseLine reader = swap.after().candidates().get(0);
        String problem = swap.newImage() + " cannot load " + ImageSwap.formats(swap.before()) + " written by "
                + swap.oldImage() + " (" + swap.formats() + ")" + whicheverRelease(swap)
                + ": " + consequence(reader, onDisk)
                + relaxedNote(reader, onDisk) + swap.unverifiedNote();
        if (restoreFrom.isEmpty()) {
            return Finding.fail(swap.container(), problem, fix(change, swap, onDisk));
        }
        return restoreFrom.get().judge(change.workload(), swap.container(), problem, fix(change, swap, onDisk),
                swap.newImage() + " cannot load " + ImageSwap.formats(swap.before()) + " (" + swap.formats() + ")");
    }

    /** A floating reference is no excuse: when no release it may pull loads the data, say so, so a backup is not mistaken for a way out. */
    private static String whicheverRelease(ImageSwap swap) {
        if (swap.after().candidates().size() == 1 && swap.before().candidates().size() == 1) {
            return "";
        }
        return "; no release " + swap.newImage() + " may run (" + swap.after().candidateNames() + ") loads what "
                + swap.oldImage() + " may have written (" + swap.before().candidateNames() + "), and a backup does not"
                + " stop a crash-loop";
    }

    /**
     * What happens at start: the server knows the magic but not the version, or not the magic at all (it refuses the
     * file and exits), or, for a format the catalog says it does not even look for, what the catalog says.
     */
    private String consequence(ReleaseLine reader, Format onDisk) {
        if (reader.loadRule().knowsMagic(onDisk.magic())) {
            return "the pods will crash-loop with \"Can't handle RDB format version " + onDisk.version() + "\"";
        }
        return images.catalog().foreignReader(onDisk.magic())
                .orElse("the pods will crash-loop with \"Wrong signature trying to load DB from file\"");
    }

    private static String relaxedNote(ReleaseLine reader, Format onDisk) {
        return reader.loadRule().mayReadRelaxed(onDisk)
                ? "; " + reader.displayName() + " may load it with rdb-version-check relaxed, but fails on data types"
                        + " it does not know"
                : "";
    }

    private String fix(Change change, ImageSwap swap, Format onDisk) {
        String restore = "restore the data in a format " + swap.newImage() + " loads, then record it: "
                + KubectlAnnotate.command(change.workload(), RESTORE_FROM, "<backup or source>");
        return readerOf(swap, onDisk)
                .map(line -> restore + "; or use an image that loads " + onDisk + ", e.g. " + line.displayName())
                .orElse(restore);
    }

    /** A line that loads the data: of the new image's family if one does, else of the old image's family. */
    private Optional<ReleaseLine> readerOf(ImageSwap swap, Format onDisk) {
        Catalog catalog = images.catalog();
        List<ReleaseLine> sameFamily = catalog.linesThatRead(swap.after().family(), onDisk);
        List<ReleaseLine> candidates = sameFamily.isEmpty()
                ? catalog.linesThatRead(swap.before().family(), onDisk) : sameFamily;
        return candidates.stream().findFirst();
    }
}
