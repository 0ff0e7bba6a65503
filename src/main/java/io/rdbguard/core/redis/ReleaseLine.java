package io.rdbguard.core.redis;

import io.rdbguard.core.workload.Container;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A release line of one family (Redis 7.2, Valkey 9.0): the format it writes and what it loads.
 * {@code verified} is false when the fact was not checked at the line's release tags; {@code note} may be null;
 * {@code formatFlag}, when not null, is the flag that makes the line write another format.
 */
public record ReleaseLine(
        Family family,
        String line,
        Format writes,
        LoadRule loadRule,
        String source,
        boolean verified,
        String note,
        FormatFlag formatFlag) {

    /** This line as a container configures it: what it writes follows its format flag, if it has one. */
    public ReleaseLine configuredBy(List<String> argv, Container.Runtime runtime) {
        if (formatFlag == null || !formatFlag.isOff(argv, runtime)) {
            return this;
        }
        return new ReleaseLine(family, line, formatFlag.whenOff(), loadRule, source, verified, note, null);
    }

    /** "Redis 7.2": how messages name the line. */
    public String displayName() {
        return family.name() + " " + line;
    }

    /**
     * "Redis 7.2, 7.4, Valkey 8.0": lines named once per family, in catalog order, joined by {@code separator}; more
     * than four lines of a family as their span ("Redis 2.6 … 7.0"), to stay readable.
     */
    public static String names(List<ReleaseLine> lines, String separator) {
        Map<String, List<String>> byFamily = new LinkedHashMap<>();
        lines.forEach(l -> byFamily.computeIfAbsent(l.family().name(), f -> new ArrayList<>()).add(l.line()));
        return byFamily.entrySet().stream().map(e -> e.getKey() + " " + (e.getValue().size() > 4
                        ? e.getValue().get(0) + " … " + e.getValue().get(e.getValue().size() - 1)
                        : String.join(separator, e.getValue())))
                .collect(Collectors.joining(separator));
    }
}
