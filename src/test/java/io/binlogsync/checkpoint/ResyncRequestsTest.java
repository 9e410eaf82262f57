package io.binlogsync.checkpoint;

import io.binlogsync.event.TableId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResyncRequestsTest {
    private static final TableId PRODUCTS = TableId.parse("shop.products");

    @TempDir
    Path dir;

    @Test
    void aRequestIsPendingUntilTakenAndItsStatusIsReadBack() throws IOException {
        ResyncRequests requests = new ResyncRequests(dir.resolve("state.json"));
        assertEquals(List.of(), requests.pending());
        requests.request(PRODUCTS);
        assertEquals(List.of(PRODUCTS), requests.pending());
        requests.take(PRODUCTS);
        assertEquals(List.of(), requests.pending());

        requests.writeStatus(PRODUCTS, new ResyncRequests.Status("running", 5000, 20000, ""));
        ResyncRequests.Status running = requests.status(PRODUCTS).orElseThrow();
        assertFalse(running.finished());
        assertEquals(5000, running.rows());
        requests.writeStatus(PRODUCTS, new ResyncRequests.Status("failed", 5000, 20000, "Elasticsearch refused"));
        assertTrue(requests.status(PRODUCTS).orElseThrow().finished());
    }

    @Test
    void aNewRequestForgetsTheStatusOfTheLastOne() throws IOException {
        ResyncRequests requests = new ResyncRequests(dir.resolve("state.json"));
        requests.writeStatus(PRODUCTS, new ResyncRequests.Status("done", 10, 10, ""));
        requests.request(PRODUCTS);
        assertEquals(Optional.empty(), requests.status(PRODUCTS));
    }
}
