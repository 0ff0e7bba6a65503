package io.rdbguard.core.registry;

import io.rdbguard.core.check.Check;
import io.rdbguard.core.check.CheckDescriptor;
import io.rdbguard.core.check.DescribedCheck;
import io.rdbguard.core.check.Mode;
import io.rdbguard.core.probe.ProbeClassifier;
import io.rdbguard.core.probe.ProbeDepthCheck;
import io.rdbguard.core.probe.ProbeDepthSettings;
import io.rdbguard.core.redis.FormatGuardSettings;
import io.rdbguard.core.redis.ImageUnpinnedCheck;
import io.rdbguard.core.redis.RdbOneWayCheck;
import io.rdbguard.core.redis.RdbUnreadableCheck;
import io.rdbguard.core.redis.RedisFamily;
import java.util.List;
import java.util.function.Function;

/**
 * Every check rdb-guard runs, in the order their results are reported: the one list to extend. Adding a check is its
 * class, one entry here (its {@link CheckDescriptor} and how to build it), and its tests; the policy's defaults, the README's check
 * table, SARIF rules and the manifests' policy follow from the descriptors (tests hold them to it).
 */
public final class CheckRegistry {

    /** What the checks are built from: the datastore module and the policy's settings for them. */
    public record Knowledge(RedisFamily redis, ProbeClassifier probes, ProbeDepthSettings probeSettings,
                            FormatGuardSettings backups) {
    }

    private record Entry(CheckDescriptor descriptor, Function<Knowledge, Check> create) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry(new CheckDescriptor("rdb-unreadable",
                    "the new image (every release a floating reference may run) cannot read the snapshot format on disk",
                    Mode.ENFORCE,
                    "the pods would crash-loop at start (\"Can't handle RDB format version 12\") and the data would be unreachable",
                    "keep an image that loads the data, or restore the data in a format the new image loads and record it in rdb-guard.io/restore-from",
                    "README.md#annotations-on-the-statefulset-or-its-pod-template"),
                    k -> new RdbUnreadableCheck(k.redis().images())),
            new Entry(new CheckDescriptor("rdb-one-way",
                    "the new image writes a snapshot format the old image cannot read, or rdb-guard cannot prove it does not (floating tag, digest only, unknown version or image, adopted volumes of unknown format)",
                    Mode.ENFORCE,
                    "once the new image saves, a rollback to the old image is impossible: the old image cannot load the data",
                    "back up the data and record it in rdb-guard.io/backup with a fresh rdb-guard.io/backup-taken-at, or pin a release that writes a format the old image reads",
                    "README.md#annotations-on-the-statefulset-or-its-pod-template"),
                    k -> new RdbOneWayCheck(k.redis().images(), k.backups())),
            new Entry(new CheckDescriptor("image-unpinned",
                    "a datastore image whose reference does not pin a release (latest, 7, 7.2, alpine, Bitnami 7.2-debian-12, digest only)",
                    Mode.WARN,
                    "the release that runs, and so the snapshot format it writes, can change on any image pull",
                    "pin a release tag, or pin the digest to a version in the catalog extension",
                    "README.md#what-it-checks"),
                    k -> new ImageUnpinnedCheck(k.redis().images())),
            new Entry(new CheckDescriptor("probe-depth",
                    "a probe is missing or shallower than the minimum for its kind and container role, or a liveness probe is deeper than its maximum",
                    Mode.ENFORCE,
                    "a half-configured or still-loading datastore is marked ready and the rollout moves on to the next pod",
                    "use a probe that reaches the minimum depth; each message shows one that does",
                    "docs/probes/README.md"),
                    k -> new ProbeDepthCheck(k.probes(), k.probeSettings(), k.redis(), k.redis())));

    /** The descriptors of every check, in report order. */
    public static final List<CheckDescriptor> DESCRIPTORS = ENTRIES.stream().map(Entry::descriptor).toList();

    private CheckRegistry() {
    }

    /** One instance of every check, with its descriptor. */
    public static List<DescribedCheck> create(Knowledge knowledge) {
        return ENTRIES.stream().map(entry -> new DescribedCheck(entry.descriptor(), entry.create().apply(knowledge))).toList();
    }

    /** The descriptor of the check with this id. */
    public static CheckDescriptor descriptor(String id) {
        return DESCRIPTORS.stream().filter(d -> d.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no check has the id " + id + "; the ids are " + ids()));
    }

    /** Every check id, in report order. */
    public static List<String> ids() {
        return DESCRIPTORS.stream().map(CheckDescriptor::id).toList();
    }
}
