package io.rdbguard.data;

import io.rdbguard.core.check.CheckDescriptor;
import io.rdbguard.core.check.Mode;
import io.rdbguard.core.engine.Policy;
import io.rdbguard.core.exemption.ExemptionPolicy;
import io.rdbguard.core.probe.ProbeDepthSettings;
import io.rdbguard.core.redis.FormatGuardSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the admin's policy file. Every key may be left out: a check the file does not name runs in its descriptor's
 * default mode, and the other settings have the defaults shown in the README. Every mistake is reported with the file,
 * the key and what to write instead.
 */
public final class PolicyLoader {

    private static final Pattern DURATION = Pattern.compile("(\\d+)([smhd])");
    /** No policy duration needs more; the bound also keeps the arithmetic far from overflow. */
    private static final Duration LONGEST = Duration.ofDays(3650);
    private static final String SHAPE = "the README's \"The policy file\"";

    private PolicyLoader() {
    }

    /** The admin's choices: check modes and exemption rules, how fresh a backup must be, and the probe profile. */
    public record PolicyDocument(Policy policy, Duration maxBackupAge, ProbeDepthSettings probes) {
        public static final PolicyDocument DEFAULTS = new PolicyDocument(Policy.DEFAULTS,
                FormatGuardSettings.DEFAULT_MAX_BACKUP_AGE, ProbeDepthSettings.defaults());
    }

    // The file's shape: the record components are the YAML keys.
    record PolicyFile(Map<String, String> modes, Backups backups, Probes probes, ExemptionRules exemptions) {
    }

    record Backups(String maxAge) {
    }

    record Probes(String profile) {
    }

    record ExemptionRules(String maxHorizon, Boolean allowAll, List<String> neverExempt, Grantors grantors) {
    }

    record Grantors(List<String> users, List<String> groups) {
    }

    /** The defaults overlaid with {@code yaml} (null: no admin file), checked against the known checks. */
    public static PolicyDocument load(String yaml, String source, List<CheckDescriptor> checks) throws ConfigurationException {
        if (yaml == null) {
            return PolicyDocument.DEFAULTS;
        }
        PolicyFile file = YamlFiles.read(source, yaml, PolicyFile.class, SHAPE).orElse(null);
        if (file == null) {
            return PolicyDocument.DEFAULTS;
        }
        Set<String> ids = new TreeSet<>(checks.stream().map(CheckDescriptor::id).toList());
        Duration maxBackupAge = file.backups() == null || file.backups().maxAge() == null
                ? PolicyDocument.DEFAULTS.maxBackupAge() : duration(file.backups().maxAge(), source, "backups.maxAge");
        return new PolicyDocument(new Policy(modes(file.modes(), source, ids), exemptions(file.exemptions(), source, ids)),
                maxBackupAge, probes(file.probes(), source));
    }

    private static Map<String, Mode> modes(Map<String, String> modes, String source, Set<String> ids) throws ConfigurationException {
        Map<String, Mode> chosen = new HashMap<>();
        if (modes == null) {
            return chosen;
        }
        for (Map.Entry<String, String> entry : modes.entrySet()) {
            String id = entry.getKey();
            if (!ids.contains(id)) {
                throw new ConfigurationException(source, "modes." + id, "unknown check id; known check ids: " + ids);
            }
            String text = String.valueOf(entry.getValue());
            chosen.put(id, Mode.parse(text).orElseThrow(() -> new ConfigurationException(source, "modes." + id,
                    "'" + text + "' is not a mode; use one of " + Mode.choices())));
        }
        return chosen;
    }

    private static ProbeDepthSettings probes(Probes probes, String source) throws ConfigurationException {
        if (probes == null || probes.profile() == null) {
            return ProbeDepthSettings.defaults();
        }
        return switch (probes.profile()) {
            case "default" -> ProbeDepthSettings.defaults();
            case "strict" -> ProbeDepthSettings.strict();
            default -> throw new ConfigurationException(source, "probes.profile",
                    "'" + probes.profile() + "' is not a probe profile; use default or strict");
        };
    }

    private static ExemptionPolicy exemptions(ExemptionRules rules, String source, Set<String> ids) throws ConfigurationException {
        ExemptionPolicy base = ExemptionPolicy.DEFAULT;
        if (rules == null) {
            return base;
        }
        Set<String> never = rules.neverExempt() == null ? base.neverExempt()
                : strings(rules.neverExempt(), source, "exemptions.neverExempt");
        for (String id : never) {
            if (!ids.contains(id)) {
                throw new ConfigurationException(source, "exemptions.neverExempt", "unknown check id '" + id
                        + "'; known check ids: " + ids);
            }
        }
        Grantors grantors = rules.grantors() == null ? new Grantors(null, null) : rules.grantors();
        return new ExemptionPolicy(
                rules.maxHorizon() == null ? base.maxHorizon() : duration(rules.maxHorizon(), source, "exemptions.maxHorizon"),
                rules.allowAll() == null ? base.allowAll() : rules.allowAll(),
                never,
                grantors.users() == null ? base.grantorUsers() : strings(grantors.users(), source, "exemptions.grantors.users"),
                grantors.groups() == null ? base.grantorGroups() : strings(grantors.groups(), source, "exemptions.grantors.groups"));
    }

    private static Set<String> strings(List<String> values, String source, String place) throws ConfigurationException {
        Set<String> set = new TreeSet<>();
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw new ConfigurationException(source, place, "every entry must be a non-empty text");
            }
            set.add(value);
        }
        return set;
    }

    private static Duration duration(String text, String source, String place) throws ConfigurationException {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches() || m.group(1).matches("0+")) {
            throw new ConfigurationException(source, place, "'" + text
                    + "' is not a duration; write a positive whole number with s, m, h or d, e.g. 24h");
        }
        if (m.group(1).length() > 9) {
            throw new ConfigurationException(source, place, "'" + text + "' is longer than " + LONGEST.toDays()
                    + "d, the longest rdb-guard accepts; write a shorter duration, e.g. 30d");
        }
        long amount = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        if (duration.compareTo(LONGEST) > 0) {
            throw new ConfigurationException(source, place, "'" + text + "' is longer than " + LONGEST.toDays()
                    + "d, the longest rdb-guard accepts; write a shorter duration, e.g. 30d");
        }
        return duration;
    }
}
