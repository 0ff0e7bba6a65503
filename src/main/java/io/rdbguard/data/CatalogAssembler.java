package io.rdbguard.data;

import com.fasterxml.jackson.databind.JsonNode;
import io.rdbguard.core.redis.Catalog;
import io.rdbguard.core.redis.CatalogRepository;
import io.rdbguard.core.redis.DigestPin;
import io.rdbguard.core.redis.Family;
import io.rdbguard.core.redis.Format;
import io.rdbguard.core.redis.FormatFlag;
import io.rdbguard.core.redis.FormatRange;
import io.rdbguard.core.redis.IgnoredRepository;
import io.rdbguard.core.redis.ImageDefaults;
import io.rdbguard.core.redis.KnownRepository;
import io.rdbguard.core.redis.LoadRule;
import io.rdbguard.core.redis.ReleaseLine;
import io.rdbguard.core.redis.RoleRule;
import io.rdbguard.core.redis.RoleRules;
import io.rdbguard.core.redis.TagGrammar;
import io.rdbguard.core.redis.TagGrammar.TagPattern;
import io.rdbguard.data.CatalogFile.DigestRow;
import io.rdbguard.data.CatalogFile.FamilyRow;
import io.rdbguard.data.CatalogFile.FormatFlagRow;
import io.rdbguard.data.CatalogFile.FormatRow;
import io.rdbguard.data.CatalogFile.GrammarRow;
import io.rdbguard.data.CatalogFile.IgnoredRow;
import io.rdbguard.data.CatalogFile.LineRow;
import io.rdbguard.data.CatalogFile.PatternRow;
import io.rdbguard.data.CatalogFile.RepositoryRow;
import io.rdbguard.data.CatalogFile.RoleRuleRow;
import io.rdbguard.data.CatalogFile.RolesRow;
import io.rdbguard.data.CatalogFile.RunsRow;
import io.rdbguard.core.workload.ContainerRole;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns catalog files, in order (built-in first, then the admin's extension), into one {@link Catalog}, checking
 * every row as it goes so that a mistake is reported in the file and at the place where it was made.
 */
final class CatalogAssembler {

    private static final Pattern REPOSITORY_PATH = Pattern.compile("[a-z0-9.-]+(?::\\d+)?(?:/[a-z0-9._-]+)+");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-f0-9]{32,}");
    private static final Pattern LINE = Pattern.compile("\\d+\\.\\d+");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+.*");

    private final Map<String, String> magics = new LinkedHashMap<>();
    private final Map<String, String> foreignReaders = new LinkedHashMap<>();
    private final Map<String, Family> families = new LinkedHashMap<>();
    private final Map<String, TagGrammar> grammars = new LinkedHashMap<>();
    /** Repositories by path, with the file each came from, so that a duplicate can say where the first one is. */
    private final Map<String, CatalogRepository> repositories = new LinkedHashMap<>();
    private final Map<String, String> repositoryFiles = new LinkedHashMap<>();
    private final Map<String, ReleaseLine> lines = new LinkedHashMap<>();
    private final Map<String, DigestPin> digests = new LinkedHashMap<>();
    private RoleRules roles = RoleRules.NONE;

    Catalog catalog() {
        return new Catalog(List.copyOf(families.values()), List.copyOf(lines.values()),
                List.copyOf(repositories.values()), List.copyOf(digests.values()), roles, foreignReaders);
    }

    void add(String file, CatalogFile content) throws ConfigurationException {
        Rows rows = new Rows(file);
        for (int i = 0; i < size(content.formats()); i++) {
            addFormat(rows, "formats[" + i + "]", content.formats().get(i));
        }
        for (int i = 0; i < size(content.families()); i++) {
            addFamily(rows, "families[" + i + "]", content.families().get(i));
        }
        for (int i = 0; i < size(content.tagGrammars()); i++) {
            addGrammar(rows, "tagGrammars[" + i + "]", content.tagGrammars().get(i));
        }
        if (content.roles() != null) {
            roles = roles.with(roles(rows, "roles", content.roles()));
        }
        for (int i = 0; i < size(content.repositories()); i++) {
            addRepository(rows, "repositories[" + i + "]", content.repositories().get(i));
        }
        for (int i = 0; i < size(content.ignored()); i++) {
            addIgnored(rows, "ignored[" + i + "]", content.ignored().get(i));
        }
        for (int i = 0; i < size(content.lines()); i++) {
            addLines(rows, "lines[" + i + "]", content.lines().get(i));
        }
        for (int i = 0; i < size(content.digests()); i++) {
            addDigest(rows, "digests[" + i + "]", content.digests().get(i));
        }
    }

    private void addFormat(Rows rows, String at, FormatRow row) throws ConfigurationException {
        rows.require(row, at, "a format row needs magic and source");
        String magic = rows.require(row.magic(), at + ".magic", "name the magic, e.g. REDIS");
        rows.requireSource(row.source(), at);
        if (!magic.matches("[A-Z]{1,8}")) {
            throw rows.error(at + ".magic", "\"" + magic + "\" is not a magic; write 1 to 8 capital letters, e.g. VALKEY");
        }
        if (magics.putIfAbsent(magic, row.source()) != null) {
            throw rows.error(at + ".magic", "the magic " + magic + " is already declared; remove this row");
        }
        if (row.foreignReader() != null) {
            foreignReaders.put(magic, row.foreignReader());
        }
    }

    private void addFamily(Rows rows, String at, FamilyRow row) throws ConfigurationException {
        rows.require(row, at, "a family row needs id, name, cli, port and source");
        String id = rows.require(row.id(), at + ".id", "give the family a lower-case id, e.g. valkey");
        String name = rows.require(row.name(), at + ".name", "give the family the name messages use, e.g. Valkey");
        String cli = rows.require(row.cli(), at + ".cli", "name the command-line client the images ship, e.g. redis-cli");
        Integer port = rows.require(row.port(), at + ".port", "give the server's default port, e.g. 6379");
        rows.requireSource(row.source(), at);
        if (port < 1 || port > 65535) {
            throw rows.error(at + ".port", port + " is not a TCP port; write 1 to 65535, e.g. 6379");
        }
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw rows.error(at + ".id", "\"" + id + "\" is not a family id; use lower-case letters, digits and '-'");
        }
        if (families.putIfAbsent(id, new Family(id, name, cli, port, row.source())) != null) {
            throw rows.error(at + ".id", "the family " + id + " is already declared; remove this row");
        }
    }

    private void addGrammar(Rows rows, String at, GrammarRow row) throws ConfigurationException {
        rows.require(row, at, "a tag grammar needs name, pinnedExample, patterns and source");
        String name = rows.require(row.name(), at + ".name", "name the grammar so repositories can refer to it");
        String example = rows.require(row.pinnedExample(), at + ".pinnedExample",
                "give a tag that pins a release, e.g. 7.2.4; fixes suggest it");
        rows.requireSource(row.source(), at);
        if (grammars.containsKey(name)) {
            throw rows.error(at + ".name", "the tag grammar " + name + " already exists; choose another name");
        }
        if (row.patterns() == null || row.patterns().isEmpty()) {
            throw rows.error(at + ".patterns", "a grammar needs at least one pattern (regex, pinned, meaning)");
        }
        List<TagPattern> patterns = new ArrayList<>();
        for (int i = 0; i < row.patterns().size(); i++) {
            patterns.add(pattern(rows, at + ".patterns[" + i + "]", row.patterns().get(i)));
        }
        TagGrammar grammar = new TagGrammar(name, example, patterns, row.source());
        if (grammar.match(example).filter(m -> m.pattern().pinned()).isEmpty()) {
            throw rows.error(at + ".pinnedExample", "\"" + example
                    + "\" is not matched by a pinned pattern of this grammar; give a tag that the grammar pins");
        }
        grammars.put(name, grammar);
    }

    private static TagPattern pattern(Rows rows, String at, PatternRow row) throws ConfigurationException {
        rows.require(row, at, "a pattern needs regex, pinned and meaning");
        String regex = rows.require(row.regex(), at + ".regex", "write the tag form as a regular expression");
        Boolean pinned = rows.require(row.pinned(), at + ".pinned",
                "say whether the tag names one release (true) or moves (false)");
        String meaning = rows.require(row.meaning(), at + ".meaning",
                "say what the tag form means, e.g. \"names one release\"; messages quote it");
        Pattern compiled;
        try {
            compiled = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw rows.error(at + ".regex", "the regular expression does not compile (" + e.getDescription()
                    + " near index " + e.getIndex() + "); fix it, Java regex syntax, e.g. ^(?<version>\\d+\\.\\d+\\.\\d+)$");
        }
        TagPattern pattern = new TagPattern(compiled, pinned, meaning);
        if (pinned && !pattern.capturesVersion()) {
            throw rows.error(at + ".regex", "a pinned pattern must capture the version in a group named "
                    + TagGrammar.VERSION_GROUP + ", e.g. ^(?<version>\\d+\\.\\d+\\.\\d+)$");
        }
        return pattern;
    }

    private void addRepository(Rows rows, String at, RepositoryRow row) throws ConfigurationException {
        rows.require(row, at, "a repository row needs path, family, tags and source");
        String path = repositoryPath(rows, at, row.path());
        Family family = family(rows, at + ".family", row.family());
        String tags = rows.require(row.tags(), at + ".tags", "name a tag grammar, one of " + grammars.keySet());
        TagGrammar grammar = grammars.get(tags);
        if (grammar == null) {
            throw rows.error(at + ".tags", "unknown tag grammar \"" + tags + "\"; use one of " + grammars.keySet()
                    + " or declare it under tagGrammars");
        }
        rows.requireSource(row.source(), at);
        boolean verified = verified(rows, at, row.verified(), row.note());
        addRepositoryPath(rows, at, path, new KnownRepository(path, family, grammar, row.source(), verified, row.note(),
                runs(rows, at + ".runs", row.runs())));
    }

    private void addIgnored(Rows rows, String at, IgnoredRow row) throws ConfigurationException {
        rows.require(row, at, "an ignored row needs path, role, reason and source");
        String path = repositoryPath(rows, at, row.path());
        ContainerRole role = role(rows, at + ".role", row.role());
        if (role == ContainerRole.DATASTORE) {
            throw rows.error(at + ".role", "an ignored image holds no dataset; a datastore image belongs under repositories");
        }
        String reason = rows.require(row.reason(), at + ".reason",
                "say why the image holds no dataset, e.g. \"a Prometheus exporter reads metrics\"");
        rows.requireSource(row.source(), at);
        addRepositoryPath(rows, at, path, new IgnoredRepository(path, role, reason, row.source(),
                runs(rows, at + ".runs", row.runs())));
    }

    private static ImageDefaults runs(Rows rows, String at, RunsRow row) throws ConfigurationException {
        if (row == null) {
            return null;
        }
        rows.requireSource(row.source(), at);
        if ((row.entrypoint() == null || row.entrypoint().isEmpty()) && (row.cmd() == null || row.cmd().isEmpty())) {
            throw rows.error(at, "give the image's ENTRYPOINT and/or CMD as lists, e.g. entrypoint: [docker-entrypoint.sh],"
                    + " cmd: [redis-server]");
        }
        return new ImageDefaults(words(rows, at + ".entrypoint", row.entrypoint()), words(rows, at + ".cmd", row.cmd()),
                row.source());
    }

    private static RoleRules roles(Rows rows, String at, RolesRow row) throws ConfigurationException {
        List<RoleRule> rules = new ArrayList<>();
        for (int i = 0; i < size(row.rules()); i++) {
            String place = at + ".rules[" + i + "]";
            RoleRuleRow rule = rows.require(row.rules().get(i), place, "a role rule needs role, programs and source");
            ContainerRole role = role(rows, place + ".role", rule.role());
            if (rule.programs() == null || rule.programs().isEmpty()) {
                throw rows.error(place + ".programs", "list the programs that mean this role, e.g. [redis-sentinel]");
            }
            rows.requireSource(rule.source(), place);
            rules.add(new RoleRule(role, words(rows, place + ".programs", rule.programs()),
                    words(rows, place + ".arguments", rule.arguments()), rule.source()));
        }
        return new RoleRules(words(rows, at + ".shells", row.shells()), words(rows, at + ".wrappers", row.wrappers()), rules);
    }

    private static ContainerRole role(Rows rows, String at, String label) throws ConfigurationException {
        List<String> labels = Arrays.stream(ContainerRole.values()).map(ContainerRole::label).toList();
        rows.require(label, at, "name a role, one of " + labels);
        return Arrays.stream(ContainerRole.values()).filter(r -> r.label().equals(label)).findFirst()
                .orElseThrow(() -> rows.error(at, "unknown role \"" + label + "\"; use one of " + labels));
    }

    /** A list of words; an empty entry (a stray comma in YAML) is an error, not silently dropped. */
    private static List<String> words(Rows rows, String at, List<String> words) throws ConfigurationException {
        if (words == null) {
            return List.of();
        }
        for (int i = 0; i < words.size(); i++) {
            rows.require(words.get(i), at + "[" + i + "]", "write a word, or remove the empty entry");
        }
        return words;
    }

    private void addRepositoryPath(Rows rows, String at, String path, CatalogRepository repository)
            throws ConfigurationException {
        CatalogRepository existing = repositories.get(path);
        if (existing != null) {
            String where = repositoryFiles.get(path);
            if (existing.getClass() != repository.getClass()) {
                throw rows.error(at + ".path", path + " cannot be both a datastore repository and ignored (the other row"
                        + " is in " + where + "); keep one of the two rows");
            }
            throw rows.error(at + ".path", path + " is already in the catalog (" + where + "); remove this row");
        }
        repositories.put(path, repository);
        repositoryFiles.put(path, rows.file());
    }

    private static String repositoryPath(Rows rows, String at, String path) throws ConfigurationException {
        rows.require(path, at + ".path", "write the repository with its registry, e.g. docker.io/bitnami/redis");
        String registry = path.contains("/") ? path.substring(0, path.indexOf('/')) : "";
        boolean hasRegistry = registry.contains(".") || registry.contains(":") || registry.equals("localhost");
        if (!REPOSITORY_PATH.matcher(path).matches() || !hasRegistry) {
            throw rows.error(at + ".path", "\"" + path + "\" is not a repository path with a registry and no tag;"
                    + " write it in full, e.g. docker.io/bitnami/redis or registry.corp:5000/platform/cache");
        }
        return path;
    }

    private void addLines(Rows rows, String at, LineRow row) throws ConfigurationException {
        rows.require(row, at, "a release-line row needs family, lines, writes, reads and source");
        Family family = family(rows, at + ".family", row.family());
        if (row.lines() == null || row.lines().isEmpty()) {
            throw rows.error(at + ".lines", "list the release lines this row describes, quoted, e.g. [\"7.2\"]");
        }
        Format writes = format(rows, at + ".writes",
                rows.require(row.writes(), at + ".writes", "give the header the line writes, e.g. REDIS0011"));
        if (row.reads() == null || row.reads().isEmpty()) {
            throw rows.error(at + ".reads", "list the formats the line loads, e.g. [REDIS0001..REDIS0011]");
        }
        LoadRule rule = new LoadRule(ranges(rows, at + ".reads", row.reads()),
                ranges(rows, at + ".relaxedReads", row.relaxedReads() == null ? List.of() : row.relaxedReads()));
        rows.requireSource(row.source(), at);
        boolean verified = verified(rows, at, row.verified(), row.note());
        if (!rule.canRead(writes)) {
            throw rows.error(at + ".reads", "the line cannot read " + writes + ", the format it writes; add it to reads");
        }
        FormatFlag flag = formatFlag(rows, at + ".formatFlag", row.formatFlag(), rule);
        for (int i = 0; i < row.lines().size(); i++) {
            String line = rows.quoted(row.lines().get(i), at + ".lines[" + i + "]", "\"8.10\"");
            if (!LINE.matcher(line).matches()) {
                throw rows.error(at + ".lines[" + i + "]", "\"" + line
                        + "\" is not a release line; write major.minor in quotes, e.g. \"8.10\"");
            }
            ReleaseLine releaseLine = new ReleaseLine(family, line, writes, rule, row.source(), verified, row.note(), flag);
            if (lines.putIfAbsent(family.id() + " " + line, releaseLine) != null) {
                throw rows.error(at + ".lines[" + i + "]", releaseLine.displayName()
                        + " is already in the catalog; each line appears once");
            }
        }
    }

    private FormatFlag formatFlag(Rows rows, String at, FormatFlagRow row, LoadRule rule) throws ConfigurationException {
        if (row == null) {
            return null;
        }
        String flag = rows.require(row.flag(), at + ".flag", "name the server flag, e.g. df_snapshot_format");
        Format whenOff = format(rows, at + ".whenOff",
                rows.require(row.whenOff(), at + ".whenOff", "give the header the line writes with the flag off, e.g. REDIS0009"));
        rows.requireSource(row.source(), at);
        if (!rule.canRead(whenOff)) {
            throw rows.error(at + ".whenOff", "the line cannot read " + whenOff + ", which it writes with the flag off; add it to reads");
        }
        return new FormatFlag(flag, row.envPrefix(), whenOff, row.source());
    }

    private void addDigest(Rows rows, String at, DigestRow row) throws ConfigurationException {
        rows.require(row, at, "a digest row needs digest, version and source");
        String digest = rows.require(row.digest(), at + ".digest", "give the image digest, e.g. sha256:<64 hex digits>");
        String version = rows.quoted(row.version(), at + ".version", "\"7.2.4\"");
        rows.requireSource(row.source(), at);
        if (!DIGEST.matcher(digest).matches()) {
            throw rows.error(at + ".digest", "\"" + digest + "\" is not an image digest; write e.g. sha256:<64 hex digits>");
        }
        if (!VERSION.matcher(version).matches()) {
            throw rows.error(at + ".version", "\"" + version + "\" is not a version; write e.g. 7.2.4 (quoted)");
        }
        if (digests.putIfAbsent(digest, new DigestPin(digest, version, row.source())) != null) {
            throw rows.error(at + ".digest", digest + " is pinned twice; keep one row");
        }
    }

    private Family family(Rows rows, String at, String id) throws ConfigurationException {
        rows.require(id, at, "name a family, one of " + families.keySet());
        Family family = families.get(id);
        if (family == null) {
            throw rows.error(at, "unknown family \"" + id + "\"; use one of " + families.keySet()
                    + " or declare it under families");
        }
        return family;
    }

    private static boolean verified(Rows rows, String at, Boolean verified, String note) throws ConfigurationException {
        if (Boolean.FALSE.equals(verified) && (note == null || note.isBlank())) {
            throw rows.error(at + ".note", "an unverified row needs a note saying what was not checked");
        }
        return !Boolean.FALSE.equals(verified);
    }

    private List<FormatRange> ranges(Rows rows, String at, List<String> texts) throws ConfigurationException {
        List<FormatRange> ranges = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String place = at + "[" + i + "]";
            String text = rows.require(texts.get(i), place, "write a format or a range, e.g. REDIS0001..REDIS0011");
            String[] ends = text.split("\\.\\.", -1);
            if (ends.length > 2) {
                throw rows.error(place, "\"" + text + "\" is not a range; write e.g. REDIS0001..REDIS0011");
            }
            Format first = format(rows, place, ends[0]);
            Format last = ends.length == 2 ? format(rows, place, ends[1]) : first;
            if (!first.magic().equals(last.magic()) || first.version() > last.version()) {
                throw rows.error(place, "\"" + text + "\" is not a range of one magic from low to high;"
                        + " write e.g. REDIS0001..REDIS0011");
            }
            ranges.add(FormatRange.between(first, last));
        }
        return ranges;
    }

    private Format format(Rows rows, String at, String header) throws ConfigurationException {
        Optional<Format> format = Format.parseHeader(header);
        if (format.isEmpty()) {
            throw rows.error(at, "\"" + header + "\" is not a format header; write the 9-byte header, e.g. REDIS0011"
                    + " or VALKEY080");
        }
        if (!magics.containsKey(format.get().magic())) {
            throw rows.error(at, "unknown magic " + format.get().magic() + "; use one of " + magics.keySet()
                    + " or declare it under formats");
        }
        return format.get();
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    /** Errors located in one file. */
    private record Rows(String file) {

        ConfigurationException error(String at, String problem) {
            return new ConfigurationException(file, at, problem);
        }

        <T> T require(T value, String at, String whatToDo) throws ConfigurationException {
            if (value == null || (value instanceof String text && text.isBlank())) {
                throw error(at, "missing; " + whatToDo);
            }
            return value;
        }

        /** A text YAML must not read as a number: unquoted 8.10 is the number 8.1. */
        String quoted(JsonNode node, String at, String example) throws ConfigurationException {
            if (node == null || node.isNull()) {
                throw error(at, "missing; write it in quotes, e.g. " + example);
            }
            if (!node.isTextual()) {
                throw error(at, node.asText() + " is read by YAML as a number, which loses digits (8.10 becomes 8.1);"
                        + " write it in quotes, e.g. " + example);
            }
            return node.textValue();
        }

        void requireSource(String source, String at) throws ConfigurationException {
            require(source, at + ".source", "every row needs a source: a URL, a release tag and file, or how you checked it");
        }
    }
}
