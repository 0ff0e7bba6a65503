package io.rdbguard.core.redis;

import io.rdbguard.core.workload.ContainerRole;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which commands mean which role (data: the {@code roles} section of catalog.yaml). A container's argv is read as
 * the kubelet runs it: a shell given {@code -c} runs a script, and every simple command in the script counts;
 * wrappers ({@code exec}, {@code tini --}, the images' entrypoint scripts that end in {@code exec "$@"}) run the
 * command after them. The first rule, in file order, that matches any command decides; none matching says nothing.
 */
public record RoleRules(List<String> shells, List<String> wrappers, List<RoleRule> rules) {

    /** Shell words that start a command without being its program. */
    private static final Set<String> KEYWORDS = Set.of("if", "then", "else", "elif", "fi", "while", "until", "do",
            "done", "for", "case", "esac", "!", "time", "{", "}");
    private static final Pattern SEPARATORS = Pattern.compile("&&|\\|\\||[;|&\\n()`]|\\$\\(");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
    private static final Pattern SHELL_FLAGS_WITH_SCRIPT = Pattern.compile("-[a-z]*c[a-z]*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern QUOTES = Pattern.compile("[\"']");
    private static final Pattern DURATION = Pattern.compile("\\d+[smhd]?");

    public static final RoleRules NONE = new RoleRules(List.of(), List.of(), List.of());

    public RoleRules {
        shells = List.copyOf(shells);
        wrappers = List.copyOf(wrappers);
        rules = List.copyOf(rules);
    }

    /** These rules followed by {@code more} (an extension file's rules come after the built-in ones). */
    public RoleRules with(RoleRules more) {
        return new RoleRules(concat(shells, more.shells), concat(wrappers, more.wrappers), concat(rules, more.rules));
    }

    /** The role the argv means, if a rule says; the rule's source explains why. */
    public Optional<RoleRule> ruleFor(List<String> argv) {
        List<List<String>> commands = commands(argv);
        return rules.stream().filter(rule -> commands.stream().anyMatch(rule::matches)).findFirst();
    }

    public Optional<ContainerRole> roleOf(List<String> argv) {
        return ruleFor(argv).map(RoleRule::role);
    }

    /** The commands an argv runs: itself, or each command of the script a shell runs. */
    List<List<String>> commands(List<String> argv) {
        List<String> command = unwrapped(argv);
        if (command.isEmpty() || !isAny(command.get(0), shells)) {
            return command.isEmpty() ? List.of() : List.of(command);
        }
        for (int i = 1; i < command.size(); i++) {
            String word = command.get(i);
            if (SHELL_FLAGS_WITH_SCRIPT.matcher(word).matches()) {
                return i + 1 < command.size() ? script(command.get(i + 1)) : List.of();
            }
            if (!word.startsWith("-")) {
                return commands(command.subList(i, command.size())); // sh /path/script.sh: the script runs
            }
        }
        return List.of();
    }

    private List<List<String>> script(String script) {
        List<List<String>> commands = new ArrayList<>();
        for (String part : SEPARATORS.split(script)) {
            List<String> words = new ArrayList<>(Arrays.stream(WHITESPACE.split(part.trim()))
                    .map(w -> QUOTES.matcher(w).replaceAll("")).filter(w -> !w.isEmpty()).toList());
            while (!words.isEmpty() && (KEYWORDS.contains(words.get(0)) || ASSIGNMENT.matcher(words.get(0)).matches())) {
                words.remove(0);
            }
            commands.addAll(commands(words));
        }
        return commands;
    }

    /** The argv without leading wrappers, their options and variable assignments ({@code env A=1 tini -- x} is x). */
    private List<String> unwrapped(List<String> argv) {
        int start = 0;
        while (start < argv.size() && isAny(argv.get(start), wrappers)) {
            start++;
            while (start < argv.size() && (argv.get(start).startsWith("-") || DURATION.matcher(argv.get(start)).matches()
                    || ASSIGNMENT.matcher(argv.get(start)).matches())) {
                start++;
            }
        }
        return argv.subList(start, argv.size());
    }

    private static boolean isAny(String word, List<String> programs) {
        return programs.stream().anyMatch(p -> isProgram(word, p));
    }

    /** {@code /opt/bitnami/scripts/redis/run.sh} is the program {@code run.sh}, {@code redis/run.sh} and itself. */
    static boolean isProgram(String word, String program) {
        if (program.startsWith("/")) {
            return word.equals(program);
        }
        return word.equals(program) || word.endsWith("/" + program);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
