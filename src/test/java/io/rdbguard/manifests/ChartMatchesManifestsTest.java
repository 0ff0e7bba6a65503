package io.rdbguard.manifests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * manifests/ (for `kubectl apply -k`) and the chart's render install the same objects, field by field, so that the two
 * ways to install never drift apart. What only Helm has is set aside first, and named here:
 * <ul>
 * <li>Helm's bookkeeping labels (chart, instance, version, managed-by);</li>
 * <li>the Namespace: manifests/ creates it (with the restricted Pod Security label), the chart leaves it to
 *     {@code helm install --create-namespace} (README, "Install with Helm");</li>
 * <li>with the default certificates.source helm, the Secret the chart makes and the caBundle it writes: manifests/
 *     leave both to certs/generate.sh and a patch (manifests/README.md, Way 1).</li>
 * </ul>
 */
class ChartMatchesManifestsTest {

    private static final Set<String> HELM_LABELS = Set.of("helm.sh/chart", "app.kubernetes.io/instance",
            "app.kubernetes.io/version", "app.kubernetes.io/managed-by");

    @Test
    void kubectl_apply_k_manifests_creates_what_the_chart_installs_by_default() {
        Rendered chart = ChartTest.DEFAULTS.render();
        Rendered manifests = Rendered.of(Tools.kustomize(Path.of("manifests")));
        assertSame(withoutHelmOnly(manifests), withoutHelmOnly(chart));
    }

    @Test
    void the_cert_manager_overlay_creates_what_the_chart_installs_with_cert_manager() {
        Rendered chart = ChartTest.CERT_MANAGER.render();
        Rendered manifests = Rendered.of(Tools.kustomize(Path.of("manifests", "cert-manager")));
        assertSame(withoutHelmOnly(manifests), withoutHelmOnly(chart));
    }

    private static void assertSame(Map<String, JsonNode> manifests, Map<String, JsonNode> chart) {
        List<String> differences = new ArrayList<>();
        for (String key : union(manifests.keySet(), chart.keySet())) {
            JsonNode fromManifests = manifests.get(key);
            JsonNode fromChart = chart.get(key);
            if (fromManifests == null) {
                differences.add(key + ": only the chart creates it");
            } else if (fromChart == null) {
                differences.add(key + ": only manifests/ create it");
            } else {
                compare(key, fromManifests, fromChart, differences);
            }
        }
        assertTrue(differences.isEmpty(), "manifests/ and charts/rdb-guard differ (change both):\n  "
                + String.join("\n  ", differences));
    }

    private static void compare(String path, JsonNode manifests, JsonNode chart, List<String> differences) {
        if (manifests.isObject() && chart.isObject()) {
            Set<String> names = new TreeSet<>();
            manifests.fieldNames().forEachRemaining(names::add);
            chart.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode a = manifests.get(name);
                JsonNode b = chart.get(name);
                if (a == null || b == null) {
                    differences.add(path + "." + name + ": manifests/ " + a + ", chart " + b);
                } else {
                    compare(path + "." + name, a, b, differences);
                }
            }
        } else if (manifests.isArray() && chart.isArray() && manifests.size() == chart.size()) {
            for (int i = 0; i < manifests.size(); i++) {
                compare(path + "[" + i + "]", manifests.get(i), chart.get(i), differences);
            }
        } else if (manifests.isContainerNode() || chart.isContainerNode() || !manifests.asText().equals(chart.asText())) {
            differences.add(path + ": manifests/ " + manifests + ", chart " + chart);
        }
    }

    /** The objects by kind/namespace/name, without what only a Helm install has (see the class comment). */
    private static Map<String, JsonNode> withoutHelmOnly(Rendered rendered) {
        Map<String, JsonNode> byKey = new TreeMap<>();
        for (JsonNode original : rendered.objects()) {
            ObjectNode object = original.deepCopy();
            String kind = object.path("kind").asText();
            if (kind.equals("Namespace") || kind.equals("Secret") && object.path("type").asText().equals("kubernetes.io/tls")) {
                continue;
            }
            JsonNode labels = object.path("metadata").path("labels");
            if (labels instanceof ObjectNode labelNode) {
                labelNode.remove(HELM_LABELS);
            }
            for (JsonNode webhook : object.path("webhooks")) {
                ((ObjectNode) webhook.path("clientConfig")).remove("caBundle");
            }
            byKey.put(kind + " " + object.path("metadata").path("namespace").asText("-") + "/"
                    + object.path("metadata").path("name").asText(), object);
        }
        return byKey;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }
}
