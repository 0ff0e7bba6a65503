package io.rdbguard.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The custom resources the manifests and the chart create have no fabric8 model on the test classpath, so their fields
 * are checked against these lists of the fields we may use (from the CRD schemas: cert-manager.io/v1 Issuer and
 * Certificate, monitoring.coreos.com/v1 ServiceMonitor and PrometheusRule). Lists of objects are not walked.
 */
final class CustomResourceFields {

    private static final Map<String, Set<String>> KINDS = Map.of(
            "cert-manager.io/v1", Set.of("Issuer", "Certificate"),
            "monitoring.coreos.com/v1", Set.of("ServiceMonitor", "PrometheusRule"));

    /** Allowed keys per object path, prefixed with the kind; objects at other paths are unexpected. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("", Set.of("apiVersion", "kind", "metadata", "spec")),
            Map.entry("metadata", Set.of("name", "namespace", "labels", "annotations")),
            Map.entry("Issuer.spec", Set.of("selfSigned", "ca")),
            Map.entry("Issuer.spec.selfSigned", Set.of("crlDistributionPoints")),
            Map.entry("Issuer.spec.ca", Set.of("secretName", "crlDistributionPoints", "ocspServers", "issuingCertificateURLs")),
            Map.entry("Certificate.spec", Set.of("secretName", "commonName", "dnsNames", "ipAddresses", "uris", "isCA",
                    "duration", "renewBefore", "usages", "privateKey", "issuerRef", "subject", "secretTemplate",
                    "revisionHistoryLimit")),
            Map.entry("Certificate.spec.privateKey", Set.of("algorithm", "size", "encoding", "rotationPolicy")),
            Map.entry("Certificate.spec.issuerRef", Set.of("name", "kind", "group")),
            Map.entry("ServiceMonitor.spec", Set.of("selector", "namespaceSelector", "endpoints", "jobLabel")),
            Map.entry("ServiceMonitor.spec.selector", Set.of("matchLabels", "matchExpressions")),
            Map.entry("ServiceMonitor.spec.namespaceSelector", Set.of("matchNames", "any")),
            Map.entry("PrometheusRule.spec", Set.of("groups")));

    /** Maps whose keys are free (label and annotation names). */
    private static final Set<String> FREE_MAPS = Set.of("metadata.labels", "metadata.annotations", "spec.selector.matchLabels");

    private CustomResourceFields() {
    }

    /** Whether the lists above cover this kind (else it is a misspelled kind or apiVersion). */
    static boolean known(String apiVersion, String kind) {
        return KINDS.getOrDefault(apiVersion, Set.of()).contains(kind);
    }

    /** Paths of fields not in the list above, like {@code spec.privateKey.algoritm}. */
    static List<String> unknownIn(JsonNode resource) {
        List<String> unknown = new ArrayList<>();
        walk(resource, "", resource.path("kind").asText(), unknown);
        return unknown;
    }

    private static void walk(JsonNode node, String path, String kind, List<String> unknown) {
        if (!node.isObject() || FREE_MAPS.contains(path)) {
            return;
        }
        Set<String> allowed = ALLOWED.getOrDefault(path, ALLOWED.get(kind + "." + path));
        if (allowed == null) {
            unknown.add(path);
            return;
        }
        node.fieldNames().forEachRemaining(name -> {
            String child = path.isEmpty() ? name : path + "." + name;
            if (allowed.contains(name)) {
                walk(node.get(name), child, kind, unknown);
            } else {
                unknown.add(child);
            }
        });
    }
}
