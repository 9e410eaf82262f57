package io.binlogsync.testing.servers;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts {@link TestServers#shared()} before the first test class that uses it and stops them when
 * the whole test run ends. Test and lifecycle methods may declare parameters of type
 * {@link TestServers}, {@link MariaDbServer}, {@link RedisServer} or {@link LocalSearchServer}.
 */
public final class TestServersExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestServersExtension.class);

    private static final Map<Class<?>, Function<TestServers, Object>> PARAMETERS = Map.of(
            TestServers.class, servers -> servers,
            MariaDbServer.class, TestServers::mariadb,
            RedisServer.class, TestServers::redis,
            LocalSearchServer.class, TestServers::elasticsearch);

    @Override
    public void beforeAll(ExtensionContext context) {
        servers(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return PARAMETERS.containsKey(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return PARAMETERS.get(parameter.getParameter().getType()).apply(servers(context));
    }

    private static TestServers servers(ExtensionContext context) {
        // The root store is closed when the whole run ends, so every test class shares one set.
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunScopedServers.class, key -> new RunScopedServers(TestServers.shared()),
                        RunScopedServers.class)
                .servers();
    }

    private record RunScopedServers(TestServers servers) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            servers.close();
        }
    }
}
