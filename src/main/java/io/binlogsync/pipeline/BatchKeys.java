package io.binlogsync.pipeline;

import java.util.Arrays;
import java.util.List;

/**
 * The cache keys of the open batch, each once, in the order first added. Reused from batch to batch: its table keeps
 * the size the largest batch needed and is emptied slot by slot, so a batch costs no allocation per key and no
 * rehashing once the stream has warmed up (a LinkedHashSet per batch allocated an entry per key and grew from 16).
 */
final class BatchKeys {
    /** Open addressing, at most half full; a slot holds a key or null. */
    private String[] table = new String[1024];
    /** The keys in the order added, and the slot each sits in (to empty the table without a sweep). */
    private String[] keys = new String[512];
    private int[] slots = new int[512];
    private int size;

    /** Adds the key; returns false when the batch has it already. */
    boolean add(String key) {
        int mask = table.length - 1;
        int slot = spread(key.hashCode()) & mask;
        for (String there = table[slot]; there != null; there = table[slot]) {
            if (there.equals(key)) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            slots = Arrays.copyOf(slots, size * 2);
        }
        table[slot] = key;
        keys[size] = key;
        slots[size] = slot;
        size++;
        if (size * 2 > table.length) {
            grow();
        }
        return true;
    }

    /** The batch's keys in the order added; empties the set for the next batch. */
    List<String> take() {
        List<String> taken = List.of(Arrays.copyOf(keys, size));
        for (int i = 0; i < size; i++) {
            table[slots[i]] = null;
            keys[i] = null;
        }
        size = 0;
        return taken;
    }

    private void grow() {
        table = new String[table.length * 2];
        int mask = table.length - 1;
        for (int i = 0; i < size; i++) {
            int slot = spread(keys[i].hashCode()) & mask;
            while (table[slot] != null) {
                slot = (slot + 1) & mask;
            }
            table[slot] = keys[i];
            slots[i] = slot;
        }
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }
}
