package io.rdbguard.core.probe;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A redis-cli (or valkey-cli, ...) invocation: the command it sends, after its options.
 *
 * @param command the command words, e.g. [info, persistence]
 */
record CliCall(List<String> command) {

    /** redis-cli options that take a value (redis-cli --help). */
    private static final Set<String> WITH_VALUE = Set.of("-h", "-p", "-s", "-a", "-u", "-r", "-i", "-n", "-d", "-D", "--user", "--pass",
            "--cacert", "--cacertdir", "--cert", "--key", "--sni", "--tls-ciphers", "--tls-ciphersuites", "--eval", "--pattern");

    static Optional<CliCall> parse(List<String> words, Pattern cli) {
        if (words.isEmpty() || !cli.matcher(ShellSyntax.baseName(words.get(0))).matches()) {
            return Optional.empty();
        }
        int i = 1;
        while (i < words.size() && words.get(i).startsWith("-")) {
            i += WITH_VALUE.contains(words.get(i)) ? 2 : 1;
        }
        return i < words.size() ? Optional.of(new CliCall(words.subList(i, words.size()))) : Optional.empty();
    }
}
