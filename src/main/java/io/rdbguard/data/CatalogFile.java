package io.rdbguard.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The YAML shape of a catalog file, the built-in one and the admin's extension alike; every section is optional
 * in an extension. Field names are the YAML keys. Lines and versions stay YAML nodes so that an unquoted
 * {@code 8.10}, which YAML reads as the number 8.1, is refused instead of silently becoming another line.
 */
record CatalogFile(
        List<FormatRow> formats,
        List<FamilyRow> families,
        List<GrammarRow> tagGrammars,
        List<RepositoryRow> repositories,
        List<IgnoredRow> ignored,
        List<LineRow> lines,
        List<DigestRow> digests,
        RolesRow roles) {

    /** {@code foreignReader}: what a server that does not know the magic does with the data, when not "Wrong signature". */
    record FormatRow(String magic, String source, String foreignReader) {
    }

    record FamilyRow(String id, String name, String cli, Integer port, String source) {
    }

    record GrammarRow(String name, String pinnedExample, List<PatternRow> patterns, String source) {
    }

    record PatternRow(String regex, Boolean pinned, String meaning) {
    }

    record RepositoryRow(String path, String family, String tags, String source, Boolean verified, String note, RunsRow runs) {
    }

    record IgnoredRow(String path, String role, String reason, String source, RunsRow runs) {
    }

    /** What an image runs by default: its Dockerfile's ENTRYPOINT and CMD. */
    record RunsRow(List<String> entrypoint, List<String> cmd, String source) {
    }

    record RolesRow(List<String> shells, List<String> wrappers, List<RoleRuleRow> rules) {
    }

    record RoleRuleRow(String role, List<String> programs, List<String> arguments, String source) {
    }

    record LineRow(
            String family,
            List<JsonNode> lines,
            String writes,
            List<String> reads,
            List<String> relaxedReads,
            String source,
            Boolean verified,
            String note,
            FormatFlagRow formatFlag) {
    }

    record FormatFlagRow(String flag, String envPrefix, String whenOff, String source) {
    }

    record DigestRow(String digest, JsonNode version, String source) {
    }
}
