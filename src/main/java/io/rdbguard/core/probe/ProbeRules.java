package io.rdbguard.core.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything the classifier knows, as data: exec rules (first match wins), what a configured readiness asserts,
 * how to spot a CLI talking to another pod, the observed server replies, the httpGet path rules, and the example
 * probes each rule is proven with.
 *
 * @param cli            finds a Redis-family CLI (redis-cli, valkey-cli, ...)
 * @param hostPatterns   find the host a CLI connects to, in a named group {@code host}
 * @param localHosts     host values that mean "this pod" (compared case-insensitively, without quotes)
 * @param masterVariable a host given as a variable is another pod only when the variable's name matches this
 *                       ({@code $REDIS_MASTER_HOST}); other variables are too ambiguous to judge
 * @param builtInExamples the examples of the rules that live in code (shell semantics, grep over observed replies)
 */
public record ProbeRules(
        List<ExecRule> execRules,
        ConfigurationRules configuration,
        Pattern cli,
        List<Pattern> hostPatterns,
        Set<String> localHosts,
        Pattern masterVariable,
        ServerReplies replies,
        List<HttpPathRule> httpRules,
        List<NamedExamples> builtInExamples) {

    private static final Pattern OUTER_QUOTES = Pattern.compile("^[\"']|[\"']$");

    /** The examples of one rule that lives in code, by its name. */
    public record NamedExamples(String name, String explanation, List<ProbeExample> examples) {
        public NamedExamples {
            examples = List.copyOf(examples);
        }
    }

    public ProbeRules {
        execRules = List.copyOf(execRules);
        hostPatterns = List.copyOf(hostPatterns);
        localHosts = localHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        httpRules = List.copyOf(httpRules);
        builtInExamples = List.copyOf(builtInExamples);
    }

    /** True when a CLI in the script connects to a host that is not this pod (e.g. the master). */
    boolean talksToOtherPod(String script) {
        return cliCalls(script).stream().anyMatch(this::otherHost);
    }

    /** True when the script talks to servers only through CLIs that all connect to other pods. */
    boolean onlyOtherPods(String script) {
        List<String> calls = cliCalls(script);
        return !calls.isEmpty() && calls.stream().allMatch(this::otherHost);
    }

    /** Each CLI invocation in the script, up to the end of its command. */
    private List<String> cliCalls(String text) {
        String script = text.replace("\\\n", " ");   // a line continuation is a space
        Matcher m = cli.matcher(script);
        List<String> calls = new ArrayList<>();
        while (m.find()) {
            int end = m.end();
            while (end < script.length() && "|;&)\n`".indexOf(script.charAt(end)) < 0) {
                end++;
            }
            calls.add(script.substring(m.start(), end));
        }
        return calls;
    }

    private boolean otherHost(String call) {
        for (Pattern pattern : hostPatterns) {
            Matcher m = pattern.matcher(call);
            while (m.find()) {
                String host = OUTER_QUOTES.matcher(m.group("host")).replaceAll("");
                boolean other = host.startsWith("$")
                        ? masterVariable.matcher(host).find()
                        : !localHosts.contains(host.toLowerCase(Locale.ROOT));
                if (other) {
                    return true;
                }
            }
        }
        return false;
    }
}
