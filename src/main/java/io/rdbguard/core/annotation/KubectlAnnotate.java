package io.rdbguard.core.annotation;

import io.rdbguard.core.workload.Workload;
import java.util.Locale;

/** The exact command that sets annotations on a workload, for the fix part of a message. */
public final class KubectlAnnotate {

    private KubectlAnnotate() {
    }

    /** {@code kubectl annotate statefulset NAME -n NS --overwrite k1=v1 k2=v2}; pairs are key, value, key, value... */
    public static String command(Workload workload, String... keysAndValues) {
        StringBuilder command = new StringBuilder("kubectl annotate ")
                .append(workload.kind().toLowerCase(Locale.ROOT)).append(' ').append(workload.name())
                .append(" -n ").append(workload.namespace()).append(" --overwrite");
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            command.append(' ').append(keysAndValues[i]).append('=').append(keysAndValues[i + 1]);
        }
        return command.toString();
    }
}
