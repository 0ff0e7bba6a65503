package io.rdbguard.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The skimming parser skips a value to the same place, with the same location, as Jackson's own: compared on every
 * object and array of each document, then reading on to the end. Malformed skipped values are still refused.
 */
class SkimmingJsonFactoryTest {

    private static final ObjectMapper JACKSON = new ObjectMapper();
    private static final ObjectMapper SKIMMING = SkimmingJsonFactory.skimming(JACKSON);

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"a\":{\"b\":[1,2,{\"c\":\"}]\"}],\"d\":null},\"e\":\"after\"}",
            "[[],{},[[[]]],{\"x\":{\"y\":{}}},\"\\\"]}\\\\\",true]",
            "{\"metadata\":{\"name\":\"redis\",\"managedFields\":[{\"fieldsV1\":{\"f:spec\":{\"k:{\\\"name\\\":\\\"redis\\\"}\":{\".\":{}}}},"
                    + "\"manager\":\"helm\"}]},\"spec\":{\"replicas\":1}}",
            "{\n  \"a\": [\n    {\"b\": \"line\\nbreak\"},\n    2\n  ],\n  \"c\": {\n  }\n}",
            "{\"unicode\":{\"k\":\"\u00e9\u4e2d\ud83d\ude00\",\"l\":[\"\\u007b\"]},\"z\":1}",
    })
    void skipping_any_value_ends_where_jackson_ends_and_reads_on_the_same(String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        int values = valueCount(body);
        assertTrue(values > 0);
        for (int skipped = 0; skipped < values; skipped++) {
            assertEquals(tokensSkipping(JACKSON, body, skipped), tokensSkipping(SKIMMING, body, skipped), "skipping value " + skipped);
        }
    }

    /** The skimmer reads strings 8 bytes at a time: an escape, a quote or a bracket at any place in a word. */
    @ParameterizedTest
    @ValueSource(strings = {"\\\"", "\\\\", "\\n", "}", "]", "{", "é", "\\u0041"})
    void a_string_with_an_escape_or_a_bracket_anywhere_in_it_ends_where_jackson_ends(String inside) throws IOException {
        for (int before = 0; before <= 17; before++) {
            for (int after = 0; after <= 9; after++) {
                String string = "x".repeat(before) + inside + "y".repeat(after);
                byte[] body = ("{\"skipped\":{\"k\":\"" + string + "\",\"" + string + "\":[\"" + string + "\"]},\"next\":1}")
                        .getBytes(StandardCharsets.UTF_8);
                assertEquals(tokensSkipping(JACKSON, body, 1), tokensSkipping(SKIMMING, body, 1), string);
            }
        }
    }

    @Test
    void a_control_character_anywhere_in_a_skipped_string_is_refused_where_it_is() {
        for (int before = 0; before <= 17; before++) {
            byte[] body = ("{\"skipped\":{\"k\":\"" + "x".repeat(before) + "\u0001y\"},\"next\":1}").getBytes(StandardCharsets.UTF_8);
            JsonParseException refused = assertThrows(JsonParseException.class, () -> tokensSkipping(SKIMMING, body, 1));
            assertEquals(17 + before, refused.getLocation().getByteOffset(), "the control character's offset, after " + before);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"a\":{\"b\":[1,2}}",        // a bracket closed by the wrong marker
            "{\"a\":{\"b\":\"never ends}}", // a string that does not end
            "{\"a\":{\"b\":[1,2]",          // the body ends inside the value
            "{\"a\":{\"b\":\"raw\ttab\"}}",  // a control character a string must escape
    })
    void a_malformed_skipped_value_is_still_refused(String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        JsonParseException refused = assertThrows(JsonParseException.class, () -> {
            try (JsonParser parser = SKIMMING.createParser(body)) {
                parser.nextToken();
                parser.nextToken();
                parser.nextToken();
                parser.skipChildren();
                while (parser.nextToken() != null) {
                    // read to the end
                }
            }
        });
        assertTrue(refused.getLocation().getByteOffset() > 0, "the refusal says where: " + refused.getMessage());
    }

    @Test
    void a_skipped_value_nested_deeper_than_jacksons_limit_is_refused_as_jackson_refuses_it() throws IOException {
        int limit = JACKSON.getFactory().streamReadConstraints().getMaxNestingDepth();
        String json = "{\"a\":" + "[".repeat(limit + 1) + "]".repeat(limit + 1) + "}";
        byte[] body = json.getBytes(StandardCharsets.UTF_8);

        for (ObjectMapper mapper : List.of(JACKSON, SKIMMING)) {
            StreamConstraintsException refused = assertThrows(StreamConstraintsException.class, () -> tokensSkipping(mapper, body, 1));
            assertTrue(refused.getMessage().contains("exceeds the maximum allowed (" + limit), refused.getMessage());
        }
        assertEquals(tokensSkipping(JACKSON, ("{\"a\":" + "[".repeat(limit - 1) + "]".repeat(limit - 1) + "}").getBytes(StandardCharsets.UTF_8), 1),
                tokensSkipping(SKIMMING, ("{\"a\":" + "[".repeat(limit - 1) + "]".repeat(limit - 1) + "}").getBytes(StandardCharsets.UTF_8), 1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16BE", "UTF-16LE", "UTF-8 with a byte-order mark"})
    void json_that_is_not_plain_utf8_is_read_by_jackson_itself(String encoding) throws IOException {
        String json = "{\"a\":{\"skip\":[1]},\"b\":\"kept\"}";
        byte[] body = encoding.startsWith("UTF-8")
                ? ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8) : json.getBytes(encoding);

        assertEquals(tokensSkipping(JACKSON, body, 0), tokensSkipping(SKIMMING, body, 0));
    }

    /** How many objects and arrays the document holds. */
    private static int valueCount(byte[] body) throws IOException {
        int count = 0;
        try (JsonParser parser = JACKSON.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Every token read, with where it was read, skipping the {@code skipped}-th object or array. */
    private static List<String> tokensSkipping(ObjectMapper mapper, byte[] body, int skipped) throws IOException {
        List<String> seen = new ArrayList<>();
        int opened = 0;
        try (JsonParser parser = mapper.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && opened++ == skipped) {
                    parser.skipChildren();
                    token = parser.currentToken();
                }
                seen.add(token + " " + parser.getText() + " at " + parser.currentLocation().getByteOffset() + "/"
                        + parser.currentLocation().getLineNr() + ":" + parser.currentLocation().getColumnNr()
                        + " in " + parser.getParsingContext().typeDesc() + " " + parser.getParsingContext().getCurrentName());
            }
        }
        return seen;
    }
}
