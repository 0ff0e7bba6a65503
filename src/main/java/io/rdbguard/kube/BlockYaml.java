package io.rdbguard.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the plain block YAML that charts render — mappings, sequences and one-line scalars — into the same tree as
 * Jackson's YAML parser, about ten times faster than SnakeYAML (whose scanner was most of a Helm pre-flight's cost per
 * workload). Anything else is not guessed at: flow collections other than {} and [], block and multi-line scalars,
 * anchors, aliases, tags, escapes, comments after a value, tabs, duplicate keys and scalars whose YAML 1.1 type is not
 * text, a small int, a boolean or null (typed by the same SnakeYAML resolver Jackson uses). On those it answers empty
 * and the caller reads the document with the full parser, which also names any error.
 */
final class BlockYaml {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Deeper than any chart; deeper documents go to the full parser, which applies Jackson's nesting limit. */
    private static final int MAX_DEPTH = 64;
    private static final Resolver RESOLVER = new Resolver();
    private static final Pattern SMALL_INT = Pattern.compile("-?(0|[1-9][0-9]{0,8})");
    /** File modes (defaultMode: 0755) are YAML 1.1 octal. */
    private static final Pattern SMALL_OCTAL = Pattern.compile("0[0-7]{1,8}");
    private static final Set<String> TRUE = Set.of("true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON");
    private static final Set<String> FALSE = Set.of("false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF");
    private static final Set<String> NULL_WORDS = Set.of("null", "Null", "NULL");
    /** What starts something else than a plain scalar: flow collections, comments, anchors, aliases, tags, block scalars. */
    private static final String INDICATORS = "[]{},#&*!|>%@`?:";
    /** Where a plain scalar in a flow sequence ends (the first two) or what this reader leaves to the full parser. */
    private static final String FLOW_PLAIN_ENDS = ",][{}#:'\"";

    private final String text;
    /** Each line with content (blank and comment lines dropped): where it starts, where its content starts, its end. */
    private final int[] starts;
    private final int[] contents;
    private final int[] ends;
    private final int count;
    private int line;

    private BlockYaml(String text, int[] starts, int[] contents, int[] ends, int count) {
        this.text = text;
        this.starts = starts;
        this.contents = contents;
        this.ends = ends;
        this.count = count;
    }

    /** The document's tree, or empty when it is not plain block YAML whose root is a mapping. */
    static Optional<JsonNode> read(String document) {
        if (document.indexOf('\t') >= 0 || document.indexOf('\r') >= 0) {
            return Optional.empty();
        }
        int capacity = 16;
        int[] starts = new int[capacity];
        int[] contents = new int[capacity];
        int[] ends = new int[capacity];
        int count = 0;
        int position = 0;
        while (position < document.length()) {
            int end = document.indexOf('\n', position);
            end = end < 0 ? document.length() : end;
            int content = position;
            while (content < end && document.charAt(content) == ' ') {
                content++;
            }
            if (content < end && document.charAt(content) != '#') {
                if (count == capacity) {
                    capacity *= 2;
                    starts = Arrays.copyOf(starts, capacity);
                    contents = Arrays.copyOf(contents, capacity);
                    ends = Arrays.copyOf(ends, capacity);
                }
                starts[count] = position;
                contents[count] = content;
                ends[count] = trimEnd(document, content, end);
                count++;
            }
            position = end + 1;
        }
        if (count == 0 || contents[0] != starts[0]) {
            return Optional.empty();
        }
        BlockYaml reader = new BlockYaml(document, starts, contents, ends, count);
        try {
            JsonNode root = reader.mapping(0, contents[0], 0);
            return reader.line == count ? Optional.of(root) : Optional.empty();
        } catch (NotPlain e) {
            return Optional.empty();
        }
    }

    private int indent(int index) {
        return contents[index] - starts[index];
    }

    private boolean isSequenceEntry(int index) {
        int content = contents[index];
        return text.charAt(content) == '-' && (content + 1 == ends[index] || text.charAt(content + 1) == ' ');
    }

