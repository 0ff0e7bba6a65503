package io.rdbguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rdbguard.core.workload.Container;
import io.rdbguard.core.workload.Probe;
import io.rdbguard.core.workload.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    private static List<Workload> workloads(String text) throws IOException {
        List<Workload> workloads = new ArrayList<>();
        for (JsonNode doc : YAML.readValues(YAML.getFactory().createParser(text), JsonNode.class).readAll()) {
            JsonNode template = doc.path("spec").path("template");
            if (template.isMissingNode()) {
                continue;
            }
            JsonNode meta = doc.path("metadata");
            workloads.add(new Workload(doc.path("kind").asText(), meta.path("namespace").asText("default"), meta.path("name").asText(),
                    strings(meta.path("labels")), strings(meta.path("annotations")),
                    new Workload.PodTemplate(strings(template.path("metadata").path("annotations")),
                            containers(template.path("spec").path("initContainers"), true),
                            containers(template.path("spec").path("containers"), false))));
        }
        return workloads;
    }

    private static List<Container> containers(JsonNode list, boolean init) {
        List<Container> containers = new ArrayList<>();
        for (JsonNode c : list) {
            List<Container.ContainerPort> ports = new ArrayList<>();
            c.path("ports").forEach(p -> ports.add(new Container.ContainerPort(p.path("name").asText(null), p.path("containerPort").asInt())));
            containers.add(new Container(c.path("name").asText(), c.path("image").asText(), init, ports,
                    probe(c.path("readinessProbe")), probe(c.path("livenessProbe")), probe(c.path("startupProbe"))));
        }
        return containers;
    }

    private static Probe probe(JsonNode p) {
        if (p.isMissingNode()) {
            return null;
        }
        Probe.Action action;
        if (p.has("exec")) {
            List<String> command = new ArrayList<>();
            p.path("exec").path("command").forEach(a -> command.add(a.asText()));
            action = new Probe.Exec(command);
        } else if (p.has("httpGet")) {
            JsonNode h = p.path("httpGet");
            action = new Probe.HttpGet(h.path("path").asText("/"), h.path("port").asText(), h.path("scheme").asText("HTTP"));
        } else if (p.has("tcpSocket")) {
            action = new Probe.TcpSocket(p.path("tcpSocket").path("port").asText());
        } else {
            JsonNode g = p.path("grpc");
            action = new Probe.Grpc(g.path("port").asInt(), g.path("service").asText(null));
        }
        return new Probe(action, p.path("initialDelaySeconds").asInt(0), p.path("periodSeconds").asInt(Probe.DEFAULT_PERIOD_SECONDS),
                p.path("timeoutSeconds").asInt(Probe.DEFAULT_TIMEOUT_SECONDS), p.path("failureThreshold").asInt(Probe.DEFAULT_FAILURE_THRESHOLD));
    }

    private static Map<String, String> strings(JsonNode map) {
        Map<String, String> out = new HashMap<>();
        map.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
