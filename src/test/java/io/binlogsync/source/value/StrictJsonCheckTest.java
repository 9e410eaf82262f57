package io.binlogsync.source.value;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The quick check may only accept what Jackson's parser accepts; what it does not accept goes to Jackson. */
class StrictJsonCheckTest {
    private static final JsonFactory JACKSON = new JsonFactory();

    @Test
    void plainJsonIsAcceptedWithoutJackson() {
        for (String json : new String[] {"[\"tag3\", \"tag5\"]", "{}", "[]", "{\"a\":{\"b\":[1,-2.5e+3,0,-0,1E9]}}",
                " \t\r\n{\"x\" : null , \"y\":true,\"z\":false} \n", "42", "-0.0", "\"text\"", "true", "null",
                "\"escapes \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83D\\uDE00\"", "{\"Zoë\":\"日本 😀\"}",
                "[[[[[[[[[[]]]]]]]]]]", "\"\u007f\""}) {
            assertTrue(StrictJsonCheck.accepts(json), json);
            assertTrue(StrictJsonCheck.accepts(json.getBytes(StandardCharsets.UTF_8)), json);
            assertTrue(jacksonAccepts(json.getBytes(StandardCharsets.UTF_8)), json);
        }
    }

    @Test
    void whatIsNotPlainJsonIsLeftToJackson() {
        for (String text : new String[] {"", "  ", "01", "-01", "1.", ".5", "-", "+1", "1e", "1e+", "NaN", "Infinity",
                "[1,]", "{\"a\":1,}", "{a:1}", "'x'", "[1] x", "[1]]", "{} {}", "1 2", "\"\\x\"", "\"\t\"",
                "\"\\u12\"", "\"\\u12g4\"", "tru", "nul", "truex", "[true1]", "[1 2]", "{\"a\":1 \"b\":2}",
                "//c\n1", "/* c */ 1", "# c\n1", "[1]\u0000", "\u00a0[]", "\ufeff[]", "{\"a\" 1}", "{\"a\":}",
                "[", "]", "{", "}", "\"unterminated", "{\"a\":[}]", "[1}", "{\"a\":1]", "\"a\"\"b\""}) {
            assertFalse(StrictJsonCheck.accepts(text), text);
            assertFalse(StrictJsonCheck.accepts(text.getBytes(StandardCharsets.UTF_8)), text);
        }
        StringBuilder deep = new StringBuilder();
        deep.append("[".repeat(63)).append("]".repeat(63));
        assertFalse(StrictJsonCheck.accepts(deep.toString()), "nesting beyond the quick check's depth");
        assertFalse(StrictJsonCheck.accepts("1" + "0".repeat(100)), "a number beyond the quick check's length");
        assertFalse(StrictJsonCheck.accepts("{\"" + "k".repeat(1001) + "\":1}"), "a long name");
    }

    @Test
    void malformedUtf8IsLeftToJackson() {
        byte[][] malformed = {
                {'"', (byte) 0xC3, '(', '"'},                     // a lead byte without its continuation
                {'"', (byte) 0xC0, (byte) 0x80, '"'},             // overlong NUL
                {'"', (byte) 0xE0, (byte) 0x80, (byte) 0x80, '"'}, // overlong
                {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, // a surrogate
                {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // above U+10FFFF
                {'"', (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80, '"'},
                {'"', (byte) 0x80, '"'},                          // a continuation byte alone
                {'"', (byte) 0xE2, (byte) 0x82, '"'},             // cut short
                {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', ']'}, // byte-order mark
                {'[', (byte) 0xC3, (byte) 0xA9, ']'},             // non-ASCII outside a string
        };
        for (byte[] bytes : malformed) {
            assertFalse(StrictJsonCheck.accepts(bytes), new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    /** Random JSON and random damage to it: whatever the quick check accepts, Jackson accepts. */
    @Test
    void neverAcceptsWhatJacksonRefuses() {
        Random random = new Random(20261203);
        int accepted = 0;
        for (int n = 0; n < 50_000; n++) {
            byte[] bytes = damage(randomJson(random, 0).getBytes(StandardCharsets.UTF_8), random);
            if (StrictJsonCheck.accepts(bytes)) {
                accepted++;
                if (!jacksonAccepts(bytes)) {
                    fail("accepted what Jackson refuses: " + new String(bytes, StandardCharsets.ISO_8859_1));
                }
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (StrictJsonCheck.accepts(text) && !jacksonAccepts(text)) {
                fail("accepted text Jackson refuses: " + text);
            }
        }
        assertTrue(accepted > 5_000, "the random cases exercise acceptance too: " + accepted);
    }

    private static final String[] SCALARS = {"0", "-0", "1", "-12", "3.25", "1e5", "-2.5E-3", "1e+07", "true",
            "false", "null", "\"\"", "\"a\"", "\"Zoë\"", "\"\\n\\\"\\\\\"", "\"\\u00e9\"", "\"😀\"", "\"日本\""};
    private static final String[] PIECES = {"{", "}", "[", "]", ",", ":", "\"", "\\", " ", "\n", "\t", "0", "1", "-",
            "+", ".", "e", "E", "t", "n", "u", "x", "/", "#", "'", "\u0000", "\u0001", "\u007f", "é", "😀"};

    private static String randomJson(Random random, int depth) {
        int kind = depth > 4 ? 0 : random.nextInt(4);
        if (kind <= 1) {
            return SCALARS[random.nextInt(SCALARS.length)];
        }
        StringBuilder json = new StringBuilder(kind == 2 ? "[" : "{");
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json.append(random.nextBoolean() ? "," : ", ");
            }
            if (kind == 3) {
                json.append('"').append((char) ('a' + random.nextInt(3))).append("\":");
            }
            json.append(randomJson(random, depth + 1));
        }
        return json.append(kind == 2 ? "]" : "}").toString();
    }

    /** Half the cases unchanged; the rest with one to three pieces or raw bytes inserted, replaced or removed. */
    private static byte[] damage(byte[] json, Random random) {
        if (random.nextBoolean()) {
            return json;
        }
        byte[] bytes = json;
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int at = random.nextInt(bytes.length + 1);
            byte[] piece = random.nextInt(4) == 0 ? new byte[] {(byte) random.nextInt(256)}
                    : PIECES[random.nextInt(PIECES.length)].getBytes(StandardCharsets.UTF_8);
            int removed = random.nextInt(3) == 0 ? 0 : Math.min(random.nextInt(2) + 1, bytes.length - at);
            byte[] edited = new byte[bytes.length - removed + (random.nextInt(3) == 0 ? 0 : piece.length)];
            int inserted = edited.length - (bytes.length - removed);
            System.arraycopy(bytes, 0, edited, 0, at);
            System.arraycopy(piece, 0, edited, at, inserted);
            System.arraycopy(bytes, at + removed, edited, at + inserted, bytes.length - at - removed);
            bytes = edited;
        }
        return bytes;
    }

    /** The check JsonColumnText made with Jackson alone before the quick check. */
    private static boolean jacksonAccepts(byte[] bytes) {
        try (JsonParser parser = JACKSON.createParser(bytes)) {
            return oneValue(parser);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean jacksonAccepts(String text) {
        try (JsonParser parser = JACKSON.createParser(text)) {
            return oneValue(parser);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean oneValue(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            parser.skipChildren();
        }
        return parser.nextToken() == null;
    }
}
