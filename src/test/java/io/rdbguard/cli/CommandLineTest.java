package io.rdbguard.cli;

import static io.rdbguard.cli.Cli.cli;
import static io.rdbguard.cli.Cli.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rdbguard.data.BuildInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a new user meets first: the version, help, colour, and short errors that say what to do. */
class CommandLineTest {

    static final String OLD = fixture("bitnami-redis/redis-18.19.4-replication.yaml");
    static final String NEW = fixture("bitnami-redis/redis-20.13.4-replication.yaml");

    @ParameterizedTest(name = "rdb-guard {0}")
    @CsvSource({"-V", "--version", "audit -V", "serve --version"})
    void the_version_flag_prints_rdb_guard_and_the_version_maven_built(String args) {
        Cli.Run run = cli().main(args.split(" "));

        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("rdb-guard " + BuildInfo.version() + "\n", run.out().replace("\r", ""));
        assertTrue(BuildInfo.version().matches("\\d+\\.\\d+\\.\\d+.*"), "a version, not a placeholder: " + BuildInfo.version());
    }

    @Test
    void help_is_a_command_that_lists_the_commands_with_examples() {
        Cli.Run run = cli().main("help");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("audit") && run.out().contains("serve") && run.out().contains("help"), run::toString);
        assertTrue(run.out().contains("Examples:\n  rdb-guard serve"), run::toString);
    }

    @Test
    void help_audit_shows_the_audit_options_and_examples_for_release_records() {
        Cli.Run run = cli().main("help", "audit");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("--output-file=PATH"), run::toString);
        assertTrue(run.out().contains("--color=WHEN"), run::toString);
        assertTrue(run.out().contains("  kubectl get secrets -l owner=helm,name=cache -o yaml | rdb-guard audit -\n"), run::toString);
    }

    @ParameterizedTest(name = "rdb-guard {0}: serve? {1}")
    @CsvSource({"'', true", "serve, true", "serve --help, false", "serve -h, false", "serve -V, false", "audit x.yaml, false",
            "help serve, false"})
    void asking_serve_for_help_or_its_version_runs_the_command_line_not_the_server(String args, boolean serve) {
        assertEquals(serve, Main.isServe(args.isEmpty() ? new String[0] : args.split(" ")));
    }

    @Test
    void serve_help_prints_the_usage_and_starts_nothing() {
        Cli.Run run = cli().main("serve", "--help");

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("Usage: rdb-guard serve"), run::toString);
    }

    @Test
    void serve_without_a_certificate_says_which_file_is_missing_and_how_to_make_one(@TempDir Path dir) throws IOException {
        Optional<String> missing = Main.missingCertificate(null, dir.toString());

        assertTrue(missing.isPresent());
        assertTrue(missing.get().startsWith("rdb-guard serve: no serving certificate: " + dir.resolve("tls.crt")
                + " does not exist"), missing.get());
        assertTrue(missing.get().contains("certs/generate.sh"), missing.get());
        assertTrue(missing.get().contains("RDB_GUARD_TLS_DIR"), missing.get());

        Files.writeString(dir.resolve("tls.crt"), "x");
        Files.writeString(dir.resolve("tls.key"), "x");
        assertEquals(Optional.empty(), Main.missingCertificate(dir.toString(), "/nonexistent"), "the property wins");
    }

    @ParameterizedTest(name = "terminal {0}, NO_COLOR ''{1}'', --color {2}: colour {3}")
    @CsvSource({
            "true,  ,  auto,   true",
            "true,  '', auto,  true",
            "true,  1, auto,   false",
            "false, ,  auto,   false",
            "false, ,  always, true",
            "true,  1, always, true",
            "true,  ,  never,  false"})
    void colour_follows_the_terminal_no_color_and_the_color_flag(boolean terminal, String noColor, String when, boolean colour) {
        Map<String, String> variables = new HashMap<>();
        if (noColor != null) {
            variables.put("NO_COLOR", noColor);
        }
        Cli cli = cli().environment(variables);
        Cli.Run run = (terminal ? cli.onTerminal() : cli).audit(OLD, "--color", when);

        assertEquals(colour, run.out().contains("\u001b["), run::toString);
    }

    @Test
    void a_report_written_to_a_file_has_no_colour_and_the_summary_goes_to_stderr(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.txt");

        Cli.Run run = cli().onTerminal().audit("--from", OLD, "--to", NEW, "--output-file", report.toString());

        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("", run.out());
        String written = Files.readString(report);
        assertTrue(written.contains("deny   StatefulSet mastodon/mastodon-redis-master  UPDATE"), written);
        assertFalse(written.contains("\u001b["), written);
        assertTrue(run.err().contains("2 workloads audited: 2 would be denied"), run::toString);
    }

    @Test
    void an_output_file_that_cannot_be_written_is_exit_2_with_the_reason(@TempDir Path dir) {
        Cli.Run run = cli().audit(OLD, "--output-file", dir.resolve("no/such/dir/report.json").toString(), "-o", "json");

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("cannot write --output-file " + dir.resolve("no/such/dir/report.json")), run::toString);
    }

    @Test
    void a_chart_directory_is_refused_with_the_command_that_renders_it(@TempDir Path chart) throws IOException {
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: cache\nversion: 1.0.0\n");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("templates/statefulset.yaml"),
                "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n");

        Cli.Run run = cli().audit(chart.toString());

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.out().contains(chart + ": is a Helm chart directory (it has Chart.yaml), not rendered manifests;"
                + " render it first: helm template RELEASE " + chart + " -n NAMESPACE -f VALUES | rdb-guard audit -"), run::toString);
    }

    @Test
    void a_template_file_is_refused_as_a_template_not_with_a_yaml_parser_message(@TempDir Path dir) throws IOException {
        Path template = Files.writeString(dir.resolve("statefulset.yaml"),
                "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\n");

        Cli.Run run = cli().audit(template.toString());

        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.out().contains("is a Helm template ({{ … }}), not a rendered manifest; render the chart first"), run::toString);
        assertFalse(run.out().contains("not valid YAML"), run::toString);
    }
}
