package io.rdbguard.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast reader of plain block YAML answers exactly what Jackson's YAML parser answers, or leaves the document to it. */
class BlockYamlTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static Stream<String> renderedCharts() {
        return Stream.of("bitnami-redis/redis-17.17.1-replication.yaml", "bitnami-redis/redis-18.19.4-replication.yaml",
                "bitnami-redis/redis-19.6.4-replication.yaml", "bitnami-redis/redis-19.6.4-sentinel.yaml",
                "bitnami-redis/redis-20.13.4-standalone.yaml", "bitnami-redis/redis-23.1.1-replication.yaml",
                "bitnami-redis/redis-23.1.1-sentinel.yaml", "bitnami-valkey/valkey-1.0.3-replication.yaml",
                "bitnami-valkey/valkey-3.0.31-replication.yaml");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renderedCharts")
    void every_workload_of_a_rendered_chart_is_read_fast_and_as_jackson_reads_it(String chart) throws IOException {
        List<String> workloads = new ArrayList<>();
        for (String document : documents(chart)) {
            Optional<JsonNode> fast = BlockYaml.read(document);
            fast.ifPresent(node -> assertEquals(jackson(document), node, chart + ":\n" + document));
            if (document.contains("\nkind: StatefulSet\n")) {
                workloads.add(document);
                assertTrue(fast.isPresent(), "the fast reader leaves a StatefulSet of " + chart + " to SnakeYAML");
            }
        }
        assertTrue(workloads.size() >= 1, chart + " has no StatefulSet");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // scalars whose YAML 1.1 type is easy to get wrong
            "true", "True", "TRUE", "tRue", "yes", "No", "OFF", "on", "y", "N", "null", "Null", "~", "~x", "null x", "",
            "0", "-0", "00", "01", "0755", "0644", "08", "-0755", "017777777777", "7", "-12", "+5", "2147483647", "2147483648", "1_000", "0x1F", "0x1Fg", "0o17", "0b101",
            "1.5", ".5", "-.5", "1.", "1e3", "1E3", "5e", "1e", "12:30", "1:2", "2001-12-14", "2001-12-14t21:59:43.10-05:00",
            ".inf", "-.inf", ".NaN", "7.2.5", "7.2.5-debian-12-r4", "8Gi", "150m", "0.5Gi", "3d", "1h", "10s",
            "-c", "--port", "-x", ".x", "=", "$HOME", "/health/ping.sh 5", "http://a:b", "a:b", "a\"b", "a'b", "a #b",
            "a#b", "\"quoted\"", "\"6379\"", "\"with \\\" escape\"", "'single'", "'it''s'", "'a' # c", "\"a\" x",
            "{}", "[]", "[ ]", "{a: 1}", "[1, 2]", "[a, 'b', \"c\"]", "[0755, 08, yes, ~]", "[a b, c]", "&anchor x", "*alias", "!!str 5", "|", ">-", "%x", "@x", "`x", "? x",
    })
    void a_scalar_is_typed_as_jackson_types_it_or_left_to_it(String scalar) throws IOException {
        String document = "k: " + scalar + "\n";

        BlockYaml.read(document).ifPresent(node -> assertEquals(jackson(document), node, document));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "a:\n  b:\n    c: 1\n  d: x\ne: y\n",
            "list:\n- a\n- b\nnext: 1\n",
            "list:\n  - a\n  -   b\n",
            "items:\n- name: a\n  env:\n  - name: X\n    value: '1'\n- name: b\n",
            "items:\n  - name: a\n    ports:\n      - containerPort: 6379\n        name: redis\n",
            "a: 1\n# a comment\n\n  # an indented comment\nb: 2\n",
            "a: 1   \nb:    two words  \n",
            "empty:\nafter: 1\n",
            "on: 1\nyes: 2\nnull: 3\n",
            "mode: 0755\nport: \"6379\"\nflag: \"no\"\nsize: 8Gi\n",
            "command: ['/bin/bash', '-ec']\nargs: [ x ,y, \"z\", 1, true, 'it''s' ]\nnone: [ ]\n",
    })
    void plain_block_yaml_is_read_fast_as_jackson_reads_it(String document) {
        assertEquals(Optional.of(jackson(document)), BlockYaml.read(document), document);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "a: 1\na: 2\n",
            "a: first line\n  continued\n",
            "a:\n  - x\n   - y\n",
            "a:\n  b: 1\n c: 2\n",
            "- a\n- b\n",
            "  indented: root\n",
            "a: |\n  text\n",
            "a:\n  - - nested\n",
            "a:\n  -\n    b: 1\n",
            "\"quoted key\": 1\n",
            "a: 1\n\tb: 2\n",
            "a: 'open\n  quote'\n",
            "a: 1\nb: 2 # comment\n",
            "a: &x 1\nb: *x\n",
            "a: [x, [y]]\n",
            "a: [x,]\n",
            "a: [x: y]\n",
            "a: ['x' y]\n",
            "a: [x\n",
            "a: [x] z\n",
            "a: [\"x\\ty\"]\n",
    })
    void other_yaml_is_left_to_the_full_parser(String document) {
        assertEquals(Optional.empty(), BlockYaml.read(document), document);
    }

    private static JsonNode jackson(String document) {
        try {
            return YAML.readTree(document);
        } catch (IOException e) {
            throw new AssertionError("the fast reader answered for a document Jackson refuses: " + document, e);
        }
    }

    /** The documents of a rendered chart, split as ManifestReader splits them. */
    private static List<String> documents(String chart) throws IOException {
        try (InputStream in = BlockYamlTest.class.getResourceAsStream("/fixtures/" + chart)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> documents = new ArrayList<>();
            StringBuilder document = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                if (line.startsWith("---")) {
                    documents.add(document.toString());
                    document.setLength(0);
                } else {
                    document.append(line).append('\n');
                }
            }
            documents.add(document.toString());
            return documents.stream().filter(d -> !d.isBlank()).toList();
        }
    }
}
