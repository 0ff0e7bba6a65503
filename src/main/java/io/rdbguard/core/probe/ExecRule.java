package io.rdbguard.core.probe;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One row of the exec probe rules: when every {@code match} pattern is found in a probe's script text and no
 * {@code unless} pattern is, the script proves {@code depth}. Rules are tried in order; the first that applies wins.
 */
public record ExecRule(
        String name,
        List<Pattern> match,
        List<Pattern> unless,
        Depth depth,
        boolean dependsOnOtherPod,
        String explanation,
        String source) {

    public ExecRule {
        match = List.copyOf(match);
        unless = List.copyOf(unless);
    }

    public boolean appliesTo(String script) {
        return match.stream().allMatch(p -> p.matcher(script).find())
                && unless.stream().noneMatch(p -> p.matcher(script).find());
    }
}
