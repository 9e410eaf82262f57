package io.binlogsync.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;

/** Every default, written once. conf/binlog-sync.conf documents them for users; keep the two in step. */
final class ConfigDefaults {

    /** The origin description of default values; {@link OriginText} renders it as "no origin". */
    static final String ORIGIN = "binlog-sync built-in defaults";

    private static final String HOCON = """
            # Merged under the user's file with withFallback.
            sync {
              source {
                host = "127.0.0.1"
                port = 3306
                start = current
                connect-timeout = 10s
                heartbeat-interval = 5s
                tls.mode = disabled
              }
              elasticsearch {
                hosts = ["http://127.0.0.1:9200"]
                request-timeout = 30s
                versions = binlog-position
                bulk {
                  max-actions = 1000
                  max-bytes = 5MB
                  max-wait = 200ms
                }
              }
              pipeline {
                queue-capacity = 1000
                retry {
                  initial-backoff = 500ms
                  max-backoff = 30s
                }
                shutdown-timeout = 10s
                in-flight-batches = 2
              }
              ddl {
                on-truncate = delete-documents
                on-drop = stop-mapping
              }
              metrics {
                ready-max-lag = 60s
                wedged-after = 5m
              }
              snapshot {
                mode = never
                chunk-size = 5000
                locking = auto
                lock-wait-timeout = 10s
              }
            }
            # Merged under each element of `mappings`.
            mapping {
              id = []
              fields {
                "include" = []
                exclude = []
                rename {}
                convert {}
              }
              redis.invalidate = []
            }
            """;

    private static final Config ALL =
            ConfigFactory.parseString(HOCON, ConfigParseOptions.defaults().setOriginDescription(ORIGIN));

    private ConfigDefaults() {
    }

    /** Defaults for the top level of the file. */
    static Config sync() {
        return ALL.getConfig("sync");
    }

    /** Defaults for one element of {@code mappings}. */
    static ConfigObject mapping() {
        return ALL.getObject("mapping");
    }
}
