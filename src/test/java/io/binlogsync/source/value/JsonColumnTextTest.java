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

    @Test
    void textThatIsNotOneJsonValueIsRefusedNamingTheColumn() {
        for (String text : new String[] {"{\"a\":", "{} {}", "not json", "\"raw\nline break in a string\""}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> JsonColumnText.checked(text, "tags"));
            assertTrue(refused.getMessage().startsWith("JSON column tags holds text that is not JSON"),
                    refused.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> JsonColumnText.checkedUtf8(text.getBytes(StandardCharsets.UTF_8), "tags"));
        }
    }
}
