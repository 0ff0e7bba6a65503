package io.rdbguard.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/** The objects of a multi-document YAML render (helm template, kubectl kustomize), as trees and as fabric8 types. */
record Rendered(List<JsonNode> objects) {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Rendered of(String yaml) {
        try {
            List<JsonNode> objects = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll().stream()
                    .filter(Objects::nonNull).filter(node -> !node.isNull() && !node.isMissingNode() && !node.isEmpty())
                    .toList();
            return new Rendered(objects);
        } catch (IOException e) {
            throw new AssertionError("the render is not YAML: " + e.getMessage() + "\n" + yaml, e);
        }
    }

    /** The one object of this kind and name. */
    JsonNode get(String kind, String name) {
        List<JsonNode> matches = objects.stream().filter(o -> o.path("kind").asText().equals(kind)
                && o.path("metadata").path("name").asText().equals(name)).toList();
        if (matches.size() != 1) {
            throw new AssertionError("expected one " + kind + " " + name + ", found " + matches.size() + " in " + names());
        }
        return matches.get(0);
    }

    /** The one object of this fabric8 type. */
    <T extends HasMetadata> T only(Class<T> type) {
        List<T> matches = typed().stream().filter(type::isInstance).map(type::cast).toList();
        if (matches.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", found " + matches.size() + " in " + names());
        }
        return matches.get(0);
    }

    List<String> kinds() {
        return objects.stream().map(o -> o.path("kind").asText()).toList();
    }

    List<String> names() {
        return objects.stream().map(Rendered::describe).toList();
    }

    /** Each object read into its fabric8 model class (GenericKubernetesResource for kinds fabric8 does not know). */
    List<KubernetesResource> typed() {
        return objects.stream().map(Rendered::typed).toList();
    }

    static KubernetesResource typed(JsonNode object) {
        try {
            return YAML.treeToValue(object, KubernetesResource.class);
        } catch (IOException e) {
            throw new AssertionError(describe(object) + " does not fit its Kubernetes type: " + e.getMessage(), e);
        }
    }

    static String describe(JsonNode object) {
        return object.path("kind").asText() + " " + object.path("metadata").path("name").asText();
    }
}
