package io.rdbguard.core.redis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A release line of one family (Redis 7.2, Valkey 9.0): the format it writes and what it loads.
 * {@code verified} is false when the fact was not checked at the line's release tags; {@code note} may be null.
 */
public record ReleaseLine(
        Family family,
        String line,
        Format writes,
        LoadRule loadRule,
        String source,
        boolean verified,
        String note) {

    /** "Redis 7.2": how messages name the line. */
    public String displayName() {
        return family.name() + " " + line;
    }

    /** "Redis 7.2, 7.4, Valkey 8.0": lines named once per family, in order, joined by {@code separator}. */
    public static String names(List<ReleaseLine> lines, String separator) {
        Map<String, List<String>> byFamily = new LinkedHashMap<>();
        lines.forEach(l -> byFamily.computeIfAbsent(l.family().name(), f -> new ArrayList<>()).add(l.line()));
        return byFamily.entrySet().stream().map(e -> e.getKey() + " " + String.join(separator, e.getValue()))
                .collect(Collectors.joining(separator));
    }
}
