package io.rdbguard.core.redis;

import static io.rdbguard.core.annotation.RdbGuardAnnotations.RESTORE_FROM;

import io.rdbguard.core.annotation.KubectlAnnotate;
import io.rdbguard.core.check.Check;
import io.rdbguard.core.check.Finding;
import io.rdbguard.core.workload.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code rdb-unreadable}: the new image cannot load the snapshot the old image wrote, so the pods crash-loop at
 * start. Honoured when the data will be restored from elsewhere ({@code rdb-guard.io/restore-from}).
 * Unknown formats are left to {@code rdb-one-way}, which reports them once.
 */
public record RdbUnreadableCheck(ImageIdentifier images) implements Check {

    @Override
    public List<Finding> evaluate(Change change) {
        List<Finding> findings = new ArrayList<>();
        boolean restoreNeeded = false;
        for (ImageSwap swap : ImageSwap.of(change, images)) {
            Format onDisk = swap.before().writes();
            ReleaseLine reader = swap.after().line();
            if (onDisk == null || reader == null) {
                continue;
            }
            if (reader.loadRule().canRead(onDisk)) {
                findings.add(Finding.pass(swap.container(), swap.newImage() + " loads " + onDisk + " ("
                        + swap.formats() + ")"));
            } else {
                restoreNeeded = true;
                findings.add(unreadable(change, swap, onDisk, reader));
            }
        }
        Optional<String> restoreFrom = change.workload().annotation(RESTORE_FROM);
        if (!restoreNeeded && restoreFrom.isPresent() && !LiveStateFindings.adoptsUnknownVolumes(change, images)) {
            findings.add(leftOver(change, restoreFrom.get()));
        }
        return findings;
    }

    /**
     * restore-from has no expiry: left on after the change it was for, it would wave through a later downgrade
     * that crash-loops. Every change that does not need it says so.
     */
    private static Finding leftOver(Change change, String restoreFrom) {
        return Finding.warn(null, RESTORE_FROM + "=" + restoreFrom + " is set but this change needs no restore;"
                + " left on, it would let a later unreadable image through", "remove it: "
                + KubectlAnnotate.remove(change.workload(), RESTORE_FROM));
    }

    private Finding unreadable(Change change, ImageSwap swap, Format onDisk, ReleaseLine reader) {
        String problem = swap.newImage() + " cannot load " + onDisk + " written by " + swap.oldImage()
                + " (" + swap.formats() + "): the pods will crash-loop with \"" + loadError(reader, onDisk) + "\""
                + relaxedNote(reader, onDisk) + swap.unverifiedNote();
        Optional<String> restoreFrom = change.workload().annotation(RESTORE_FROM);
        if (restoreFrom.isEmpty()) {
            return Finding.fail(swap.container(), problem, fix(change, swap, onDisk));
        }
        if (restoreFrom.get().isBlank()) {
            return Finding.error(swap.container(), RESTORE_FROM + " is empty; it must name where the data is restored"
                    + " from. " + problem, fix(change, swap, onDisk));
        }
        return Finding.warn(swap.container(), "allowed by " + RESTORE_FROM + "=" + restoreFrom.get() + ": "
                + swap.newImage() + " cannot load " + onDisk + " (" + swap.formats() + "), so the data must come from"
                + " that restore", "");
    }

    /** What the server logs before it exits: it knows the magic but not the version, or not the magic at all. */
    private static String loadError(ReleaseLine reader, Format onDisk) {
        return reader.loadRule().knowsMagic(onDisk.magic())
                ? "Can't handle RDB format version " + onDisk.version()
                : "Wrong signature trying to load DB from file";
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
