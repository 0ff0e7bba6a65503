package io.rdbguard.data;

import io.rdbguard.core.redis.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads the built-in snapshot-format catalog ({@value #BUILT_IN}) and, optionally, the admin's extension file
 * (same format; extra repositories, tag grammars, release lines, digest pins).
 */
public final class CatalogLoader {

    public static final String BUILT_IN = "rdb-guard/catalog.yaml";


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
        return YamlFiles.read(file.name(), file.text(), CatalogFile.class, "the built-in " + BUILT_IN)
                .orElse(new CatalogFile(null, null, null, null, null, null, null, null));
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
