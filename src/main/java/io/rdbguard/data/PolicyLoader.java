package io.rdbguard.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.rdbguard.core.check.Mode;
import io.rdbguard.core.engine.Policy;
import io.rdbguard.core.exemption.ExemptionPolicy;
import io.rdbguard.core.probe.ProbeDepthSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the policy: the built-in default, then the admin's file on top of it (any key may be left out).
 * Every mistake is reported with the file, the key and what to write instead.
 */
public final class PolicyLoader {

    static final String DEFAULT_POLICY = "rdb-guard/default-policy.yaml";
    private static final Set<String> TOP_LEVEL_KEYS = Set.of("modes", "backups", "probes", "exemptions");
    private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd])");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PolicyLoader() {
    }

    /** The admin's choices: check modes and exemption rules, how fresh a backup must be, and the probe profile. */
    public record PolicyDocument(Policy policy, Duration maxBackupAge, ProbeDepthSettings probes) {
    }

    /** The built-in policy overlaid with {@code adminYaml} (null for none), validated against the known check ids. */
    public static PolicyDocument load(String adminYaml, String adminSource, Set<String> checkIds) throws ConfigurationException {
        Builder builder = new Builder();
        builder.apply(parse(builtIn(), "built-in " + DEFAULT_POLICY), "built-in " + DEFAULT_POLICY, checkIds);
        if (adminYaml != null) {
            builder.apply(parse(adminYaml, adminSource), adminSource, checkIds);
        }
        return new PolicyDocument(new Policy(builder.modes, builder.exemptions), builder.maxBackupAge, builder.probes);
    }

    private static final class Builder {
        final Map<String, Mode> modes = new HashMap<>();
        Duration maxBackupAge;
        ProbeDepthSettings probes;
        ExemptionPolicy exemptions = ExemptionPolicy.DEFAULT;

        void apply(JsonNode root, String source, Set<String> checkIds) throws ConfigurationException {
            if (root == null || root.isMissingNode() || root.isNull()) {
                return; // an empty file changes nothing
            }
            applyModes(modes, root, source, checkIds);
            JsonNode maxAge = root.path("backups").path("maxAge");
            if (!maxAge.isMissingNode()) {
                maxBackupAge = duration(maxAge, source, "backups.maxAge");
            }
            JsonNode profile = root.path("probes").path("profile");
            if (!profile.isMissingNode()) {
                probes = switch (profile.asText()) {
                    case "default" -> ProbeDepthSettings.defaults();
                    case "strict" -> ProbeDepthSettings.strict();
                    default -> throw new ConfigurationException(source, "probes.profile",
                            "'" + profile.asText() + "' is not a probe profile; use default or strict");
                };
            }
            JsonNode exempt = root.path("exemptions");
            if (!exempt.isMissingNode() && !exempt.isNull()) {
                exemptions = exemptions(exempt, exemptions, source, checkIds);
            }
        }
    }

    private static ExemptionPolicy exemptions(JsonNode node, ExemptionPolicy base, String source, Set<String> checkIds)
            throws ConfigurationException {
        Duration horizon = node.has("maxHorizon") ? duration(node.get("maxHorizon"), source, "exemptions.maxHorizon")
                : base.maxHorizon();
        JsonNode allowAll = node.path("allowAll");
        if (!allowAll.isMissingNode() && !allowAll.isBoolean()) {
            throw new ConfigurationException(source, "exemptions.allowAll", "'" + allowAll.asText() + "' is not true or false");
        }
        Set<String> never = node.has("neverExempt") ? strings(node.get("neverExempt"), source, "exemptions.neverExempt") : base.neverExempt();
        for (String id : never) {
            if (!checkIds.contains(id)) {
                throw new ConfigurationException(source, "exemptions.neverExempt", "unknown check id '" + id
                        + "'; known check ids: " + new TreeSet<>(checkIds));
            }
        }
        JsonNode grantors = node.path("grantors");
        return new ExemptionPolicy(horizon, allowAll.isMissingNode() ? base.allowAll() : allowAll.asBoolean(), never,
                grantors.has("users") ? strings(grantors.get("users"), source, "exemptions.grantors.users") : base.grantorUsers(),
                grantors.has("groups") ? strings(grantors.get("groups"), source, "exemptions.grantors.groups") : base.grantorGroups());
    }

    private static Set<String> strings(JsonNode node, String source, String place) throws ConfigurationException {
        if (node.isNull()) {
            return Set.of();
        }
        if (!node.isArray()) {
            throw new ConfigurationException(source, place, "expected a list, e.g. [a, b], found " + describe(node));
        }
        Set<String> values = new TreeSet<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new ConfigurationException(source, place, "every entry must be a non-empty text, found " + describe(item));
            }
            values.add(item.asText());
        }
        return values;
    }

    private static Duration duration(JsonNode node, String source, String place) throws ConfigurationException {
        Matcher m = DURATION.matcher(node.asText());
        if (!m.matches() || m.group(1).chars().allMatch(c -> c == '0')) {
            throw new ConfigurationException(source, place, "'" + node.asText()
                    + "' is not a duration; write a positive whole number with s, m, h or d, e.g. 24h");
        }
        try {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (NumberFormatException | ArithmeticException tooLarge) {
            throw new ConfigurationException(source, place, "'" + node.asText()
                    + "' is too large for a duration; write a smaller number, e.g. 30d");
        }
    }

    private static void applyModes(Map<String, Mode> modes, JsonNode root, String source, Set<String> checkIds)
            throws ConfigurationException {
        if (!root.isObject()) {
            throw new ConfigurationException(source, "", "expected a mapping with the keys " + new TreeSet<>(TOP_LEVEL_KEYS)
                    + ", found " + describe(root));
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
