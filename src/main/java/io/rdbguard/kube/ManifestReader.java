package io.rdbguard.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Kubernetes objects from multi-document YAML or JSON (helm template, helm get manifest, kubectl get -o yaml,
 * List kinds). A document that cannot be read is reported by its index and the rest are still read.
 */
public final class ManifestReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** The objects read, and one line per document that could not be read. */
    public record Manifest(List<HasMetadata> objects, List<String> problems) {
        public Manifest {
            objects = List.copyOf(objects);
            problems = List.copyOf(problems);
        }
    }

    private ManifestReader() {
    }

    public static Manifest read(String text, String source) {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int index = 0;
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(text)) {
            var documents = YAML.readValues(parser, JsonNode.class);
            while (true) {
                JsonNode document;
                try {
                    if (!documents.hasNextValue()) {
                        break;
                    }
                    document = documents.nextValue();
                } catch (IOException e) {
                    problems.add(source + " document " + index + ": not valid YAML: " + firstLine(e.getMessage()));
                    break; // the YAML stream itself is broken: nothing after this point can be trusted
                }
                add(document, source + " document " + index, objects, problems);
                index++;
            }
        } catch (IOException e) {
            problems.add(source + ": cannot be read: " + firstLine(e.getMessage()));
        }
        return new Manifest(objects, problems);
    }

    private static void add(JsonNode document, String where, List<HasMetadata> objects, List<String> problems) {
        if (document == null || document.isNull() || document.isMissingNode() || document.isEmpty()) {
            return; // empty documents ("---" separators, comment-only templates) are normal in helm output
        }
        if (!document.isObject() || !document.hasNonNull("kind") || !document.hasNonNull("apiVersion")) {
            problems.add(where + ": not a Kubernetes object (it needs apiVersion and kind)");
            return;
        }
        if (document.path("kind").asText().endsWith("List") && document.path("items").isArray()) {
            int item = 0;
            for (JsonNode element : document.path("items")) {
                add(element, where + " item " + item++, objects, problems);
            }
            return;
        }
        try {
            KubernetesResource resource = YAML.treeToValue((ObjectNode) document, KubernetesResource.class);
            if (resource instanceof HasMetadata object) {
                objects.add(object);
            }
        } catch (IOException | IllegalArgumentException e) {
            problems.add(where + " (" + document.path("kind").asText() + " " + document.path("metadata").path("name").asText()
                    + "): does not have the shape of its kind: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
