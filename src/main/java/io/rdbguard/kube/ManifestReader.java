package io.rdbguard.kube;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.rdbguard.data.JsonErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads manifests as users have them: multi-document YAML ({@code helm template}, {@code helm get manifest}), JSON
 * (one or several values), {@code List} kinds ({@code kubectl get -o yaml}) and AdmissionReviews, from files,
 * directories, stdin or a string (a Helm release's manifest). A bad document becomes a {@link Problem} with its place; the other documents are still read.
 */
public final class ManifestReader {

    /** An object read from the input: a Kubernetes object, or an AdmissionReview to judge as the webhook would. */
    public sealed interface Entry {
        Location location();
    }

    /** {@code positions}: where its fields stand in the file, when the reader was asked to keep them. */
    public record KubeObject(Location location, HasMetadata object, FieldPositions positions) implements Entry {
        public KubeObject(Location location, HasMetadata object) {
            this(location, object, FieldPositions.NONE);
        }
    }

    public record Review(Location location, JsonNode review) implements Entry {
    }

    public record Manifests(List<Entry> entries, List<Problem> problems) {
    }

    public static final String STDIN = "-";
    private static final ObjectMapper JSON = NullListElements.refusedBy(new ObjectMapper());
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** A YAML document marker at column 0; inside a block scalar the same text would be indented. */
    private static final Pattern DOCUMENT_START = Pattern.compile("^---(\\s.*)?$");
    private static final Pattern DOCUMENT_END = Pattern.compile("^\\.\\.\\.\\s*$");
    private static final List<String> EXTENSIONS = List.of(".yaml", ".yml", ".json");
    /** More than any chart renders; a bound on what one input can make rdb-guard parse and remember. */
    public static final int MAX_DOCUMENTS = 5000;
    /** Twice etcd's 1.5 MiB object limit: no larger object can be applied. */
    static final int MAX_DOCUMENT_CHARS = 3 << 20;

    private final InputStream stdin;
    private final boolean keepPositions;
    private final boolean judgedKindsOnly;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    /** Objects read but not kept (judgedKindsOnly): an input of only those still has Kubernetes objects. */
    private int passedOver;

    public ManifestReader(InputStream stdin) {
        this(stdin, false);
    }

    /** {@code keepPositions}: remember where the fields of each YAML object stand (the audit's reports point at them). */
    public ManifestReader(InputStream stdin, boolean keepPositions) {
        this(stdin, keepPositions, false);
    }

    private ManifestReader(InputStream stdin, boolean keepPositions, boolean judgedKindsOnly) {
        this.stdin = stdin;
        this.keepPositions = keepPositions;
        this.judgedKindsOnly = judgedKindsOnly;
    }

    /**
     * A reader that keeps only the objects of kinds rdb-guard judges (the Helm pre-flight's): every document is still
     * parsed, so a broken one is still a problem, but the others are not bound to fabric8's model.
     */
    public static ManifestReader ofJudgedKinds() {
        return new ManifestReader(InputStream.nullInputStream(), false, true);
    }

    /** Reads each argument (FILE, DIR or {@code -}) in order. */
    public Manifests read(List<String> arguments) {
        for (String argument : arguments) {
            if (argument.equals(STDIN)) {
                readText("-", readStdin());
            } else {
                readPath(Path.of(argument), argument);
            }
        }
        return new Manifests(List.copyOf(entries), List.copyOf(problems));
    }

    /** Reads one text, e.g. the manifest of a Helm release, named {@code name} in locations. */
    public Manifests readString(String name, String text) {
        readText(name, text);
        return new Manifests(List.copyOf(entries), List.copyOf(problems));
    }

    private String readStdin() {
        try {
            return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readPath(Path path, String name) {
        if (Files.isDirectory(path) && Files.exists(path.resolve("Chart.yaml"))) {
            problems.add(new Problem(Location.whole(name), "is a Helm chart directory (it has Chart.yaml), not rendered"
                    + " manifests; render it first: helm template RELEASE " + name + " -n NAMESPACE -f VALUES | rdb-guard audit -"));
        } else if (Files.isDirectory(path)) {
            List<Path> files = manifestFiles(path);
            if (files.isEmpty()) {
                problems.add(new Problem(Location.whole(name),
                        "the directory has no " + String.join(", ", EXTENSIONS) + " files; point at the rendered manifests"));
            }
            files.forEach(file -> readFile(file, file.toString()));
        } else if (Files.exists(path)) {
            readFile(path, name);
        } else {
            problems.add(new Problem(Location.whole(name), "no such file or directory"));
        }
    }

    private static List<Path> manifestFiles(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> EXTENSIONS.stream().anyMatch(p.getFileName().toString().toLowerCase(Locale.ROOT)::endsWith))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readFile(Path file, String name) {
        try {
            readText(name, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            problems.add(new Problem(Location.whole(name), "cannot be read (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); check the path and its permissions"));
        }
    }

    private void readText(String name, String text) {
        int before = entries.size() + problems.size() + passedOver;
        String start = text.stripLeading();
        if (start.startsWith("{") || start.startsWith("[")) {
            readJson(name, text);
        } else {
            readYaml(name, text);
        }
        if (entries.size() + problems.size() + passedOver == before) {
            // Typically a render that failed upstream (helm template ... | audit -): nothing judged must not pass as clean.
            problems.add(new Problem(Location.whole(name), "has no Kubernetes objects; did the command that rendered it fail?"));
        }
    }

    /** One or more JSON values ({@code kubectl get -o json}, {@code jq} output); a syntax error ends the file. */
    private void readJson(String name, String text) {
        int document = 0;
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            while (parser.nextToken() != null) {
                document++;
                if (document > MAX_DOCUMENTS) {
                    problems.add(new Problem(Location.of(name, document, parser.currentTokenLocation().getLineNr()),
                            "is past the " + MAX_DOCUMENTS + "th document; rdb-guard reads at most " + MAX_DOCUMENTS
                                    + " documents of one input"));
                    return;
                }
                Location location = Location.of(name, document, parser.currentTokenLocation().getLineNr());
                collect(JSON.readTree(parser), location, FieldPositions.NONE);
            }
        } catch (JsonProcessingException e) {
            problems.add(new Problem(Location.of(name, Math.max(document, 1), lineOf(e, 0)),
                    "not valid JSON: " + JsonErrors.firstLine(e.getOriginalMessage()) + "; the rest of this file is not read"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Splits at document markers first, so that one malformed document does not hide the ones after it. Lines are
     * walked in place (no array of every line), and at most {@value #MAX_DOCUMENTS} documents of at most
     * {@value #MAX_DOCUMENT_CHARS} characters are read: a crafted text cannot turn into unbounded trees and problems.
     */
    private void readYaml(String name, String text) {
        int document = 0;
        StringBuilder chunk = new StringBuilder();
        int chunkStart = 1;
        int lineNumber = 0;
        int position = 0;
        while (position <= text.length()) {
            int end = text.indexOf('\n', position);
            boolean last = end < 0;
            int lineEnd = last ? text.length() : end;
            if (lineEnd > position && text.charAt(lineEnd - 1) == '\r') {
                lineEnd--;
            }
            lineNumber++;
            boolean marker = isMarker(text, position, lineEnd);
            if (marker || last) {
                if (!marker) {
                    chunk.append(text, position, lineEnd).append('\n');
                }
                int contentLine = firstContentLine(chunk);
                if (contentLine >= 0) {
                    document++;
                    Location location = Location.of(name, document, chunkStart + contentLine);
                    if (document > MAX_DOCUMENTS) {
                        problems.add(new Problem(location, "is past the " + MAX_DOCUMENTS
                                + "th document; rdb-guard reads at most " + MAX_DOCUMENTS + " documents of one input"));
                        return;
                    }
                    readYamlDocument(chunk.toString(), location, chunkStart);
                }
                chunk.setLength(0);
                chunkStart = lineNumber + 1;
            } else if (chunk.length() <= MAX_DOCUMENT_CHARS) {
                chunk.append(text, position, lineEnd).append('\n');
            }
            if (last) {
                return;
            }
            position = end + 1;
        }
    }

    /** A document marker line; the patterns run only on lines that start like one (they are few). */
    private static boolean isMarker(String text, int start, int end) {
        if (text.startsWith("---", start) && start + 3 <= end) {
            return DOCUMENT_START.matcher(text.substring(start, end)).matches();
        }
        return text.startsWith("...", start) && start + 3 <= end && DOCUMENT_END.matcher(text.substring(start, end)).matches();
    }

    private void readYamlDocument(String text, Location location, int firstLine) {
        if (text.length() > MAX_DOCUMENT_CHARS) {
            problems.add(new Problem(location, "is longer than " + MAX_DOCUMENT_CHARS
                    + " characters, more than the Kubernetes API accepts for one object; not read"));
            return;
        }
        JsonNode node;
        try {
            // The plain block YAML charts render is read without SnakeYAML; anything else by it, which names errors.
            Optional<JsonNode> plain = BlockYaml.read(text);
            node = plain.isPresent() ? plain.get() : YAML.readTree(text);
        } catch (JsonProcessingException e) {
            Location at = Location.of(location.source(), location.document(), lineOf(e, firstLine - 1));
            problems.add(new Problem(at, text.contains("{{") ? "is a Helm template ({{ … }}), not a rendered manifest;"
                    + " render the chart first: helm template RELEASE CHART_DIR -n NAMESPACE -f VALUES | rdb-guard audit -"
                    : "not valid YAML: " + JsonErrors.firstLine(e.getOriginalMessage())));
            return;
        }
        if (node != null && !node.isMissingNode() && !node.isNull()) {
            collect(node, location, keepPositions ? FieldPositions.ofYaml(text, firstLine) : FieldPositions.NONE);
        }
    }

    private void collect(JsonNode node, Location location, FieldPositions positions) {
        if (!node.isObject()) {
            problems.add(new Problem(location, "is a " + node.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", not a Kubernetes object; each document must be a mapping with apiVersion, kind and metadata"));
            return;
        }
        String kind = node.path("kind").asText("");
        String apiVersion = node.path("apiVersion").asText("");
        if (kind.isEmpty() || apiVersion.isEmpty()) {
            problems.add(new Problem(location, "has no " + (kind.isEmpty() ? "kind" : "apiVersion")
                    + "; every Kubernetes object names its apiVersion and kind (is this a values file rather than a manifest?)"));
            return;
        }
        if (kind.equals("AdmissionReview")) {
            entries.add(new Review(location, node));
        } else if (kind.endsWith("List") && node.has("items")) {
            collectItems(node.get("items"), location, kind, positions);
        } else {
            toObject(node, location, apiVersion, kind, positions);
        }
    }

    private void collectItems(JsonNode items, Location location, String kind, FieldPositions positions) {
        if (!items.isArray()) {
            problems.add(new Problem(location, "is a " + kind + " whose items is not a list"));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            collect(items.get(i), location.item(i), positions.under("/items/" + i));
        }
    }

    private void toObject(JsonNode node, Location location, String apiVersion, String kind, FieldPositions positions) {
        Optional<JudgedKind> judged = JudgedKind.ofGroupVersionKind(apiVersion + "/" + kind);
        if (judgedKindsOnly && judged.isEmpty()) {
            passedOver++;
            return;
        }
        try {
            // A judged kind is bound to its type directly: fabric8's lookup by kind costs as much again as the binding.
            Class<? extends KubernetesResource> type = judged.isPresent() ? judged.get().type() : KubernetesResource.class;
            if (JSON.treeToValue(node, type) instanceof HasMetadata object) {
                entries.add(new KubeObject(location, object, positions));
            } else {
                problems.add(new Problem(location, "is a " + apiVersion + " " + kind + " without metadata"));
            }
        } catch (JsonMappingException e) {
            Optional<String> nullElement = NullListElements.problem(e);
            if (nullElement.isPresent()) {
                problems.add(new Problem(location, nullElement.get()));
                return;
            }
            problems.add(new Problem(location, "does not have the shape of a " + apiVersion + " " + kind + " at "
                    + JsonErrors.fieldPath(e) + ": " + JsonErrors.firstLine(e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            problems.add(new Problem(location, "cannot be read as a " + apiVersion + " " + kind + ": "
                    + JsonErrors.firstLine(e.getOriginalMessage())));
        }
    }

    /** The index of the chunk's first line that is neither blank nor a comment, or -1 when it has none. */
    private static int firstContentLine(CharSequence chunk) {
        int line = 0;
        boolean atLineStart = true;
        for (int i = 0; i < chunk.length(); i++) {
            char c = chunk.charAt(i);
            if (c == '\n' || c == '\r') {
                line += c == '\r' && i + 1 < chunk.length() && chunk.charAt(i + 1) == '\n' ? 0 : 1;
                atLineStart = true;
            } else if (atLineStart && !Character.isWhitespace(c)) {
                if (c != '#') {
                    return line;
                }
                atLineStart = false;
            }
        }
        return -1;
    }

    private static int lineOf(JsonProcessingException e, int offset) {
        return e.getLocation() == null ? offset + 1 : offset + e.getLocation().getLineNr();
    }


}