    /** A mapping whose keys stand at {@code column}; its first key starts at {@code first} on the current line. */
    private ObjectNode mapping(int column, int first, int depth) throws NotPlain {
        if (depth > MAX_DEPTH) {
            throw new NotPlain();
        }
        ObjectNode map = NODES.objectNode();
        int start = first;
        while (true) {
            int end = ends[line];
            int colon = keyEnd(start, end);
            if (colon < 0) {
                throw new NotPlain();
            }
            String key = text.substring(start, colon);
            int value = colon + 1;
            while (value < end && text.charAt(value) == ' ') {
                value++;
            }
            JsonNode node;
            line++;
            if (value < end) {
                node = scalar(value, end);
            } else if (line < count && indent(line) > column) {
                node = block(indent(line), depth + 1);
            } else if (line < count && indent(line) == column && isSequenceEntry(line)) {
                node = sequence(column, depth + 1);
            } else {
                node = NODES.nullNode();
            }
            if (map.has(key)) {
                throw new NotPlain();
            }
            map.set(key, node);
            if (line == count || indent(line) < column) {
                return map;
            }
            if (indent(line) > column || isSequenceEntry(line)) {
                throw new NotPlain();
            }
            start = contents[line];
        }
    }

    private JsonNode block(int column, int depth) throws NotPlain {
        return isSequenceEntry(line) ? sequence(column, depth) : mapping(column, contents[line], depth);
    }

    /** A sequence whose entries' dashes stand at {@code column}. */
    private ArrayNode sequence(int column, int depth) throws NotPlain {
        if (depth > MAX_DEPTH) {
            throw new NotPlain();
        }
        ArrayNode list = NODES.arrayNode();
        while (line < count && indent(line) == column && isSequenceEntry(line)) {
            int end = ends[line];
            int item = contents[line] + 1;
            while (item < end && text.charAt(item) == ' ') {
                item++;
            }
            if (item == end || text.charAt(item) == '-' && (item + 1 == end || text.charAt(item + 1) == ' ')) {
                throw new NotPlain();
            }
            if (keyEnd(item, end) >= 0) {
                list.add(mapping(item - starts[line], item, depth + 1));
            } else {
                list.add(scalar(item, end));
                line++;
            }
        }
        if (line < count && indent(line) > column) {
            throw new NotPlain();
        }
        return list;
    }

    /** Where a plain key that starts at {@code start} ends with its colon, or -1 when the text is not such a key. */
    private int keyEnd(int start, int end) {
        char first = text.charAt(start);
        if (!Character.isLetter(first) && first != '_') {
            return -1;
        }
        for (int i = start + 1; i < end; i++) {
            char c = text.charAt(i);
            if (c == ':') {
                return i + 1 == end || text.charAt(i + 1) == ' ' ? i : -1;
            }
            if (!Character.isLetterOrDigit(c) && c != '_' && c != '.' && c != '/' && c != '-') {
                return -1;
            }
        }
        return -1;
    }

