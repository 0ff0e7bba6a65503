package io.rdbguard.kube;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the fields of one object stand in its file, by JSON pointer ({@code /spec/template/spec/containers/0/image}),
 * so that a report can point at the offending line and column rather than at the start of the document.
 */
public final class FieldPositions {

    /** 1-based line in the file and 1-based column. */
    public record Position(int line, int column) {
    }

    public static final FieldPositions NONE = new FieldPositions(Map.of(), Map.of());
    private static final YAMLFactory YAML = new YAMLFactory();

    private final Map<String, Position> positions;
    /** The values of the {@code name} fields, to find a container by its name. */
    private final Map<String, String> names;

    private FieldPositions(Map<String, Position> positions, Map<String, String> names) {
        this.positions = positions;
        this.names = names;
    }

    /** The positions in one YAML document whose first line is line {@code firstLine} of its file. */
    static FieldPositions ofYaml(String document, int firstLine) {
        Map<String, Position> positions = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        try (JsonParser parser = YAML.createParser(document)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                var at = parser.currentTokenLocation();
                if (token == JsonToken.FIELD_NAME || (token.isStructStart() && parser.getParsingContext().getParent() != null
                        && parser.getParsingContext().getParent().inArray())) {
                    positions.putIfAbsent(pointer, new Position(firstLine + at.getLineNr() - 1, at.getColumnNr()));
                } else if (token == JsonToken.VALUE_STRING && "name".equals(parser.currentName())) {
                    names.put(pointer, parser.getText());
                }
            }
        } catch (IOException e) {
            return NONE; // the document is reported as unreadable elsewhere; without positions, reports name its start
        }
        return new FieldPositions(positions, names);
    }

    /** The positions of the item at {@code prefix} (e.g. {@code /items/3} of a List), relative to it. */
    FieldPositions under(String prefix) {
        Map<String, Position> scoped = new HashMap<>();
        positions.forEach((pointer, position) -> {
            if (pointer.startsWith(prefix + "/")) {
                scoped.put(pointer.substring(prefix.length()), position);
            }
        });
        Map<String, String> scopedNames = new HashMap<>();
        names.forEach((pointer, name) -> {
            if (pointer.startsWith(prefix + "/")) {
                scopedNames.put(pointer.substring(prefix.length()), name);
            }
        });
        return new FieldPositions(scoped, scopedNames);
    }

    /**
     * The field (e.g. {@code image}, {@code livenessProbe}) of the container or init container named {@code container};
     * the container itself when it has no such field; empty when there is no such container.
     */
    public Optional<Position> ofContainer(String container, String field) {
        return names.entrySet().stream()
                .filter(e -> e.getValue().equals(container) && e.getKey().matches(".*/(initContainers|containers)/\\d+/name"))
                .map(e -> e.getKey().substring(0, e.getKey().length() - "/name".length()))
                .findFirst()
                .flatMap(pointer -> Optional.ofNullable(positions.get(pointer + "/" + field))
                        .or(() -> Optional.ofNullable(positions.get(pointer))));
    }
}
