package io.rdbguard.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Helm release records written the way Helm's Secret driver writes them, for manifests a test makes up. */
public final class ReleaseRecords {

    private ReleaseRecords() {
    }

    /** A pending-upgrade record of release {@code name}, stored in {@code recordNamespace}, whose content claims {@code releaseNamespace}. */
    public static Secret pendingUpgrade(String name, String recordNamespace, String releaseNamespace, String manifest) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode release = json.createObjectNode().put("name", name).put("namespace", releaseNamespace).put("version", 2)
                .put("manifest", manifest);
        release.putObject("info").put("status", "pending-upgrade");
        release.putObject("chart").putObject("metadata").put("name", "redis").put("version", "19.6.4");
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(packed)) {
            gzip.write(json.writeValueAsString(release).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Base64.Encoder base64 = Base64.getEncoder();
        return new SecretBuilder().withNewMetadata().withName("sh.helm.release.v1." + name + ".v2").withNamespace(recordNamespace)
                .withLabels(Map.of("owner", "helm", "name", name, "status", "pending-upgrade", "version", "2")).endMetadata()
                .withType("helm.sh/release.v1")
                .withData(Map.of("release", base64.encodeToString(base64.encode(packed.toByteArray()))))
                .build();
    }

    /** A minimal StatefulSet manifest document running {@code image}. */
    public static String statefulSet(String namespace, String name, String image) {
        return """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  selector: {matchLabels: {app: %s}}
                  serviceName: %s
                  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      containers:
                        - name: redis
                          image: %s
                """.formatted(name, namespace, name, name, name, image);
    }
}
