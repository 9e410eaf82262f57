package io.binlogsync.it;

import io.binlogsync.testing.HttpResult;
import io.binlogsync.testing.Jdbc;
import io.binlogsync.testing.servers.LocalSearchServer;
import io.binlogsync.testing.servers.MariaDbServer;
import io.binlogsync.testing.servers.RedisServer;
import io.binlogsync.testing.servers.TestServersExtension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

@ExtendWith(TestServersExtension.class)
class TestServersIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void adminCanQuery(MariaDbServer mariadb) throws SQLException {
        assertEquals(List.of(Map.of("one", 1)), mariadb.query("SELECT 1 AS one"));
    }

    @Test
    void syncCanQueryAndReadBinlogState(MariaDbServer mariadb) throws SQLException {
        try (Connection sync = mariadb.connect(MariaDbServer.SYNC_USER, MariaDbServer.SYNC_PASSWORD)) {
            assertEquals(List.of(Map.of("one", 1)), Jdbc.query(sync, "SELECT 1 AS one"));
            List<Map<String, Object>> status = Jdbc.query(sync, "SHOW MASTER STATUS");
            assertEquals(1, status.size(), "SHOW MASTER STATUS rows");
            assertTrue(String.valueOf(status.get(0).get("File")).startsWith("mysql-bin."), status.toString());
            assertFalse(Jdbc.query(sync, "SHOW BINARY LOGS").isEmpty(), "SHOW BINARY LOGS is empty");
        }
    }

    @Test
    void binlogIsRowBasedWithFullImagesAndMetadata(MariaDbServer mariadb) throws SQLException {
        Map<String, Object> settings = mariadb.query("SELECT @@binlog_format AS format, @@binlog_row_image AS image,"
                + " @@binlog_row_metadata AS metadata, @@log_bin AS log_bin").get(0);
        assertEquals("ROW", settings.get("format"));
        assertEquals("FULL", settings.get("image"));
        assertEquals("FULL", settings.get("metadata"));
        assertEquals(1, ((Number) settings.get("log_bin")).intValue());
    }

    @Test
    void redisStoresAndReturnsValues(RedisServer redis) {
        try (Jedis jedis = redis.client()) {
            jedis.set("harness:key", "value");
            assertEquals("value", jedis.get("harness:key"));
        }
    }

    @Test
    void redisRestartKeepsPortAndWorks(RedisServer redis) {
        int port = redis.port();
        redis.restart();
        assertEquals(port, redis.port());
        assertEquals("redis://127.0.0.1:" + port, redis.uri());
        try (Jedis jedis = redis.client()) {
            jedis.set("harness:after-restart", "yes");
            assertEquals("yes", jedis.get("harness:after-restart"));
        }
    }

    @Test
    void elasticsearchReportsHealth(LocalSearchServer elasticsearch) {
        HttpResult health = elasticsearch.request("GET", "/_cluster/health", null);
        assertEquals(200, health.status(), health.body());
    }

    @Test
    void elasticsearchReturnsAStoredDocument(LocalSearchServer elasticsearch) throws Exception {
        HttpResult put = elasticsearch.request("PUT", "/harness-check/_doc/1", "{\"name\":\"alpha\",\"count\":3}");
        assertTrue(put.isSuccess(), put.status() + " " + put.body());
        elasticsearch.refresh("harness-check");

        HttpResult get = elasticsearch.request("GET", "/harness-check/_doc/1", null);
        assertEquals(200, get.status(), get.body());
        JsonNode source = JSON.readTree(get.body()).get("_source");
        assertEquals("alpha", source.get("name").asText());
        assertEquals(3, source.get("count").asInt());
    }
}
