package io.rdbguard.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.rdbguard.core.workload.Workload;
import io.rdbguard.kube.WorkloadMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A test-only reader of rendered manifests into the core's workload model (Kubernetes probe defaults applied). */
public final class Manifests {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    /** Every workload with a pod template in a classpath resource, e.g. {@code fixtures/bitnami-redis/redis-23.1.1-sentinel.yaml}. */
    public static List<Workload> resource(String name) {
        try (InputStream in = Manifests.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return workloads(new String(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every workload in a file of this repository, e.g. {@code docs/probes/statefulset-probes.yaml}. */
    public static List<Workload> file(Path path) {
        try {
            return workloads(Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Workload statefulSet(String resource, String name) {
        return resource(resource).stream().filter(w -> w.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no StatefulSet " + name + " in " + resource));
    }

    /** Through the webhook's own mapper, so the tests see what the webhook sees (env, mounts, volumeClaimTemplates). */
    private static List<Workload> workloads(String text) throws IOException {
        List<Workload> workloads = new ArrayList<>();
        YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(text);
        for (var it = YAML.readValues(parser, KubernetesResource.class); it.hasNext(); ) {
            if (it.next() instanceof HasMetadata object) {
                WorkloadMapper.toWorkload(object).ifPresent(workloads::add);
            }
        }
        return workloads;
    }
}