    private JsonNode scalar(int start, int end) throws NotPlain {
        char first = text.charAt(start);
        if (first == '"' || first == '\'') {
            int close = closingQuote(start, end, first);
            if (close + 1 != end) {
                throw new NotPlain();
            }
            return quoted(start, close, first);
        }
        if (first == '[' && text.charAt(end - 1) == ']') {
            return flowSequence(start, end);
        }
        String value = text.substring(start, end);
        if (value.equals("{}")) {
            return NODES.objectNode();
        }
        if (INDICATORS.indexOf(first) >= 0 || first == '-' && (end == start + 1 || text.charAt(start + 1) == ' ')
                || value.contains(": ") || value.contains(" #") || value.endsWith(":")) {
            throw new NotPlain();
        }
        if (Character.isLetter(first) || first == '/' || first == '_' || first == '$') {
            // What SnakeYAML's resolver makes of these: text but for its boolean and null words (it has no other
            // implicit types starting so), without its regular expressions.
            return TRUE.contains(value) ? NODES.booleanNode(true) : FALSE.contains(value) ? NODES.booleanNode(false)
                    : NULL_WORDS.contains(value) ? NODES.nullNode() : NODES.textNode(value);
        }
        // Typed as Jackson's YAMLParser types a plain scalar: by SnakeYAML's YAML 1.1 resolver.
        Tag tag = RESOLVER.resolve(NodeId.scalar, value, true);
        if (tag == Tag.STR) {
            return NODES.textNode(value);
        }
        if (tag == Tag.NULL) {
            return NODES.nullNode();
        }
        if (tag == Tag.BOOL && (TRUE.contains(value) || FALSE.contains(value))) {
            return NODES.booleanNode(TRUE.contains(value));
        }
        if (tag == Tag.INT && SMALL_INT.matcher(value).matches()) {
            return NODES.numberNode(Integer.parseInt(value));
        }
        if (tag == Tag.INT && SMALL_OCTAL.matcher(value).matches()) {
            return NODES.numberNode(Integer.parseInt(value, 8));
        }
        throw new NotPlain();
    }

    /** A one-line flow sequence of scalars, as charts write a command: {@code ['/bin/bash', '-ec']}. */
    private ArrayNode flowSequence(int start, int end) throws NotPlain {
        ArrayNode list = NODES.arrayNode();
        int i = skipSpaces(start + 1, end);
        if (text.charAt(i) == ']') {
            if (i + 1 != end) {
                throw new NotPlain();
            }
            return list;
        }
        while (true) {
            char first = text.charAt(i);
            int itemEnd;
            if (first == '"' || first == '\'') {
                itemEnd = closingQuote(i, end, first) + 1;
                list.add(quoted(i, itemEnd - 1, first));
            } else {
                itemEnd = i;
                while (itemEnd < end && FLOW_PLAIN_ENDS.indexOf(text.charAt(itemEnd)) < 0) {
                    itemEnd++;
                }
                int trimmed = trimEnd(text, i, itemEnd);
                if (trimmed == i || itemEnd == end || FLOW_PLAIN_ENDS.indexOf(text.charAt(itemEnd)) > 1) {
                    throw new NotPlain();
                }
                list.add(scalar(i, trimmed));
            }
            i = skipSpaces(itemEnd, end);
            if (i == end) {
                throw new NotPlain();
            }
            if (text.charAt(i) == ']') {
                if (i + 1 != end) {
                    throw new NotPlain();
                }
                return list;
            }
            if (text.charAt(i) != ',') {
                throw new NotPlain();
            }
            i = skipSpaces(i + 1, end);
            if (i == end || text.charAt(i) == ']') {
                throw new NotPlain();
            }
        }
    }

    /** Where the quoted scalar starting at {@code start} closes on its line; a double-quoted one without escapes. */
    private int closingQuote(int start, int end, char quote) throws NotPlain {
        int i = start + 1;
        while (true) {
            int close = text.indexOf(quote, i);
            if (close < 0 || close >= end) {
                throw new NotPlain();
            }
            if (quote == '"' && text.lastIndexOf('\\', close) > start) {
                throw new NotPlain();
            }
            if (quote == '\'' && close + 1 < end && text.charAt(close + 1) == '\'') {
                i = close + 2;
                continue;
            }
            return close;
        }
    }

    private JsonNode quoted(int start, int close, char quote) {
        String value = text.substring(start + 1, close);
        return NODES.textNode(quote == '\'' ? value.replace("''", "'") : value);
    }

    private int skipSpaces(int from, int end) {
        while (from < end && text.charAt(from) == ' ') {
            from++;
        }
        return from;
    }

    private static int trimEnd(String text, int start, int end) {
        while (end > start && text.charAt(end - 1) == ' ') {
            end--;
        }
        return end;
    }

    /** The document uses YAML this reader does not read; the full parser reads it. */
    private static final class NotPlain extends Exception {
        NotPlain() {
            super(null, null, false, false);
        }
    }
}
