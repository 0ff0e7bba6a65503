package io.rdbguard.core.probe;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One row of the exec probe rules: when every {@code match} pattern is found in a command's text (a simple command,
 * a pipeline the classifier cannot follow, or a test) and no {@code unless} pattern is, it proves {@code depth}.
 * Rules are tried in order; the first that applies wins. {@code examples} are the commands that prove the claim.
 */
public record ExecRule(
        String name,
        List<Pattern> match,
        List<Pattern> unless,
        Depth depth,
        boolean dependsOnOtherPod,
        String explanation,
        String source,
        List<ProbeExample> examples) {

    public ExecRule {
        match = List.copyOf(match);
        unless = List.copyOf(unless);
        examples = List.copyOf(examples);
    }

    public boolean appliesTo(String script) {
        return match.stream().allMatch(p -> p.matcher(script).find())
                && unless.stream().noneMatch(p -> p.matcher(script).find());
    }
}
