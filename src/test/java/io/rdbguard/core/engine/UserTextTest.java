package io.rdbguard.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Text from objects reaches terminals and kube-apiserver's warnings: nothing in it may control either. */
class UserTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
            a newline                              => 'one\\ntwo'
            a C1 next-line (U+0085)                => 'one\\u0085two'
            a C1 control sequence introducer (U+009B) => 'one\\u009B31mtwo'
            an escape sequence                     => 'one\\u001B[31mtwo'
            a right-to-left override (U+202E)      => 'one\\u202Etwo'
            a zero-width space (U+200B)            => 'one\\u200Btwo'
            a line separator (U+2028)              => 'one\\u2028two'
            DEL                                    => 'one\\u007Ftwo'
            """)
    void control_and_format_characters_become_one_space(String name, String escaped) {
        String text = unescape(escaped);
        String clean = UserText.oneLine(text);
        assertTrue(clean.startsWith("one ") && clean.endsWith("two"), clean);
        assertTrue(clean.codePoints().noneMatch(c -> Character.getType(c) == Character.CONTROL
                || Character.getType(c) == Character.FORMAT), clean);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
            a short text stays whole                  => 'backup taken 2h ago'                        => 30 => 'backup taken 2h ago'
            a long text is cut at a word and marked   => 'allowed by backup s3://bucket taken 2h ago'  => 30 => 'allowed by backup s3://bucket…'
            a word longer than the search is cut hard => 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' => 20 => 'aaaaaaaaaaaaaaaaaaa…'
            """)
    void long_lines_are_cut_at_a_word_boundary(String name, String text, int max, String expected) {
        String line = UserText.oneLine(text, max);
        assertEquals(expected, line);
        assertTrue(line.length() <= max);
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("\\u", i)) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (text.startsWith("\\n", i)) {
                out.append('\n');
                i++;
            } else {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }
}
