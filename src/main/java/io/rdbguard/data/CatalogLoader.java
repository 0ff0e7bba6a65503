package io.rdbguard.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rdbguard.core.format.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Loads the built-in snapshot-format catalog ({@value #BUILT_IN}) and, optionally, the admin's extension file
 * (same format; extra repositories, tag grammars, release lines, digest pins).
 */
public final class CatalogLoader {

    public static final String BUILT_IN = "rdb-guard/catalog.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private CatalogLoader() {
    }

    /** The built-in catalog alone. */
    public static Catalog builtIn() throws ConfigurationException {
        return load(List.of(builtInFile()));
    }

    /** The built-in catalog extended by the admin's file. */
    public static Catalog withExtension(Path extension) throws ConfigurationException {
        String text;
        try {
            text = Files.readString(extension, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("catalog extension " + extension, "", "cannot be read (" + e
                    + "); check the path and the mounted ConfigMap, or remove the setting to use the built-in catalog", e);
        }
        return load(List.of(builtInFile(), new NamedYaml("catalog extension " + extension, text)));
    }

    /** YAML text with the name errors should use for it. */
    record NamedYaml(String name, String text) {
    }

    static Catalog load(List<NamedYaml> files) throws ConfigurationException {
        CatalogAssembler assembler = new CatalogAssembler();
        for (NamedYaml file : files) {
            assembler.add(file.name(), parse(file));
        }
        return assembler.catalog();
    }

    private static CatalogFile parse(NamedYaml file) throws ConfigurationException {
        try {
            JsonNode tree = YAML.readTree(file.text());
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                return new CatalogFile(null, null, null, null, null, null, null);
            }
            return YAML.treeToValue(tree, CatalogFile.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigurationException(file.name(), place(e), "unknown key \"" + e.getPropertyName()
                    + "\"; the keys here are " + e.getKnownPropertyIds() + " (check the spelling)", e);
        } catch (JsonMappingException e) {
            throw new ConfigurationException(file.name(), place(e), "wrong kind of value (" + plain(e.getOriginalMessage())
                    + "); compare with the built-in " + BUILT_IN, e);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ConfigurationException(file.name(), where, "not valid YAML (" + JsonErrors.firstLine(e.getOriginalMessage())
                    + "); fix the syntax, e.g. indentation or an unquoted ':'", e);
        }
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
                .replaceAll("`java\\.util\\.List<[^`]*>`", "a list")
                .replaceAll("`java\\.lang\\.String`", "a text")
                .replaceAll("`java\\.lang\\.Boolean`", "true or false")
                .replaceAll("`io\\.rdbguard\\.[^`]*`", "a row")
                .replaceAll(" \\(token `[^`]*`\\)", "");
    }


    private static NamedYaml builtInFile() throws ConfigurationException {
        try (InputStream in = CatalogLoader.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new ConfigurationException("built-in catalog " + BUILT_IN, "", "missing from the class path; rebuild rdb-guard");
            }
            return new NamedYaml("built-in catalog " + BUILT_IN, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigurationException("built-in catalog " + BUILT_IN, "", "cannot be read (" + e + ")", e);
        }
    }
}
