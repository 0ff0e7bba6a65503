package io.rdbguard.data;

import io.rdbguard.core.probe.Classification;
import io.rdbguard.core.probe.ConfigurationRules;
import io.rdbguard.core.probe.Depth;
import io.rdbguard.core.probe.ExecRule;
import io.rdbguard.core.probe.HttpPathRule;
import io.rdbguard.core.probe.ProbeClassifier;
import io.rdbguard.core.probe.ProbeExample;
import io.rdbguard.core.probe.ProbeRules;
import io.rdbguard.core.probe.ProbeRules.NamedExamples;
import io.rdbguard.core.probe.ServerContext;
import io.rdbguard.core.workload.Probe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Loads the probe rules: the built-in {@value #BUILT_IN} resource, optionally merged with a cluster admin's file of
 * the same shape. Admin exec and http rules are tried before the built-ins; admin vocabulary, local hosts and host
 * patterns are added; an admin configuration section or master-variable pattern replaces the built-in one. Every
 * exec rule (and every rule that lives in code, under builtIn) carries examples, graded here as they claim.
 */
public final class ProbeRulesLoader {

    public static final String BUILT_IN = "rdb-guard/probe-rules.yaml";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][\\w-]*)}");

    private ProbeRulesLoader() {
    }

    /** The built-in rules alone. */
    public static ProbeRules builtIn() throws ConfigurationException {
        return compile(readBuiltIn(), null);
    }

    /** The built-in rules with the admin's file merged in (its rules first). */
    public static ProbeRules withAdminFile(Path adminFile) throws ConfigurationException {
        RulesFile admin;
        try (InputStream in = Files.newInputStream(adminFile)) {
            admin = read(adminFile.toString(), in);
        } catch (IOException e) {
            throw new ConfigurationException("probe rules file " + adminFile + " cannot be read (" + e + "); "
                    + "check the path and that the file is mounted readable", e);
        }
        return compile(readBuiltIn(), new Admin(new Source(adminFile.toString()), admin == null ? RulesFile.EMPTY : admin));
    }

    private record Admin(Source source, RulesFile file) {
    }

    private static RulesFile readBuiltIn() throws ConfigurationException {
        try (InputStream in = ProbeRulesLoader.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the built-in probe rules " + BUILT_IN + " are missing from the classpath");
            }
            return Objects.requireNonNull(read("built-in " + BUILT_IN, in), "the built-in probe rules are empty");
        } catch (IOException e) {
            throw new IllegalStateException("the built-in probe rules " + BUILT_IN + " cannot be read", e);
        }
    }

    /** The file's content, or null when it is empty (only comments, for instance). */
    private static RulesFile read(String name, InputStream in) throws IOException, ConfigurationException {
        String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return YamlFiles.read("probe rules file " + name, text, RulesFile.class, BUILT_IN + " in rdb-guard").orElse(null);
    }

    private static ProbeRules compile(RulesFile builtIn, Admin admin) throws ConfigurationException {
        Source base = new Source("built-in " + BUILT_IN);
        Map<String, String> vocabulary = base.vocabulary(builtIn.vocabulary(), Map.of());
        ExecSection exec = base.require(builtIn.exec(), "exec");
        OtherPod otherPod = base.require(exec.otherPod(), "exec.otherPod");
        Source configurationSource = base;
        Configuration configuration = base.require(exec.configuration(), "exec.configuration");
        List<ExecRule> execRules = new ArrayList<>();
        Map<String, String> origin = new HashMap<>();   // rule name → the file it comes from, for messages
        List<HttpPathRule> httpRules = new ArrayList<>();
        List<Pattern> hostPatterns = new ArrayList<>();
        Set<String> localHosts = new HashSet<>(base.require(otherPod.localHosts(), "exec.otherPod.localHosts"));
        Source masterVariableSource = base;
        String masterVariable = base.require(otherPod.masterVariable(), "exec.otherPod.masterVariable");

        if (admin != null) {
            Source source = admin.source();
            RulesFile file = admin.file();
            vocabulary = source.vocabulary(file.vocabulary(), vocabulary);
            ExecSection adminExec = file.exec() == null ? ExecSection.EMPTY : file.exec();
            execRules.addAll(source.execRules(adminExec.rules(), vocabulary));
            execRules.forEach(r -> origin.put(r.name(), source.name()));
            httpRules.addAll(source.httpRules(file.http() == null ? null : file.http().rules()));
            if (adminExec.configuration() != null) {
                configuration = adminExec.configuration();
                configurationSource = source;
            }
            if (adminExec.otherPod() != null) {
                OtherPod extra = adminExec.otherPod();
                localHosts.addAll(extra.localHosts() == null ? List.of() : extra.localHosts());
                hostPatterns.addAll(source.hostPatterns(extra.hostPatterns(), vocabulary));
                if (extra.masterVariable() != null) {
                    masterVariable = extra.masterVariable();
                    masterVariableSource = source;
                }
            }
        }
        execRules.addAll(base.execRules(base.require(exec.rules(), "exec.rules"), vocabulary));
        execRules.forEach(r -> origin.putIfAbsent(r.name(), base.name()));
        httpRules.addAll(base.httpRules(base.require(builtIn.http(), "http").rules()));
        hostPatterns.addAll(base.hostPatterns(base.require(otherPod.hostPatterns(), "exec.otherPod.hostPatterns"), vocabulary));
        List<NamedExamples> builtInExamples = base.builtInExamples(base.require(builtIn.builtIn(), "builtIn"));
        ProbeRules rules = new ProbeRules(execRules,
                configurationSource.configuration(configuration, vocabulary),
                base.pattern(base.require(vocabulary.get("cli"), "vocabulary.cli"), Map.of(), "vocabulary.cli"),
                hostPatterns,
                localHosts,
                masterVariableSource.pattern(masterVariable, vocabulary, "exec.otherPod.masterVariable"),
                ServerRepliesLoader.builtIn(),
                httpRules,
                builtInExamples);
        // An admin file is checked for its own claims; its rules may shadow built-in ones, whose claims hold without it.
        if (admin != null) {
            origin.values().removeIf(file -> !file.equals(admin.source().name()));
        }
        verifyExamples(rules, origin);
        return rules;
    }

    /**
     * Every example must be graded as its rule claims, for the example pod; a rule whose examples disagree with the
     * classifier is a configuration error (the truth suite then checks the same claims against real servers).
     */
    private static void verifyExamples(ProbeRules rules, Map<String, String> origin) throws ConfigurationException {
        ProbeClassifier classifier = new ProbeClassifier(rules);
        Map<String, List<ProbeExample>> byRule = new LinkedHashMap<>();
        rules.execRules().stream().filter(r -> origin.containsKey(r.name())).forEach(r -> byRule.putIfAbsent(r.name(), r.examples()));
        if (origin.containsValue("built-in " + BUILT_IN)) {
            rules.builtInExamples().forEach(r -> byRule.put(r.name(), r.examples()));
        }
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, List<ProbeExample>> rule : byRule.entrySet()) {
            for (int i = 0; i < rule.getValue().size(); i++) {
                ProbeExample example = rule.getValue().get(i);
                Probe probe = new Probe(new Probe.Exec(example.command()), 0, Probe.DEFAULT_PERIOD_SECONDS, Probe.DEFAULT_TIMEOUT_SECONDS,
                        Probe.DEFAULT_FAILURE_THRESHOLD);
                Classification graded = classifier.classify(probe, ServerContext.EXAMPLE);
                if (graded.depth() != example.depth()) {
                    wrong.add("probe rules file " + origin.getOrDefault(rule.getKey(), "built-in " + BUILT_IN) + ": rule \"" + rule.getKey() + "\" example " + (i + 1)
                            + " " + example.command() + " claims depth " + example.depth().describe() + ", but rdb-guard grades it "
                            + graded.depth().describe() + " (" + graded.explanation() + "); fix the rule or the claim");
                }
            }
        }
        if (!wrong.isEmpty()) {
            throw new ConfigurationException(String.join("\n", wrong), null);
        }
    }

    /** One file being compiled: every problem is reported with its name and the entry's path. */
    private record Source(String name) {

        Map<String, String> vocabulary(Map<String, Term> terms, Map<String, String> known) throws ConfigurationException {
            Map<String, String> vocabulary = new LinkedHashMap<>(known);
            if (terms == null) {
                return vocabulary;
            }
            for (Map.Entry<String, Term> entry : terms.entrySet()) {
                String where = "vocabulary." + entry.getKey();
                if (vocabulary.containsKey(entry.getKey())) {
                    throw invalid(where, "{" + entry.getKey() + "} is already defined by the built-in rules", "choose another name");
                }
                Term term = require(entry.getValue(), where);
                require(term.source(), where + ".source");
                String expanded = expand(require(term.pattern(), where + ".pattern"), vocabulary, where + ".pattern");
                pattern(expanded, vocabulary, where + ".pattern");
                vocabulary.put(entry.getKey(), expanded);
            }
            return vocabulary;
        }

        List<ExecRule> execRules(List<ExecRuleRow> rows, Map<String, String> vocabulary) throws ConfigurationException {
            List<ExecRule> rules = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; rows != null && i < rows.size(); i++) {
                ExecRuleRow row = require(rows.get(i), "exec.rules[" + i + "]");
                String where = "exec.rules[" + i + "]" + (row.name() == null ? "" : " (\"" + row.name() + "\")");
                require(row.name(), where + " name");
                if (!names.add(row.name())) {
                    throw invalid(where, "the name \"" + row.name() + "\" is used twice", "give each rule its own name");
                }
                if (row.match() == null || row.match().isEmpty()) {
                    throw invalid(where, "match is missing", "list at least one pattern the script must contain");
                }
                rules.add(new ExecRule(row.name(),
                        patterns(row.match(), vocabulary, where + " match"),
                        patterns(row.unless() == null ? List.of() : row.unless(), vocabulary, where + " unless"),
                        depth(row.depth(), where),
                        Boolean.TRUE.equals(row.dependsOnOtherPod()),
                        require(row.explanation(), where + " explanation"),
                        require(row.source(), where + " source"),
                        examples(row.examples(), where)));
            }
            return rules;
        }

        /** The examples of the rules that live in code, checked like every other rule's. */
        List<NamedExamples> builtInExamples(List<BuiltInRow> rows) throws ConfigurationException {
            List<NamedExamples> result = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                BuiltInRow row = require(rows.get(i), "builtIn[" + i + "]");
                String where = "builtIn[" + i + "]" + (row.name() == null ? "" : " (\"" + row.name() + "\")");
                result.add(new NamedExamples(require(row.name(), where + " name"), require(row.explanation(), where + " explanation"),
                        examples(row.examples(), where)));
            }
            return result;
        }

        private List<ProbeExample> examples(List<ExampleRow> rows, String where) throws ConfigurationException {
            if (rows == null || rows.isEmpty()) {
                throw invalid(where, "examples is missing", "list at least one {command: [...], depth: ...} this rule grades, "
                        + "so its claim can be checked against a real server (see " + BUILT_IN + ")");
            }
            List<ProbeExample> examples = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                String at = where + " examples[" + i + "]";
                ExampleRow row = require(rows.get(i), at);
                if (row.command() == null || row.command().isEmpty()) {
                    throw invalid(at, "command is missing", "give the probe's exec command as a list, e.g. [sh, -c, 'redis-cli ping']");
                }
                examples.add(new ProbeExample(row.command(), depth(row.depth(), at), row.notRun()));
            }
            return examples;
        }

        ConfigurationRules configuration(Configuration c, Map<String, String> vocabulary) throws ConfigurationException {
            String where = "exec.configuration";
            require(c.source(), where + ".source");
            Pattern dataDir = pattern(c.dataDir(), vocabulary, where + ".dataDir");
            if (!dataDir.pattern().contains("(?<dir>")) {
                throw invalid(where + ".dataDir", "the pattern has no (?<dir>...) group", "capture the asserted directory in a group named dir");
            }
            return new ConfigurationRules(dataDir, pattern(c.authRequired(), vocabulary, where + ".authRequired"),
                    pattern(c.passwordEnv(), vocabulary, where + ".passwordEnv"), pattern(c.passwordMount(), vocabulary, where + ".passwordMount"));
        }

        List<HttpPathRule> httpRules(List<HttpRuleRow> rows) throws ConfigurationException {
            List<HttpPathRule> rules = new ArrayList<>();
            for (int i = 0; rows != null && i < rows.size(); i++) {
                HttpRuleRow row = require(rows.get(i), "http.rules[" + i + "]");
                String where = "http.rules[" + i + "]" + (row.name() == null ? "" : " (\"" + row.name() + "\")");
                rules.add(new HttpPathRule(require(row.name(), where + " name"),
                        pattern(require(row.path(), where + " path"), Map.of(), where + " path"),
                        depth(row.depth(), where),
                        require(row.explanation(), where + " explanation"),
                        require(row.source(), where + " source")));
            }
            return rules;
        }

        List<Pattern> hostPatterns(List<String> texts, Map<String, String> vocabulary) throws ConfigurationException {
            List<Pattern> patterns = texts == null ? List.of() : patterns(texts, vocabulary, "exec.otherPod.hostPatterns");
            for (int i = 0; i < patterns.size(); i++) {
                if (!patterns.get(i).pattern().contains("(?<host>")) {
                    throw invalid("exec.otherPod.hostPatterns[" + i + "]", "the pattern has no (?<host>...) group",
                            "capture the host name in a group named host");
                }
            }
            return patterns;
        }

        private List<Pattern> patterns(List<String> texts, Map<String, String> vocabulary, String where) throws ConfigurationException {
            List<Pattern> patterns = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                patterns.add(pattern(texts.get(i), vocabulary, where + "[" + i + "]"));
            }
            return patterns;
        }

        Pattern pattern(String text, Map<String, String> vocabulary, String where) throws ConfigurationException {
            String expanded = expand(require(text, where), vocabulary, where);
            try {
                return Pattern.compile(expanded);
            } catch (PatternSyntaxException e) {
                throw invalid(where, "invalid regular expression: " + e.getDescription() + " near index " + e.getIndex()
                        + " of " + text, "fix the pattern (Java regex syntax; escape { as \\{)");
            }
        }

        private String expand(String text, Map<String, String> vocabulary, String where) throws ConfigurationException {
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String term = vocabulary.get(m.group(1));
                if (term == null) {
                    throw invalid(where, "unknown placeholder {" + m.group(1) + "}",
                            "use one of " + vocabulary.keySet().stream().map(k -> "{" + k + "}").collect(Collectors.joining(", "))
                                    + " or define it under vocabulary");
                }
                m.appendReplacement(out, Matcher.quoteReplacement("(?:" + term + ")"));
            }
            m.appendTail(out);
            return out.toString();
        }

        private Depth depth(String label, String where) throws ConfigurationException {
            return Depth.parse(require(label, where + " depth")).orElseThrow(() -> invalid(where,
                    "depth \"" + label + "\" is not a depth", "use one of " + Depth.choices()));
        }

        <T> T require(T value, String where) throws ConfigurationException {
            if (value == null || value instanceof String s && s.isBlank()) {
                throw invalid(where, "is missing", "every rule needs name, match/path, depth, explanation, source and (exec rules) examples");
            }
            return value;
        }

        ConfigurationException invalid(String where, String problem, String fix) {
            return new ConfigurationException("probe rules file " + name + ": " + where + ": " + problem + "; " + fix, null);
        }
    }



    // The file's shape. Records keep the mapping obvious; every field is optional here and checked above.
    record RulesFile(Map<String, Term> vocabulary, ExecSection exec, HttpSection http, List<BuiltInRow> builtIn) {
        static final RulesFile EMPTY = new RulesFile(null, null, null, null);
    }

    record Term(String pattern, String source) {
    }

    record ExecSection(Configuration configuration, OtherPod otherPod, List<ExecRuleRow> rules) {
        static final ExecSection EMPTY = new ExecSection(null, null, null);
    }

    record Configuration(String dataDir, String authRequired, String passwordEnv, String passwordMount, String source) {
    }

    record ExampleRow(List<String> command, String depth, String notRun) {
    }

    record BuiltInRow(String name, String explanation, List<ExampleRow> examples) {
    }

    record OtherPod(List<String> hostPatterns, List<String> localHosts, String masterVariable, String source) {
    }

    record ExecRuleRow(String name, List<String> match, List<String> unless, String depth, Boolean dependsOnOtherPod,
                       String explanation, String source, List<ExampleRow> examples) {
    }

    record HttpSection(List<HttpRuleRow> rules) {
    }

    record HttpRuleRow(String name, String path, String depth, String explanation, String source) {
    }
}
