package io.rdbguard.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rdbguard.core.check.Mode;
import io.rdbguard.core.engine.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the policy: the built-in default, then the admin's file on top of it (any part may be left out).
 * Every mistake is reported with the file, the key and what to write instead.
 */
public final class PolicyLoader {

    static final String DEFAULT_POLICY = "rdb-guard/default-policy.yaml";
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("modes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PolicyLoader() {
    }

    /** The built-in policy overlaid with {@code adminYaml} (null for none), validated against the known check ids. */
    public static Policy load(String adminYaml, String adminSource, Set<String> checkIds) throws ConfigurationException {
        Map<String, Mode> modes = new HashMap<>();
        applyTo(modes, parse(builtIn(), "built-in " + DEFAULT_POLICY), "built-in " + DEFAULT_POLICY, checkIds);
        if (adminYaml != null) {
            applyTo(modes, parse(adminYaml, adminSource), adminSource, checkIds);
        }
        return new Policy(modes);
    }

    private static void applyTo(Map<String, Mode> modes, JsonNode root, String source, Set<String> checkIds)
            throws ConfigurationException {
        if (root == null || root.isMissingNode() || root.isNull()) {
            return; // an empty file changes nothing
        }
        if (!root.isObject()) {
            throw new ConfigurationException(source, "", "expected a mapping with the key 'modes', found " + describe(root));
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!TOP_LEVEL_KEYS.contains(key)) {
                throw new ConfigurationException(source, key, "unknown key; known keys: " + new TreeSet<>(TOP_LEVEL_KEYS));
            }
        }
        JsonNode modesNode = root.path("modes");
        if (modesNode.isMissingNode() || modesNode.isNull()) {
            return;
        }
        if (!modesNode.isObject()) {
            throw new ConfigurationException(source, "modes", "expected a mapping of check id to mode, found " + describe(modesNode));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = modesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String checkId = entry.getKey();
            if (!checkIds.contains(checkId)) {
                throw new ConfigurationException(source, "modes." + checkId,
                        "unknown check id; known check ids: " + new TreeSet<>(checkIds));
            }
            String text = entry.getValue().isTextual() ? entry.getValue().asText() : entry.getValue().toString();
            Mode mode = Mode.parse(text).orElseThrow(() -> new ConfigurationException(source, "modes." + checkId,
                    "'" + text + "' is not a mode; use one of " + Mode.choices()));
            modes.put(checkId, mode);
        }
    }

    private static JsonNode parse(String yaml, String source) throws ConfigurationException {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ConfigurationException(source, where, "not valid YAML: " + e.getOriginalMessage().replaceAll("\\s+", " "));
        }
    }

    private static String builtIn() {
        try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream(DEFAULT_POLICY)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_POLICY + " is missing from the application");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_POLICY, e);
        }
    }

    private static String describe(JsonNode node) {
        return node.isTextual() ? "the text '" + node.asText() + "'" : "a " + node.getNodeType().name().toLowerCase();
    }
}
