package io.rdbguard.core.annotation;

import io.rdbguard.core.workload.Workload;
import java.util.Locale;

/** The exact command that sets annotations on a workload, for the fix part of a message. */
public final class KubectlAnnotate {

    /** A value that the user's shell turns into the current time when the command is run. */
    public static final String NOW = "\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\"";

    private static final java.util.regex.Pattern SHELL_SAFE = java.util.regex.Pattern.compile("[A-Za-z0-9._:/@=+,-]*");

    private KubectlAnnotate() {
    }

    /** Whether a text (a fix) asks the user to run a kubectl annotate command. */
    public static boolean isIn(String text) {
        return text.contains("kubectl annotate ");
    }

    /** {@code kubectl annotate statefulset NAME -n NS --overwrite k1=v1 k2=v2}; pairs are key, value, key, value... */
    public static String command(Workload workload, String... keysAndValues) {
        StringBuilder command = new StringBuilder("kubectl annotate ")
                .append(workload.kind().toLowerCase(Locale.ROOT)).append(' ').append(workload.name())
                .append(" -n ").append(workload.namespace()).append(" --overwrite");
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            command.append(' ').append(keysAndValues[i]).append('=').append(shellWord(keysAndValues[i + 1]));
        }
        return command.toString();
    }

    /** {@code kubectl annotate statefulset NAME -n NS KEY-}: removes the annotation. */
    public static String remove(Workload workload, String key) {
        return "kubectl annotate " + workload.kind().toLowerCase(Locale.ROOT) + " " + workload.name()
                + " -n " + workload.namespace() + " " + key + "-";
    }

    /**
     * {@code kubectl patch statefulset NAME -n NS --type=json -p '[{"op":"remove",...}]'}: removes an annotation from
     * the pod template ({@code kubectl annotate} reaches only the object). It changes the template: the pods restart.
     */
    public static String removeFromPodTemplate(Workload workload, String key) {
        String path = "/spec/template/metadata/annotations/" + key.replace("~", "~0").replace("/", "~1");
        return "kubectl patch " + workload.kind().toLowerCase(Locale.ROOT) + " " + workload.name() + " -n "
                + workload.namespace() + " --type=json -p " + shellWord("[{\"op\":\"remove\",\"path\":\"" + path + "\"}]");
    }

    /** The value as one shell word, so the command can be pasted as it is (a placeholder like {@code <where>} too). */
    private static String shellWord(String value) {
        if (value.equals(NOW) || SHELL_SAFE.matcher(value).matches()) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
