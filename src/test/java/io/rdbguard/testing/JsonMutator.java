package io.rdbguard.testing;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutates a JSON document in place, one gene at a time: a gene (any long) names the mutation, the place in the
 * document and the value, so a fuzz case is a document and a list of genes and is replayed and shrunk exactly.
 * The mutations are the mistakes and attacks a request can carry: fields deleted or null, values of the wrong type,
 * null list elements, huge numbers, deep nesting, strange strings, duplicated list elements, wrong kinds and versions.
 */
public final class JsonMutator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<String> STRANGE_STRINGS = List.of("", " ", "\u0000", "\u001b[31mred\u001b[0m", "a\nb\r\nc",
            "\u202eevil\u202c", "\ud83d\ude00", "\ud800", "x".repeat(5000), "名前", "\u200b", "\t", "-", "…", "0", "null",
            "redis:7.2.5", "docker.io/bitnami/redis:7.4.3-debian-12-r0@sha256:" + "0".repeat(64), "\u0085\u2028\u2029", "\ud83d\ude00".repeat(300));
    private static final List<String> NUMBERS = List.of("1e400", "9223372036854775808", "-9223372036854775809", "1e-400",
            "2147483648", "-1", "0", "1.5", "123456789012345678901234567890", "-0.0");
    private static final List<String> KINDS_AND_VERSIONS = List.of("StatefulSet", "Deployment", "DaemonSet", "ReplicaSet",
            "Pod", "Secret", "ConfigMap", "List", "AdmissionReview", "apps/v1", "v1", "apps/v1beta1", "extensions/v1beta1",
            "admission.k8s.io/v1beta1", "", "apps", "CREATE", "UPDATE", "DELETE", "CONNECT", "pending-upgrade", "deployed");
    private static final List<String> KIND_FIELDS = List.of("kind", "apiVersion", "version", "group", "operation", "status");
    private static final int[] DEPTHS = {50, 600, 1500, 5000};
    private static final String DEEP = "@@deep-nesting@@";
    private static final Pattern DEEP_MARKER = Pattern.compile("\"" + DEEP + "(\\d+)([\\[{])" + DEEP + "\"");
    private static final ObjectMapper ASCII_JSON = new ObjectMapper().enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);

    private enum Mutation {
        DELETE, NULL, WRONG_TYPE, NULL_ELEMENT, HUGE_NUMBER, DEEP_NESTING, STRANGE_STRING, EMPTY, DUPLICATE_ELEMENT,
        WRONG_KIND
    }

    /** A place in the document: a field of an object or an element of an array. */
    private record Slot(ContainerNode<?> parent, String field, int index, JsonNode node) {

        void replace(JsonNode value) {
            if (parent instanceof ObjectNode object) {
                object.set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode object) {
                object.remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private JsonMutator() {
    }

    /** Applies one gene to {@code document}; a gene that finds no place for its mutation changes nothing. */
    public static void mutate(JsonNode document, long gene) {
        Mutation mutation = Mutation.values()[(int) Math.floorMod(gene, (long) Mutation.values().length)];
        int place = (int) ((gene >>> 8) & 0xFFFFFF);
        int value = (int) ((gene >>> 32) & 0xFFFF);
        switch (mutation) {
            case DELETE -> pick(document, s -> true, place, Slot::remove);
            case NULL -> pick(document, s -> true, place, s -> s.replace(NODES.nullNode()));
            case WRONG_TYPE -> pick(document, s -> true, place, s -> s.replace(otherType(s.node(), value)));
            case NULL_ELEMENT -> pick(document, s -> s.node().isArray(), place,
                    s -> ((ArrayNode) s.node()).insertNull(value % (s.node().size() + 1)));
            case HUGE_NUMBER -> pick(document, s -> s.node().isNumber() || s.node().isTextual(), place,
                    s -> s.replace(NODES.numberNode(new java.math.BigDecimal(NUMBERS.get(value % NUMBERS.size())))));
            case DEEP_NESTING -> pick(document, s -> true, place,
                    s -> s.replace(NODES.textNode(DEEP + DEPTHS[value % DEPTHS.length] + (value % 2 == 0 ? "[" : "{") + DEEP)));
            case STRANGE_STRING -> pick(document, s -> s.node().isTextual() || s.node().isNumber(), place,
                    s -> s.replace(NODES.textNode(STRANGE_STRINGS.get(value % STRANGE_STRINGS.size()))));
            case EMPTY -> pick(document, s -> true, place, s -> s.replace(empty(value)));
            case DUPLICATE_ELEMENT -> pick(document, s -> s.node().isArray() && !s.node().isEmpty(), place,
                    s -> ((ArrayNode) s.node()).add(s.node().get(value % s.node().size()).deepCopy()));
            case WRONG_KIND -> pick(document, s -> s.field() != null && KIND_FIELDS.contains(s.field()), place,
                    s -> s.replace(NODES.textNode(KINDS_AND_VERSIONS.get(value % KINDS_AND_VERSIONS.size()))));
        }
    }

    private static void pick(JsonNode document, Predicate<Slot> fits, int place, Consumer<Slot> change) {
        List<Slot> slots = new ArrayList<>();
        collect(document, slots);
        List<Slot> fitting = slots.stream().filter(fits).toList();
        if (!fitting.isEmpty()) {
            change.accept(fitting.get(place % fitting.size()));
        }
    }

    private static void collect(JsonNode node, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            List<String> fields = new ArrayList<>();
            object.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                slots.add(new Slot(object, field, -1, object.get(field)));
                collect(object.get(field), slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i, array.get(i)));
                collect(array.get(i), slots);
            }
        }
    }

    private static JsonNode otherType(JsonNode node, int value) {
        List<JsonNode> others = new ArrayList<>();
        if (!node.isNumber()) {
            others.add(NODES.numberNode(value));
        }
        if (!node.isTextual()) {
            others.add(NODES.textNode(node.isValueNode() ? node.asText() : "text"));
        }
        if (!node.isObject()) {
            others.add(NODES.objectNode().set("value", node.deepCopy()));
        }
        if (!node.isArray()) {
            others.add(NODES.arrayNode().add(node.deepCopy()));
        }
        if (!node.isBoolean()) {
            others.add(NODES.booleanNode(value % 2 == 0));
        }
        return others.get(value % others.size());
    }

    private static JsonNode empty(int value) {
        return switch (value % 3) {
            case 0 -> NODES.textNode("");
            case 1 -> NODES.objectNode();
            default -> NODES.arrayNode();
        };
    }

    /**
     * The document as ASCII JSON text (other characters escaped, so lone surrogates survive), with deep nesting
     * written out here: Jackson refuses to write more than 1000 levels.
     */
    public static String render(JsonNode document) {
        String text;
        try {
            text = ASCII_JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Matcher deep = DEEP_MARKER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (deep.find()) {
            int depth = Integer.parseInt(deep.group(1));
            boolean arrays = deep.group(2).equals("[");
            deep.appendReplacement(out, "");
            out.append((arrays ? "[" : "{\"a\":").repeat(depth)).append("\"deep\"").append((arrays ? "]" : "}").repeat(depth));
        }
        deep.appendTail(out);
        return out.toString();
    }
}
