package io.binlogsync.snapshot;

import io.binlogsync.event.TableId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
        assertEquals(List.of(ResyncRequest.inPlace(PRODUCTS)), requests.pending());
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

    @Test
    void aRequestForANewIndexKeepsItsOptions() throws IOException {
        ResyncRequests requests = new ResyncRequests(dir.resolve("state.json"));
        requests.request(ResyncRequest.newIndex(PRODUCTS, true, false));
        assertEquals(List.of(new ResyncRequest(PRODUCTS, true, true, false)), requests.pending());
    }

    @Test
    void aRequestFileOfAnOlderVersionHoldingTheTableNameMeansInPlace() throws IOException {
        assertEquals(ResyncRequest.inPlace(PRODUCTS), ResyncRequests.parseRequest(PRODUCTS, "shop.products".getBytes()));
        assertEquals(ResyncRequest.inPlace(PRODUCTS), ResyncRequests.parseRequest(PRODUCTS,
                "{\"table\":\"shop.products\",\"new-index\":false}".getBytes()));
        assertEquals(ResyncRequest.newIndex(PRODUCTS, false, true), ResyncRequests.parseRequest(PRODUCTS,
                "{\"new-index\":true,\"keep-old-index\":true}".getBytes()));
    }

    @Test
    void templateAndKeepOptionsNeedANewIndex() {
        assertThrows(IllegalArgumentException.class, () -> new ResyncRequest(PRODUCTS, false, true, false));
    }

    @Test
    void theNewIndicesOfAStatusAndTheRecordOfARebuildAreReadBack() throws IOException {
        ResyncRequests requests = new ResyncRequests(dir.resolve("state.json"));
        Map<String, String> indices = Map.of("products", "products-20250314-093000");
        requests.writeStatus(PRODUCTS, new ResyncRequests.Status("running", 1, 2, "building", indices));
        assertEquals(indices, requests.status(PRODUCTS).orElseThrow().newIndices());
        assertEquals(List.of(PRODUCTS), requests.tablesWithStatus());

        requests.recordRebuild(PRODUCTS, indices);
        requests.request(PRODUCTS);
        assertEquals(Map.of(PRODUCTS, indices), requests.recordedRebuilds(), "a new request leaves the record");
        requests.forgetRebuild(PRODUCTS);
        assertEquals(Map.of(), requests.recordedRebuilds());
    }
}
