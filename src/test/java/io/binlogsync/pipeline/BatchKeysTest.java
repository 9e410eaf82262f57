package io.binlogsync.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchKeysTest {
    @Test
    void eachKeyOnceInTheOrderFirstAdded() {
        BatchKeys keys = new BatchKeys();
        assertTrue(keys.add("item:1"));
        assertTrue(keys.add("sku:A"));
        assertFalse(keys.add("item:1"));
        assertTrue(keys.add("item:2"));
        assertFalse(keys.add(new String("sku:A")), "equal, not the same instance");
        assertEquals(List.of("item:1", "sku:A", "item:2"), keys.take());
    }

    @Test
    void takingEmptiesTheSetForTheNextBatch() {
        BatchKeys keys = new BatchKeys();
        keys.add("item:1");
        keys.add("item:2");
        assertEquals(List.of("item:1", "item:2"), keys.take());
        assertEquals(List.of(), keys.take());
        assertTrue(keys.add("item:2"), "a key of an earlier batch is new to the next");
        assertEquals(List.of("item:2"), keys.take());
    }

    @Test
    void batchesLargerThanTheTableAndKeysWhoseHashesCollideAreKeptWhole() {
        BatchKeys keys = new BatchKeys();
        for (int batch = 0; batch < 3; batch++) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                String key = "item:" + (batch * 1000 + i);
                expected.add(key);
                assertTrue(keys.add(key));
                assertFalse(keys.add(key));
            }
            // "Aa" and "BB" have the same hash code: the probe must go on past an equal hash
            assertTrue(keys.add("Aa"));
            assertTrue(keys.add("BB"));
            assertFalse(keys.add("BB"));
            expected.add("Aa");
            expected.add("BB");
            assertEquals(expected, keys.take());
        }
    }
}
