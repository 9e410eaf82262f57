package io.binlogsync.snapshot;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NewIndexNameTest {
    private static final Instant AT = Instant.parse("2025-03-14T09:30:05.123Z");

    @Test
    void theAliasWithTheUtcTimeOfTheBuild() throws IOException {
        assertEquals("products-20250314-093005", NewIndexName.of("products", AT, name -> false));
    }

    @Test
    void aTakenNameGetsANumber() throws IOException {
        Set<String> taken = Set.of("products-20250314-093005", "products-20250314-093005-2");
        assertEquals("products-20250314-093005-3", NewIndexName.of("products", AT, taken::contains));
    }

    @Test
    void anAliasTooLongForTheDateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NewIndexName.of("p".repeat(250), AT, name -> false));
    }
}
