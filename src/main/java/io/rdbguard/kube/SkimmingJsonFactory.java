package io.rdbguard.kube;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.ByteSourceJsonBootstrapper;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A JSON factory whose parsers skip a value (Jackson's {@code skipChildren}: an ignored property such as
 * {@code managedFields}, an object of a kind rdb-guard does not judge) by scanning its bytes for the bracket that closes
 * it, instead of reading it token by token. Jackson reads every field name it skips into its symbol table; in
 * {@code managedFields} those are hundreds of escaped one-off names ({@code "k:{\"name\":\"redis\"}"}), the larger part
 * of what reading a review cost (issue 15: parsing was most of a judged review's CPU).
 *
 * <p>What is skipped is checked for what finding its end needs, not parsed: brackets must pair up within Jackson's
 * nesting limit, strings must end and hold no raw control characters, the body must not end inside. A value no check
 * reads is not validated token by token (a missing comma in {@code managedFields} is not refused), which
 * kube-apiserver, writing JSON with Go's encoder, never sends anyway. Only a whole body in one array (what the webhook
 * and the CLI read) is skimmed; any other input, and JSON that is not plain UTF-8 (a byte-order mark, UTF-16 or
 * UTF-32), is read by Jackson's own parser.
 */
final class SkimmingJsonFactory extends JsonFactory {

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private SkimmingJsonFactory(JsonFactory settings) {
        super(settings, null);
    }

    /** A copy of {@code mapper} (its modules, features and limits) whose parsers of byte arrays skim skipped values. */
    static ObjectMapper skimming(ObjectMapper mapper) {
        return mapper.copyWith(new SkimmingJsonFactory(mapper.getFactory()));
    }

    @Override
    public JsonFactory copy() {
        return new SkimmingJsonFactory(this);
    }

    @Override
    protected JsonParser _createParser(byte[] data, int offset, int length, IOContext context) throws IOException {
        boolean bom = length >= UTF8_BOM.length && Arrays.equals(data, offset, offset + UTF8_BOM.length, UTF8_BOM, 0, UTF8_BOM.length);
        if (bom || new ByteSourceJsonBootstrapper(context, data, offset, length).detectEncoding() != JsonEncoding.UTF8) {
            return super._createParser(data, offset, length, context);
        }
        return new SkimmingParser(context, _parserFeatures, _objectCodec, _byteSymbolCanonicalizer.makeChild(_factoryFeatures),
                data, offset, offset + length);
    }

    static final class SkimmingParser extends UTF8StreamJsonParser {

        /** Eight bytes of the body at once, the first one lowest. */
        private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private static final long ONES = 0x0101010101010101L;
        private static final long HIGH_BITS = 0x8080808080808080L;
        private static final long QUOTES = ONES * '"';
        private static final long BACKSLASHES = ONES * '\\';
        private static final long SPACES = ONES * ' ';

        /** Set while an object whose parts may be shared is read. */
        SharedValues.Reading sharedValues;

        SkimmingParser(IOContext context, int features, ObjectCodec codec,
                       ByteQuadsCanonicalizer names, byte[] data, int start, int end) {
            super(context, features, null, codec, names, data, start, end, 0, false);
        }

        @Override
        public JsonParser skipChildren() throws IOException {
            JsonToken open = currentToken();
            if (_inputStream != null || open != JsonToken.START_OBJECT && open != JsonToken.START_ARRAY) {
                return super.skipChildren();
            }
            byte[] in = _inputBuffer;
            // The brackets still open inside the value, innermost last; the value's own is its first.
            byte[] brackets = new byte[16];
            brackets[0] = (byte) (open == JsonToken.START_OBJECT ? '{' : '[');
            int depth = 1;
            // Jackson's nesting limit holds inside skipped values too: the value's own brackets count as one level already.
            int deepest = _streamReadConstraints.getMaxNestingDepth() - _parsingContext.getNestingDepth();
            int row = _currInputRow;
            int rowStart = _currInputRowStart;
            int i = _inputPtr;
            while (i < _inputEnd) {
                byte b = in[i++];
                switch (b) {
                    case '"' -> i = stringEnd(i, row, rowStart);
                    case '{', '[' -> {
                        if (depth > deepest) {
                            at(i - 1, row, rowStart);
                            _streamReadConstraints.validateNestingDepth(_parsingContext.getNestingDepth() + depth);
                        }
                        if (depth == brackets.length) {
                            brackets = Arrays.copyOf(brackets, depth * 2);
                        }
                        brackets[depth++] = b;
                    }
                    case '}', ']' -> {
                        byte expected = brackets[--depth] == '{' ? (byte) '}' : (byte) ']';
                        if (b != expected) {
                            at(i - 1, row, rowStart);
                            _reportError("Unexpected close marker '" + (char) b + "': expected '" + (char) expected + "'");
                        }
                        if (depth == 0) {
                            at(i, row, rowStart);
                            _parsingContext = _parsingContext.clearAndGetParent();
                            _updateToken(b == '}' ? JsonToken.END_OBJECT : JsonToken.END_ARRAY);
                            return this;
                        }
                    }
                    case '\n' -> {
                        row++;
                        rowStart = i;
                    }
                    default -> {
                    }
                }
            }
            at(i, row, rowStart);
            _reportInvalidEOF(": expected close marker for " + (open == JsonToken.START_OBJECT ? "Object" : "Array"), null);
            return this;
        }

