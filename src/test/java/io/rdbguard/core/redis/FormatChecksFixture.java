package io.rdbguard.core.redis;

import io.rdbguard.core.check.Finding;
import io.rdbguard.core.workload.Change;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.Operation;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.core.workload.Workload;
import io.rdbguard.data.ConfigurationException;
import io.rdbguard.data.CatalogLoader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Workloads, images and checks for the format-check tests; images go through the real parser and the built-in catalog. */
final class FormatChecksFixture {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String INVALID_IMAGE = "Redis:7.2.4:oops";
    static final String DIGEST = "sha256:" + "ab".repeat(32);

    static final ImageIdentifier IDENTIFIER;

    static {
        try {
            IDENTIFIER = new ImageIdentifier(CatalogLoader.builtIn());
        } catch (ConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    static FormatGuardSettings settings() {
        return FormatGuardSettings.defaults(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static RdbUnreadableCheck unreadable() {
        return new RdbUnreadableCheck(IDENTIFIER);
    }

    static RdbOneWayCheck oneWay() {
        return new RdbOneWayCheck(IDENTIFIER, settings());
    }

    static ImageUnpinnedCheck unpinned() {
        return new ImageUnpinnedCheck(IDENTIFIER);
    }

    static Container container(String name, String image) {
        return new Container(name, image, false, List.of(), null, null, null);
    }

    static Container init(String name, String image) {
        return new Container(name, image, true, List.of(), null, null, null);
    }

    /** A container that runs {@code command} and {@code args} and mounts the volume "data" at /data. */
    static Container running(String name, String image, boolean init, List<String> command, List<String> args) {
        return new Container(name, image, init, List.of(), null, null, null, new Container.Runtime(command, args, List.of(),
                List.of(new Container.VolumeMount(DATA_VOLUME, "/data"))));
    }

    static final String DATA_VOLUME = "data";

    /** A StatefulSet whose volume "data" is a volumeClaimTemplate. */
    static Workload withDataVolume(Map<String, String> annotations, Container... containers) {
        Workload workload = statefulSet(annotations, containers);
        Workload.PodTemplate template = workload.template();
        return new Workload(workload.kind(), workload.namespace(), workload.name(), workload.labels(), annotations,
                new Workload.PodTemplate(template.annotations(), template.initContainers(), template.containers(),
                        List.of(new Workload.Volume(DATA_VOLUME, Workload.Volume.Source.PERSISTENT_CLAIM))));
    }

    static Workload statefulSet(Map<String, String> annotations, Container... containers) {
        List<Container> all = Arrays.asList(containers);
        return new Workload("StatefulSet", "shop", "cache", Map.of(), annotations,
                new Workload.PodTemplate(Map.of(), all.stream().filter(Container::init).toList(),
                        all.stream().filter(c -> !c.init()).toList()));
    }

    static Workload statefulSet(Container... containers) {
        return statefulSet(Map.of(), containers);
    }

    static Change update(Workload before, Workload after) {
        return new Change("test", Operation.UPDATE, after, before, Requester.UNKNOWN, false);
    }

    static Change create(Workload workload) {
        return new Change("test", Operation.CREATE, workload, null, Requester.UNKNOWN, false);
    }

    /** The one finding a single-container change gives. */
    static Finding only(List<Finding> findings) {
        if (findings.size() != 1) {
            throw new AssertionError("expected one finding, got " + findings);
        }
        return findings.get(0);
    }

    private FormatChecksFixture() {
    }
}
