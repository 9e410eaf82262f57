package io.binlogsync.config;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Shared fixtures: the smallest valid configuration, and ways to see the problems of a broken one. */
final class ConfigTestSupport {

    static final String ORIGIN = "test.conf";

    /** Valid on its own; tests append lines, which override earlier ones in HOCON. */
    static final String MINIMAL = """
            source { user = "sync", password = "pw", server-id = 4201 }
            state.file = "/tmp/binlog-sync-state.json"
            mappings = [{ table = "shop.products", index = "products" }]
            """;

    private ConfigTestSupport() {
    }

    static SyncConfig parse(String hocon) {
        return ConfigLoader.parse(hocon, ORIGIN);
    }

    static List<ConfigProblem> problems(String hocon) {
        return problems(hocon, Map.of());
    }

    static List<ConfigProblem> problems(String hocon, Map<String, String> environment) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(hocon, ORIGIN, environment))
                .problems();
    }

    /** The one problem at {@code path}, which must mention every fragment (the complaint and the hint). */
    static ConfigProblem assertProblem(List<ConfigProblem> problems, String path, String... fragments) {
        List<ConfigProblem> atPath = problems.stream().filter(p -> p.path().equals(path)).toList();
        if (atPath.size() != 1) {
            fail("expected one problem at " + path + " but got:\n" + describe(problems));
        }
        ConfigProblem problem = atPath.get(0);
        for (String fragment : fragments) {
            assertTrue(problem.message().contains(fragment),
                    () -> "problem at " + path + " should contain \"" + fragment + "\": " + problem.text());
        }
        return problem;
    }

    /** Parses MINIMAL plus {@code override} and checks the only problem is at {@code path}. */
    static ConfigProblem assertOnlyProblem(String override, String path, String... fragments) {
        List<ConfigProblem> problems = problems(MINIMAL + override);
        ConfigProblem problem = assertProblem(problems, path, fragments);
        if (problems.size() != 1) {
            fail("expected only the problem at " + path + " but got:\n" + describe(problems));
        }
        return problem;
    }

    static String describe(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::text).collect(Collectors.joining("\n"));
    }
}
