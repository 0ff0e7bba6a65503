package io.rdbguard.core.probe;

import io.rdbguard.core.probe.ShellSyntax.Piece;
import io.rdbguard.core.probe.ShellSyntax.Shell;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grades an exec probe by what the kubelet runs. An argv is run without a shell, so {@code |} or {@code &&} in it are
 * plain arguments. A {@code sh -c} script succeeds or fails with the last statement it runs: a statement before it
 * counts only when its failure ends the script ({@code || exit 1}, {@code set -e}, {@code if ...; then exit 1; fi}),
 * and an {@code exit 0}, {@code || true} or trailing {@code true} makes the probe pass whatever the server does.
 * {@code !} inverts a pipeline. A pipeline of redis-cli PING/INFO into greps is followed through the observed replies
 * ({@link ServerReplies}) in every {@link ServerState}; everything else is graded by the exec rules (data).
 */
final class ScriptGrader {

    static final String UNKNOWN_EXPLANATION =
            "rdb-guard has no rule for \"%s\": it runs, but what it proves is unknown; add an exec rule to the probe rules file";

    private static final Set<String> ALWAYS_SUCCEED = Set.of("true", ":", "echo", "printf", "sleep");
    private static final Set<String> ALWAYS_FAIL = Set.of("false");
    /** Commands that run the rest of their words as a command: their own exit status is the command's. */
    private static final Set<String> WRAPPERS = Set.of("timeout", "env", "exec", "command", "nice", "nohup");
    private static final Set<String> SHELL_OPERATORS = Set.of("|", "||", "&&", ";", "&", "2>&1", ">", "<", "!");
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)", Pattern.DOTALL);
    private static final Pattern FUNCTION = Pattern.compile("(?s)(?:function\\s+)?([A-Za-z_][\\w-]*)\\s*\\(\\)\\s*\\{(.*)}");
    private static final Pattern IF = Pattern.compile("(?s)if\\s+(.*?);?\\s*then\\s+(.*?)(?:;?\\s*else\\s+(.*?))?;?\\s*fi");
    private static final Pattern EXITS_WITH_FAILURE = Pattern.compile("(?:^|[;\\s{])exit\\s+[1-9][0-9]*\\s*;?\\s*}?\\s*$");
    private static final Pattern DROPS_PASSWORD = Pattern.compile("-u\\s+REDISCLI_AUTH\\b|\\bREDISCLI_AUTH=(?:\\s|''|\"\")");
    private static final Pattern SET_ERREXIT = Pattern.compile("-[a-z]*e[a-z]*");
    private static final Pattern NESTED_IF = Pattern.compile("\\b(?:if|elif)\\b");
    private static final Pattern TEST_COMMAND = Pattern.compile("(?:\\[\\[?|test)\\s");
    private static final Pattern COMPARISON = Pattern.compile("\\s(!=|==?|-eq|-ne|-lt|-ge|-gt|-le)\\s");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Map<String, String> FLIPPED = Map.of("=", "!=", "==", "!=", "!=", "=", "-eq", "-ne", "-ne", "-eq",
            "-lt", "-ge", "-ge", "-lt", "-gt", "-le", "-le", "-gt");

    private final ProbeRules rules;

    ScriptGrader(ProbeRules rules) {
        this.rules = rules;
    }

    Grade argv(List<String> argv) {
        Optional<Shell> shell = ShellSyntax.wrappedScript(argv);
        if (shell.isPresent()) {
            return script(shell.get().script(), shell.get().errexit(), new LinkedHashMap<>());
        }
        for (int i = 1; i < argv.size(); i++) {
            if (SHELL_OPERATORS.contains(argv.get(i))) {
                // No shell runs it: the operator and what follows are arguments, sent to the server by redis-cli.
                Grade command = command(argv.subList(0, i), String.join(" ", argv.subList(0, i)), Map.of());
                Depth capped = command.depth().isAbove(Depth.PROTOCOL) ? Depth.PROTOCOL : command.depth();
                return command.because(capped, "the kubelet runs an exec argv without a shell, so \"" + argv.get(i) + "\" and what follows are "
                        + "arguments to " + argv.get(0) + ", not shell syntax: " + command.explanation() + "; wrap it in sh -c to get a pipe");
            }
        }
        return command(argv, String.join(" ", argv), Map.of());
    }

    /** A script's grade: the conjunction of every statement whose failure fails the probe (the last one always). */
    private Grade script(String script, boolean errexit, Map<String, String> defs) {
        List<List<Piece>> statements = statements(ShellSyntax.pieces(script));
        Grade guards = null;
        for (int i = 0; i < statements.size(); i++) {
            List<Piece> statement = statements.get(i);
            boolean last = i == statements.size() - 1;
            String text = statement.get(0).text();
            List<String> words = ShellSyntax.words(text);
            if (statement.size() == 1 && !words.isEmpty()) {
                if (words.get(0).equals("set")) {
                    errexit |= words.stream().anyMatch(w -> SET_ERREXIT.matcher(w).matches() || w.equals("errexit"));
                    continue;
                }
                if (words.get(0).equals("exit")) {
                    Grade exit = words.size() == 1 || words.get(1).equals("0")
                            ? Grade.always("\"exit" + (words.size() == 1 ? "" : " 0") + "\" ends the script with success whatever ran before it")
                            : Grade.never("\"" + text + "\" ends the script with a failure whatever the server does");
                    return guards == null ? exit : guards.and(exit);
                }
                Optional<Definition> definition = define(text, words, defs);
                if (definition.isPresent()) {
                    // var=$(cmd) under set -e fails the script when cmd fails: then it is a guard too
                    if (errexit && definition.get().substitution() != null) {
                        String inner = definition.get().substitution();
                        Grade grade = script(inner.substring(2, inner.length() - 1), true, defs);
                        guards = guards == null ? grade : guards.and(grade);
                    }
                    continue;
                }
                Optional<Grade> ifGuard = ifGuard(text, defs);
                if (ifGuard.isPresent()) {
                    guards = guards == null ? ifGuard.get() : guards.and(ifGuard.get());
                    continue;
                }
            }
            if (last || endsWithFailingExit(statement) || errexit && isPipeline(statement) && !text.startsWith("!")) {
                Grade grade = andOr(statement, defs);
                guards = guards == null ? grade : guards.and(grade);
            }
        }
        return guards == null ? Grade.always("no command's failure makes the script fail, so it proves nothing") : guards;
    }

    /** Pieces grouped into statements (a statement ends at ";" or a newline), empty ones dropped. */
    private static List<List<Piece>> statements(List<Piece> pieces) {
        List<List<Piece>> statements = new ArrayList<>();
        List<Piece> current = new ArrayList<>();
        for (Piece piece : pieces) {
            current.add(piece);
            if (!List.of("&&", "||", "|").contains(piece.operator())) {
                if (!(current.size() == 1 && piece.text().isEmpty())) {
                    statements.add(current);
                }
                current = new ArrayList<>();
            }
        }
        return statements;
    }

    /** A variable or function definition; {@code substitution} is the {@code $(...)} a plain assignment runs, or null. */
    private record Definition(String substitution) {
    }

    /** Records a variable or function definition for later statements; empty when the statement is neither. */
    private static Optional<Definition> define(String text, List<String> words, Map<String, String> defs) {
        Matcher function = FUNCTION.matcher(text);
        if (function.matches()) {
            defs.put(function.group(1), "{" + function.group(2) + "}");
            return Optional.of(new Definition(null));
        }
        boolean declared = words.get(0).equals("export") || words.get(0).equals("local");
        List<String> assignment = declared ? words.subList(1, words.size()) : words;
        if (assignment.isEmpty() || !assignment.stream().allMatch(w -> ASSIGNMENT.matcher(w).matches())) {
            return Optional.empty();
        }
        String substitution = null;
        for (String w : assignment) {
            Matcher m = ASSIGNMENT.matcher(w);
            m.matches();
            String value = inline(m.group(2), defs);
            defs.put(m.group(1), value);
            substitution = value.startsWith("$(") && value.endsWith(")") ? value : substitution;
        }
        // export/local return their own status, not the substitution's
        return Optional.of(new Definition(declared ? null : substitution));
    }

    /** {@code if C; then ...; exit 1; fi} fails the probe exactly when C holds: a guard that C does not. */
    private Optional<Grade> ifGuard(String text, Map<String, String> defs) {
        Matcher m = IF.matcher(text);
        if (!m.matches() || NESTED_IF.matcher(m.group(1)).find() || m.group(2).contains("elif")) {
            return Optional.empty();
        }
        boolean thenFails = EXITS_WITH_FAILURE.matcher(m.group(2)).find();
        boolean elseFails = m.group(3) != null && EXITS_WITH_FAILURE.matcher(m.group(3)).find();
        if (thenFails == elseFails) {
            return Optional.empty();
        }
        String healthy = thenFails ? negation(m.group(1)) : m.group(1);
        return Optional.of(andOr(statements(ShellSyntax.pieces(healthy)).get(0), defs));
    }

    /** The condition that holds exactly when C fails, by De Morgan: tests flip their operator, other pipelines get "!". */
    private static String negation(String condition) {
        StringBuilder out = new StringBuilder();
        boolean pipelineStart = true;
        for (Piece piece : ShellSyntax.pieces(condition)) {
            String text = piece.text();
            String negated;
            if (!pipelineStart) {
                negated = text;   // a pipeline is negated as a whole, by its first command
            } else if (text.startsWith("! ")) {
                negated = text.substring(2);
            } else if (TEST_COMMAND.matcher(text).lookingAt()) {
                Matcher op = COMPARISON.matcher(text);
                negated = op.find() ? text.substring(0, op.start(1)) + FLIPPED.get(op.group(1)) + text.substring(op.end(1)) : "! " + text;
            } else {
                negated = "! " + text;
            }
            String operator = switch (piece.operator()) {
                case "&&" -> " || ";
                case "||" -> " && ";
                case "|" -> " | ";
                default -> "";
            };
            out.append(negated).append(operator);
            pipelineStart = !piece.operator().equals("|");
        }
        return out.toString();
    }

    /** One pipeline, no && or ||: under set -e its failure ends the script (in an and-or list only the last one's would). */
    private static boolean isPipeline(List<Piece> statement) {
        return statement.stream().allMatch(p -> p.operator().equals("|") || p == statement.get(statement.size() - 1));
    }

    private static boolean endsWithFailingExit(List<Piece> statement) {
        return statement.size() > 1 && statement.get(statement.size() - 2).operator().equals("||")
                && EXITS_WITH_FAILURE.matcher(" " + statement.get(statement.size() - 1).text()).find();
    }

    /** A statement's pipelines joined by && (both must pass) and || (either may). */
    private Grade andOr(List<Piece> statement, Map<String, String> defs) {
        Grade grade = null;
        String operator = null;
        List<String> pipeline = new ArrayList<>();
        for (Piece piece : statement) {
            pipeline.add(piece.text());
            if (piece.operator().equals("|")) {
                continue;
            }
            Grade next = pipeline(pipeline, defs);
            grade = grade == null ? next : operator.equals("&&") ? grade.and(next) : grade.or(next);
            operator = piece.operator();
            pipeline = new ArrayList<>();
        }
        return grade;
    }

    private Grade pipeline(List<String> commands, Map<String, String> defs) {
        String first = commands.get(0);
        if (first.startsWith("!") && (first.length() == 1 || Character.isWhitespace(first.charAt(1)))) {
            List<String> inner = new ArrayList<>(commands);
            inner.set(0, first.substring(1).trim());
            Grade positive = pipeline(inner, defs);
            String shown = String.join(" | ", inner);
            return switch (positive.outcome()) {
                case ALWAYS -> Grade.never("\"! " + shown + "\" never passes");
                case NEVER -> Grade.always("\"! " + shown + "\" always passes");
                default -> Grade.of(Depth.NONE, "\"!\" inverts \"" + shown + "\": the probe passes exactly when that fails, as while the server"
                        + " is down or loading, and fails when it serves").withOtherPod(positive.otherPod());
            };
        }
        List<String> expanded = commands.stream().map(c -> inline(c, defs)).toList();
        if (expanded.size() == 1) {
            String text = expanded.get(0);
            boolean group = text.startsWith("(") && text.endsWith(")") || text.startsWith("{") && text.endsWith("}");
            return group ? script(text.substring(1, text.length() - 1), false, defs) : command(ShellSyntax.words(text), text, defs);
        }
        String text = String.join(" | ", expanded);
        if (rules.onlyOtherPods(expanded.get(0))) {
            return otherPodOnly(text);
        }
        return simulate(expanded).orElseGet(() -> text(text));
    }

    private Grade command(List<String> words, String text, Map<String, String> defs) {
        List<String> command = unwrapped(words);
        if (command.isEmpty()) {
            return text(text);
        }
        String name = ShellSyntax.baseName(command.get(0));
        Optional<Shell> shell = ShellSyntax.wrappedScript(command);
        if (shell.isPresent()) {
            return script(shell.get().script(), shell.get().errexit(), new LinkedHashMap<>(defs));
        }
        if (ALWAYS_SUCCEED.contains(name)) {
            return Grade.always("\"" + name + "\" always succeeds, so it proves nothing");
        }
        if (ALWAYS_FAIL.contains(name) || name.equals("exit") && command.size() > 1 && !command.get(1).equals("0")) {
            return Grade.never("\"" + String.join(" ", command) + "\" always fails");
        }
        if (name.equals("exit")) {
            return Grade.always("\"exit 0\" always succeeds");
        }
        if (rules.onlyOtherPods(text)) {
            return otherPodOnly(text);
        }
        return text(text);
    }

    /** The command a wrapper runs: {@code timeout -s 15 2 redis-cli ping} → {@code redis-cli ping}; assignments dropped. */
    private static List<String> unwrapped(List<String> words) {
        int i = 0;
        while (i < words.size()) {
            String w = words.get(i);
            String name = ShellSyntax.baseName(w);
            if (ASSIGNMENT.matcher(w).matches()) {
                i++;
            } else if (WRAPPERS.contains(name)) {
                i++;
                while (i < words.size() && (words.get(i).startsWith("-") || ASSIGNMENT.matcher(words.get(i)).matches())) {
                    // options with a value: timeout -s SIG / -k DURATION, env -u NAME
                    i += List.of("-s", "-k", "-u").contains(words.get(i)) ? 2 : 1;
                }
                if (name.equals("timeout")) {
                    i++;   // the duration
                }
            } else {
                break;
            }
        }
        return words.subList(Math.min(i, words.size()), words.size());
    }

    private Grade otherPodOnly(String text) {
        return Grade.of(Depth.NONE, "\"" + shorten(text) + "\" checks only another pod, not this server").withOtherPod(true);
    }

    /**
     * A pipeline of redis-cli PING/INFO into greps, followed through the observed replies in every server state. A CLI
     * told to send no password is left to the rules: the replies assume a client with the pod's password.
     */
    private Optional<Grade> simulate(List<String> commands) {
        if (DROPS_PASSWORD.matcher(commands.get(0)).find()) {
            return Optional.empty();
        }
        Optional<CliCall> cli = CliCall.parse(unwrapped(ShellSyntax.words(commands.get(0))), rules.cli());
        List<Grep> greps = new ArrayList<>();
        for (String command : commands.subList(1, commands.size())) {
            Optional<Grep> grep = Grep.parse(unwrapped(ShellSyntax.words(command)));
            if (grep.isEmpty()) {
                return Optional.empty();
            }
            greps.add(grep.get());
        }
        if (cli.isEmpty()) {
            return Optional.empty();
        }
        Map<ServerState, String> matched = new EnumMap<>(ServerState.class);
        for (ServerState state : ServerState.values()) {
            Optional<List<String>> stdout = rules.replies().stdout(state, cli.get().command());
            if (stdout.isEmpty()) {
                return Optional.empty();
            }
            List<String> lines = stdout.get();
            List<String> selected = List.of();
            for (Grep grep : greps) {
                selected = grep.select(lines);
                lines = grep.quiet() ? List.of() : selected;
            }
            if (!selected.isEmpty()) {
                matched.put(state, selected.get(0).strip());
            }
        }
        return Optional.of(fromOutcomes(matched, greps.get(greps.size() - 1).shown(), String.join(" ", cli.get().command())));
    }

    /** The depth a pipeline proves, from the states it passes in (those with a matched line). */
    private Grade fromOutcomes(Map<ServerState, String> matched, String grep, String command) {
        String observed = " (observed on " + rules.replies().observedOn() + ")";
        if (matched.containsKey(ServerState.STOPPED)) {
            return Grade.of(Depth.NONE, "\"" + grep + "\" passes even when no server answers");
        }
        if (!matched.containsKey(ServerState.SERVING) && !matched.containsKey(ServerState.REPLICA)) {
            return Grade.never("\"" + grep + "\" matches no line that " + command + " prints on a server that serves" + observed + ", so the probe never passes");
        }
        boolean replicaOnly = !matched.containsKey(ServerState.SERVING);
        for (ServerState state : List.of(ServerState.LOADING, ServerState.NOAUTH, ServerState.MASTERDOWN)) {
            if (matched.containsKey(state)) {
                String when = switch (state) {
                    case LOADING -> "while the dataset loads";
                    case NOAUTH -> "when the password is missing or wrong";
                    default -> "on a replica whose master is down";
                };
                return new Grade(Depth.PROTOCOL, "\"" + grep + "\" also matches \"" + matched.get(state) + "\" " + when + observed
                        + ", so it passes " + when + (matched.get(state).startsWith("async_") ? "; anchor the pattern (grep -q '^loading:0')" : ""),
                        Grade.Outcome.DEPENDS, replicaOnly, replicaOnly, null, false);
            }
        }
        String serves = replicaOnly ? "only on a replica whose link to its master is up, never on a master" : "only when the server serves";
        return new Grade(Depth.SERVING, "\"" + grep + "\" matches what " + command + " prints " + serves
                + ": not while loading, on NOAUTH or on MASTERDOWN" + observed, Grade.Outcome.DEPENDS, replicaOnly, replicaOnly, null, false);
    }

    /** The first exec rule that applies to the text, with the configuration facts it asserts. */
    private Grade text(String text) {
        boolean otherHost = rules.talksToOtherPod(text);
        Grade grade = null;
        for (ExecRule rule : rules.execRules()) {
            if (rule.appliesTo(text)) {
                grade = Grade.of(rule.depth(), rule.explanation()).withOtherPod(rule.dependsOnOtherPod() || otherHost);
                break;
            }
        }
        if (grade == null) {
            grade = Grade.unknown(UNKNOWN_EXPLANATION.formatted(shorten(text))).withOtherPod(otherHost);
        }
        return grade.withFacts(rules.configuration().assertedDataDir(text).orElse(null), rules.configuration().assertsAuthRequired(text));
    }

    /** The text with $var, ${var} and function calls replaced by what they stand for, so rules see what runs. */
    private static String inline(String text, Map<String, String> defs) {
        String result = text;
        for (Map.Entry<String, String> def : defs.entrySet()) {
            String name = Pattern.quote(def.getKey());
            String value = Matcher.quoteReplacement(def.getValue());
            result = result.replaceAll("\\$\\{" + name + "}|\\$" + name + "\\b", value);
            if (def.getValue().startsWith("{")) {
                result = result.replaceAll("(?<![\\w$-])" + name + "(?![\\w-])", value);
            }
        }
        return result;
    }

    private static String shorten(String text) {
        String flat = WHITESPACE.matcher(text).replaceAll(" ").trim();
        return flat.length() > 40 ? flat.substring(0, 39) + "…" : flat;
    }
}
