package io.binlogsync.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.binlogsync.config.ElasticsearchConfig;
import io.binlogsync.config.IndexDefinition;
import org.elasticsearch.client.RestClient;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;

/**
 * The index administration a rebuild under an alias needs: what a name stands for, creating the new index like the
 * live one (or from a template), refreshing, the atomic alias switch, deleting. Its own client, apart from the
 * sink's bulk writes.
 */
public final class IndexAdmin implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestClient restClient;
    private final String hosts;
    private final JsonCalls calls;

    public IndexAdmin(ElasticsearchConfig config) {
        this.restClient = RestClients.build(config);
        this.hosts = config.hosts().toString();
        this.calls = new JsonCalls(restClient, hosts, JSON);
    }

    /** What {@code name} stands for now. */
    public ResolvedIndexName resolve(String name) throws IOException {
        Optional<JsonNode> aliased = calls.call("GET", "/_alias/" + name, null);
        if (aliased.isPresent() && aliased.get().size() > 0) {
            List<String> indices = new ArrayList<>();
            aliased.get().fieldNames().forEachRemaining(indices::add);
            indices.sort(null);
            return ResolvedIndexName.alias(name, indices);
        }
        return exists(name) ? ResolvedIndexName.index(name) : ResolvedIndexName.missing(name);
    }

    /** Whether an index or alias of that name exists. */
    public boolean exists(String name) throws IOException {
        return calls.call("HEAD", "/" + name, null).isPresent();
    }

    /**
     * Creates {@code index} with the mappings and user settings of {@code like} (see {@link UserIndexSettings}), or,
     * when {@code like} is empty, with an empty body (index templates and dynamic mapping decide).
     */
    public void create(String index, Optional<String> like) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        if (like.isPresent()) {
            String source = like.get();
            JsonNode settings = calls.call("GET", "/" + source + "/_settings?flat_settings=true", null)
                    .orElseThrow(() -> new IOException("index " + source + " disappeared before its settings were read"));
            JsonNode mappings = calls.call("GET", "/" + source + "/_mapping", null).orElseThrow(() ->
                    new IOException("index " + source + " disappeared before its mappings were read"));
            body.set("settings", UserIndexSettings.of((ObjectNode) settings.path(source).path("settings")));
            JsonNode mapping = mappings.path(source).path("mappings");
            if (mapping.isObject() && mapping.size() > 0) {
                body.set("mappings", mapping);
            }
        }
        calls.call("PUT", "/" + index, body);
    }

    /** Creates {@code index} from the settings and mappings a mapping configures. */
    public void create(String index, IndexDefinition definition) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        if (definition.settings().isPresent()) {
            body.set("settings", JSON.readTree(definition.settings().get()));
        }
        if (definition.mappings().isPresent()) {
            body.set("mappings", JSON.readTree(definition.mappings().get()));
        }
        calls.call("PUT", "/" + index, body);
    }

    /**
     * The {@code mappings} object of each index {@code name} stands for (itself, or each index behind the alias),
     * by index name; empty when there is no such index or alias.
     */
    public Map<String, JsonNode> mappings(String name) throws IOException {
        Map<String, JsonNode> byIndex = new TreeMap<>();
        calls.call("GET", "/" + name + "/_mapping", null).ifPresent(answer -> answer.fields().forEachRemaining(
                entry -> byIndex.put(entry.getKey(), entry.getValue().path("mappings"))));
        return byIndex;
    }

    /** The names of the index templates (composable and legacy) whose patterns match {@code index}. */
    public List<String> templatesMatching(String index) throws IOException {
        List<String> names = new ArrayList<>();
        Optional<JsonNode> composable = calls.call("GET", "/_index_template", null);
        for (JsonNode template : composable.map(t -> t.path("index_templates")).orElse(JSON.createArrayNode())) {
            if (IndexPatterns.anyMatches(template.path("index_template").path("index_patterns"), index)) {
                names.add(template.path("name").asText());
            }
        }
        Optional<JsonNode> legacy = calls.call("GET", "/_template", null);
        legacy.ifPresent(templates -> templates.fields().forEachRemaining(entry -> {
            if (IndexPatterns.anyMatches(entry.getValue().path("index_patterns"), index)) {
                names.add(entry.getKey());
            }
        }));
        return names;
    }

    public void refresh(String index) throws IOException {
        calls.call("POST", "/" + index + "/_refresh", null);
    }

    /** Runs the switch's actions as one atomic {@code _aliases} request. */
    public void switchAliases(AliasSwitch aliasSwitch) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode actions = body.putArray("actions");
        for (AliasSwitch.Action action : aliasSwitch.actions()) {
            if (action instanceof AliasSwitch.Add add) {
                actions.addObject().putObject("add").put("index", add.index()).put("alias", add.alias());
            } else if (action instanceof AliasSwitch.Remove remove) {
                actions.addObject().putObject("remove").put("index", remove.index()).put("alias", remove.alias());
            } else if (action instanceof AliasSwitch.RemoveIndex removeIndex) {
                actions.addObject().putObject("remove_index").put("index", removeIndex.index());
            }
        }
        JsonNode answer = calls.call("POST", "/_aliases", body).orElseThrow(() -> new IOException("Elasticsearch "
                + hosts + " found no index for the alias switch " + aliasSwitch));
        if (!answer.path("acknowledged").asBoolean()) {
            throw new IOException("Elasticsearch " + hosts + " did not acknowledge the alias switch " + aliasSwitch
                    + " in time; it may still apply");
        }
    }

    /** Deletes the index; returns false when there was none. */
    public boolean delete(String index) throws IOException {
        return calls.call("DELETE", "/" + index, null).isPresent();
    }

    @Override
    public void close() {
        try {
            restClient.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
