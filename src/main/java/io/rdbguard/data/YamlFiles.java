package io.rdbguard.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads rdb-guard's YAML files (catalog, probe rules, policy) into their typed shapes (records whose components are the
 * keys), one way for all three: unknown keys, wrong kinds of value and broken syntax are refused with the file, the
 * place and what to write instead. What the values mean is checked by each loader afterwards.
 */
final class YamlFiles {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY); // "users: alice" means [alice]

    private YamlFiles() {
    }

    /**
     * The file's content, or empty when it has none (only comments). {@code reference} names where the expected shape
     * is shown, for the messages.
     */
    static <T extends Record> Optional<T> read(String name, String text, Class<T> shape, String reference)
            throws ConfigurationException {
        JsonNode tree;
        try {
            tree = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ConfigurationException(name, where, "not valid YAML (" + JsonErrors.firstLine(e.getOriginalMessage())
                    + "); fix the syntax, e.g. indentation or an unquoted ':'", e);
        }
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            return Optional.empty();
        }
        if (!tree.isObject()) {
            throw new ConfigurationException(name, "", "expected a mapping with the keys " + keys(shape) + ", found "
                    + describe(tree) + "; see " + reference);
        }
        try {
            return Optional.of(YAML.treeToValue(tree, shape));
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigurationException(name, place(e), "unknown key \"" + e.getPropertyName() + "\"; the keys here are "
                    + new TreeSet<>(e.getKnownPropertyIds().stream().map(String::valueOf).toList()) + " (check the spelling)", e);
        } catch (JsonMappingException e) {
            throw new ConfigurationException(name, place(e), "wrong kind of value (" + plain(e.getOriginalMessage())
                    + "); see " + reference, e);
        } catch (JsonProcessingException e) {
            // e.g. a number too large for its field
            throw new ConfigurationException(name, "", "a value cannot be read (" + plain(e.getOriginalMessage())
                    + "); see " + reference, e);
        }
    }

    private static String keys(Class<? extends Record> shape) {
        return Arrays.stream(shape.getRecordComponents()).map(RecordComponent::getName).sorted()
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** "repositories[3].family" from Jackson's path. */
    private static String place(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }

    /** Jackson's message without Java type names, which mean nothing to the admin. */
    private static String plain(String message) {
        return JsonErrors.firstLine(message)
                .replaceAll("`java\\.util\\.(List|ArrayList)<[^`]*>`", "a list")
                .replaceAll("`java\\.util\\.(Map|LinkedHashMap)<[^`]*>`", "a mapping")
                .replaceAll("`java\\.lang\\.String`", "a text")
                .replaceAll("`java\\.lang\\.Boolean`", "true or false")
                .replaceAll("`java\\.lang\\.Integer`|`int`", "a whole number")
                .replaceAll("`io\\.rdbguard\\.[^`]*`", "a mapping")
                .replaceAll(" \\(token `[^`]*`\\)", "");
    }

    private static String describe(JsonNode node) {
        return node.isTextual() ? "the text '" + node.asText() + "'" : "a " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
