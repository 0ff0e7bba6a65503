package io.rdbguard.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The rendered Bitnami charts under src/test/resources/fixtures (copied from the shared fixtures, unchanged). */
public final class Fixtures {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Fixtures() {
    }

    /** Every object of a rendered chart, e.g. {@code bitnami-redis/redis-19.6.4-replication.yaml}. */
    public static List<HasMetadata> objects(String fixture) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + fixture);
            }
            List<HasMetadata> objects = new ArrayList<>();
            YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(in);
            for (var it = YAML.readValues(parser, KubernetesResource.class); it.hasNext(); ) {
                if (it.next() instanceof HasMetadata object) {
                    objects.add(object);
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh copy of the named StatefulSet of a rendered chart, safe to modify. */
    public static StatefulSet statefulSet(String fixture, String name) {
        return objects(fixture).stream()
                .filter(o -> o instanceof StatefulSet && o.getMetadata().getName().equals(name))
                .map(StatefulSet.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no StatefulSet " + name + " in " + fixture));
    }
}
