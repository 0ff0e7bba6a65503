package io.rdbguard.testing;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * The well-formed reviews the fuzzer starts from: every golden request, StatefulSet and Deployment reviews built from the
 * rendered charts, and the Helm release records of the fixtures (as a Secret and as a ConfigMap).
 */
public final class FuzzSeeds {

    public static final String CHART = "bitnami-redis/redis-19.6.4-replication.yaml";
    private static final Path GOLDEN = Path.of("src/test/resources/reviews");

    private FuzzSeeds() {
    }

    public static List<FuzzedReview> all() {
        List<FuzzedReview> seeds = new ArrayList<>(golden());
        StatefulSet master = Fixtures.statefulSet(CHART, "mastodon-redis-master");
        StatefulSet upgraded = Fixtures.statefulSet(CHART, "mastodon-redis-master");
        upgraded.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("docker.io/bitnami/redis:7.4.3-debian-12-r0");
        seeds.add(FuzzedReview.of("StatefulSet CREATE", Reviews.create(master).json()));
        seeds.add(FuzzedReview.of("StatefulSet UPDATE 7.2 to 7.4", Reviews.update(master, upgraded).json()));
        StatefulSet valkey = Fixtures.statefulSet("bitnami-valkey/valkey-3.0.31-replication.yaml", "mastodon-valkey-primary");
        seeds.add(FuzzedReview.of("Valkey StatefulSet UPDATE", Reviews.update(valkey, valkey).json()));
        seeds.add(FuzzedReview.of("Helm Deployment UPDATE", Reviews.update(deployment(master), deployment(upgraded))
                .kind("apps", "v1", "Deployment", "deployments").json()));
        Secret v2 = (Secret) Fixtures.objects("helm-release/mastodon-redis-19.v2.secret.yaml").get(0);
        Secret v1 = (Secret) Fixtures.objects("helm-release/mastodon-redis-19.v1.secret.yaml").get(0);
        seeds.add(FuzzedReview.helmRecord("Helm Secret record v2", secretRecord(v2), true));
        seeds.add(FuzzedReview.helmRecord("Helm Secret record v1", secretRecord(v1), true));
        seeds.add(FuzzedReview.helmRecord("Helm ConfigMap record v2", configMapRecord(v2), false));
        return seeds;
    }

    private static List<FuzzedReview> golden() {
        try (Stream<Path> cases = Files.list(GOLDEN)) {
            return cases.filter(Files::isDirectory).sorted()
                    .map(dir -> FuzzedReview.of("golden " + dir.getFileName(), read(dir.resolve("request.json"))))
                    .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Deployment Helm manages, with the StatefulSet's metadata and pod template. */
    private static Deployment deployment(StatefulSet statefulSet) {
        return new DeploymentBuilder().withMetadata(statefulSet.getMetadata())
                .withNewSpec().withTemplate(statefulSet.getSpec().getTemplate()).endSpec().build();
    }

    private static String secretRecord(Secret record) {
        return Reviews.create(record).kind("", "v1", "Secret", "secrets").json();
    }

    /** The same release stored by Helm's configmap driver: one base64 layer less. */
    private static String configMapRecord(Secret record) {
        ConfigMap configMap = new ConfigMapBuilder().withMetadata(record.getMetadata())
                .addToData("release", new String(Base64.getDecoder().decode(record.getData().get("release")), StandardCharsets.US_ASCII))
                .build();
        return Reviews.create(configMap).kind("", "v1", "ConfigMap", "configmaps").json();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
