package io.binlogsync.source.value;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonColumnTextTest {

    @Test
    void oneJsonValueIsKeptAsItsText() {
        assertEquals("{\n  \"a\": [1, 2.50]\n}", JsonColumnText.checked("{\n  \"a\": [1, 2.50]\n}", "j").json());
        assertEquals("{\"name\":\"Zoë\"}",
                JsonColumnText.checkedUtf8("{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8), "j").json());
        assertEquals("42", JsonColumnText.checked("42", "j").json());
    }

    /** What Jackson's parser lets through, the quick check leaves to it: these stay accepted as they were. */
    @Test
    void textThatJacksonAcceptsBeyondPlainJsonIsStillAccepted() {
        assertEquals("", JsonColumnText.checked("", "j").json());
        assertEquals("  ", JsonColumnText.checkedUtf8("  ".getBytes(StandardCharsets.UTF_8), "j").json());
        assertEquals("\ufeff[1]", JsonColumnText.checkedUtf8(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', '1', ']'},
                "j").json());
        String deep = "[".repeat(100) + "]".repeat(100);
        assertEquals(deep, JsonColumnText.checked(deep, "j").json());
        // a surrogate encoded in UTF-8: Jackson skips it, and decoding makes it a replacement character, as before
        assertEquals("\"\ufffd\"", JsonColumnText.checkedUtf8(
                new byte[] {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, "j").json());
    }

    @Test
    void malformedUtf8ThatJacksonRefusesIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> JsonColumnText.checkedUtf8(new byte[] {'"', (byte) 0xC3, '(', '"'}, "j"));
        assertThrows(IllegalArgumentException.class,
                () -> JsonColumnText.checkedUtf8(new byte[] {'[', (byte) 0xC3, (byte) 0xA9, ']'}, "j"));
    }

    @Test
    void textThatIsNotOneJsonValueIsRefusedNamingTheColumn() {
        for (String text : new String[] {"{\"a\":", "{} {}", "not json", "\"raw\nline break in a string\"", "01", "1.",
                "[1,]", "{\"a\":1,}", "{a:1}", "'x'", "\"\\x\"", "NaN", "[1]]", "// comment\n1", "[1]\u0000"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> JsonColumnText.checked(text, "tags"));
            assertTrue(refused.getMessage().startsWith("JSON column tags holds text that is not JSON"),
                    refused.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> JsonColumnText.checkedUtf8(text.getBytes(StandardCharsets.UTF_8), "tags"));
        }
    }
}
