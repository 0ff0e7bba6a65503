package io.rdbguard.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cert-manager resources have no fabric8 model on the test classpath, so their fields are checked against
 * this list of the cert-manager.io/v1 fields we may use (from the Issuer and Certificate CRD schemas).
 */
final class CertManagerFields {

    static final String API_VERSION = "cert-manager.io/v1";
    static final Set<String> KINDS = Set.of("Issuer", "Certificate");

    /** Allowed keys per object path, prefixed with the kind; objects at other paths are unexpected. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "", Set.of("apiVersion", "kind", "metadata", "spec"),
            "metadata", Set.of("name", "namespace", "labels", "annotations"),
            "Issuer.spec", Set.of("selfSigned", "ca"),
            "Issuer.spec.selfSigned", Set.of("crlDistributionPoints"),
            "Issuer.spec.ca", Set.of("secretName", "crlDistributionPoints", "ocspServers", "issuingCertificateURLs"),
            "Certificate.spec", Set.of("secretName", "commonName", "dnsNames", "ipAddresses", "uris", "isCA",
                    "duration", "renewBefore", "usages", "privateKey", "issuerRef", "subject", "secretTemplate",
                    "revisionHistoryLimit"),
            "Certificate.spec.privateKey", Set.of("algorithm", "size", "encoding", "rotationPolicy"),
            "Certificate.spec.issuerRef", Set.of("name", "kind", "group"));

    /** Maps whose keys are free (label and annotation names). */
    private static final Set<String> FREE_MAPS = Set.of("metadata.labels", "metadata.annotations");

    private CertManagerFields() {
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
