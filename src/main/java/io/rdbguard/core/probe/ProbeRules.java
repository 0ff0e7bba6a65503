package io.rdbguard.core.probe;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Everything the classifier knows, as data: exec rules (first match wins), the configuration marker that lifts a
 * serving script to configured, how to spot a CLI talking to another pod, and the httpGet path rules.
 *
 * @param markerPattern  finds a check of the entrypoint's "configuration done" marker file
 * @param hostPatterns   find the host a CLI connects to, in a named group {@code host}
 * @param localHosts     host values that mean "this pod" (compared case-insensitively, without quotes)
 * @param masterVariable a host given as a variable is another pod only when the variable's name matches this
 *                       ({@code $REDIS_MASTER_HOST}); other variables are too ambiguous to judge
 */
public record ProbeRules(
        List<ExecRule> execRules,
        Pattern markerPattern,
        String markerExplanation,
        List<Pattern> hostPatterns,
        Set<String> localHosts,
        Pattern masterVariable,
        List<HttpPathRule> httpRules) {

    public ProbeRules {
        execRules = List.copyOf(execRules);
        hostPatterns = List.copyOf(hostPatterns);
        localHosts = localHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        httpRules = List.copyOf(httpRules);
    }

    boolean checksMarker(String script) {
        return markerPattern.matcher(script).find();
    }

    /** True when a CLI in the script connects to a host that is not this pod (e.g. the master). */
    boolean talksToOtherPod(String script) {
        for (Pattern pattern : hostPatterns) {
            Matcher m = pattern.matcher(script);
            while (m.find()) {
                String host = m.group("host").replaceAll("^[\"']|[\"']$", "");
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