        /** Where the value at the current token, an opening bracket, starts in the body; -1 at any other token. */
        int openedAt() {
            return atBracket(JsonToken.START_OBJECT, JsonToken.START_ARRAY) ? _inputPtr - 1 : -1;
        }

        /** Where the value that the current token, a closing bracket, ends in the body; -1 at any other token. */
        int closedAt() {
            return atBracket(JsonToken.END_OBJECT, JsonToken.END_ARRAY) ? _inputPtr : -1;
        }

        /** Whether the current token is one of these two, and the byte just read is its bracket. */
        private boolean atBracket(JsonToken object, JsonToken array) {
            JsonToken token = currentToken();
            return _inputStream == null && _inputPtr > 0 && (token == object || token == array)
                    && _inputBuffer[_inputPtr - 1] == token.asByteArray()[0];
        }

        /** Whether the body holds, from {@code at}, the same bytes as from {@code start} to {@code end}. */
        boolean holdsAt(int at, int start, int end) {
            return at + end - start <= _inputEnd && Arrays.equals(_inputBuffer, at, at + end - start, _inputBuffer, start, end);
        }

        int depth() {
            return _parsingContext.getNestingDepth();
        }

        /** The current value's place below the brackets at {@code rootDepth}: a hash of the names and indices leading to it. */
        long place(int rootDepth) {
            long place = 0;
            for (JsonStreamContext context = _parsingContext.getParent(); context != null && context.getNestingDepth() >= rootDepth;
                 context = context.getParent()) {
                place = place * 31 + (context.inArray() ? context.getCurrentIndex() : Objects.hashCode(context.getCurrentName()));
            }
            return place;
        }

        /** The line the parser is on (counted from 0), and where it starts in the body. */
        int line() {
            return _currInputRow;
        }

        int lineStart() {
            return _currInputRowStart;
        }

        /**
         * Past the value at the current token, an opening bracket, which ends at {@code end} and spans
         * {@code newlines} line ends, the last of them ending where {@code lastLineStart} is.
         */
        void jumpTo(int end, int newlines, int lastLineStart) throws IOException {
            JsonToken open = currentToken();
            _inputPtr = end;
            if (newlines > 0) {
                _currInputRow += newlines;
                _currInputRowStart = lastLineStart;
            }
            _parsingContext = _parsingContext.clearAndGetParent();
            _updateToken(open == JsonToken.START_OBJECT ? JsonToken.END_OBJECT : JsonToken.END_ARRAY);
        }

        /** Where the string that starts before {@code i} ends (just after its closing quote). */
        private int stringEnd(int i, int row, int rowStart) throws IOException {
            byte[] in = _inputBuffer;
            int wordsEnd = _inputEnd - Long.BYTES;
            while (i < _inputEnd) {
                if (i <= wordsEnd) {
                    long special = special((long) WORDS.get(in, i));
                    if (special == 0) {
                        i += Long.BYTES;
                        continue;
                    }
                    i += Long.numberOfTrailingZeros(special) >>> 3;
                }
                byte b = in[i++];
                if (b == '"') {
                    return i;
                }
                if (b == '\\') {
                    i++;
                } else if (b >= 0 && b < 0x20) {
                    at(i - 1, row, rowStart);
                    _reportError("Illegal unquoted character (code " + b
                            + "): has to be escaped using backslash to be included in string value");
                }
            }
            at(_inputEnd, row, rowStart);
            _reportInvalidEOF(": was expecting closing quote for a string value", null);
            return i;
        }

        /**
         * The high bit of each of a word's bytes (little-endian: the first byte lowest) that may end the string, escape or
         * be refused in it: a quote, a backslash, a control character. Each test is "a byte is zero" (of the word XOR the
         * byte sought) or "a byte is below 0x20"; neither misses one, and the lowest bit set is always a true one (a
         * false one can only follow a true one), so the first such byte is the lowest bit's.
         */
        private static long special(long word) {
            long quotes = word ^ QUOTES;
            long backslashes = word ^ BACKSLASHES;
            return ((quotes - ONES) & ~quotes | (backslashes - ONES) & ~backslashes | (word - SPACES) & ~word) & HIGH_BITS;
        }

        /** Moves the parser to {@code i}, so that its location (and an error's) is right. */
        private void at(int i, int row, int rowStart) {
            _inputPtr = i;
            _currInputRow = row;
            _currInputRowStart = rowStart;
        }
    }
}
