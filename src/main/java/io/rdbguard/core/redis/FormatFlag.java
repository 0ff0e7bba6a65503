package io.rdbguard.core.redis;

import io.rdbguard.core.workload.Container;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A boolean server flag that, when off, makes a line write another format (Dragonfly: {@code --df_snapshot_format}
 * is true by default and writes its own .dfs snapshot; off, it writes an RDB file). Read as the server reads it:
 * {@code --flag}, {@code --flag=false}, {@code --noflag} (one or two dashes) on the command line, which wins over the
 * environment variable {@code envPrefix + flag} ({@code DFLY_df_snapshot_format=false}).
 */
public record FormatFlag(String flag, String envPrefix, Format whenOff, String source) {

    /** Whether the flag is off for a container that runs {@code argv} with {@code runtime}'s environment. */
    boolean isOff(List<String> argv, Container.Runtime runtime) {
        Optional<Boolean> onCommandLine = Optional.empty();
        for (String word : argv) {
            if (!word.startsWith("-")) {
                continue;
            }
            String name = word.substring(word.startsWith("--") ? 2 : 1);
            if (name.equals(flag) || name.startsWith(flag + "=")) {
                onCommandLine = Optional.of(!name.contains("=") || truth(name.substring(flag.length() + 1)));
            } else if (name.equals("no" + flag)) {
                onCommandLine = Optional.of(false);
            }
        }
        boolean on = onCommandLine.or(() -> envPrefix == null ? Optional.empty()
                : runtime.literal(envPrefix + flag).map(FormatFlag::truth)).orElse(true);
        return !on;
    }

    /** absl reads true/false, 1/0, yes/no, t/f, y/n, in any case. */
    private static boolean truth(String value) {
        return List.of("true", "1", "yes", "t", "y").contains(value.toLowerCase(Locale.ROOT));
    }
}
