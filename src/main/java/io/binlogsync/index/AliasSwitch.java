package io.binlogsync.index;

import java.util.ArrayList;
import java.util.List;

/**
 * The actions of one atomic {@code _aliases} request that makes {@code alias} point at a newly built index instead
 * of what it points at now, and the indices to delete afterwards. A concrete index named like the alias (the first
 * switch) must go in the same request ({@code remove_index}): the name cannot be an index and an alias at once, and
 * removed first it would answer 404 for a moment. An alias's old index is taken out of it in the same request and,
 * unless kept, deleted afterwards, once searches that began on it have ended.
 */
public record AliasSwitch(List<Action> actions, List<String> deleteAfter) {

    /** One action of an {@code _aliases} request. */
    public sealed interface Action permits Add, Remove, RemoveIndex {
    }

    public record Add(String index, String alias) implements Action {
    }

    public record Remove(String index, String alias) implements Action {
    }

    public record RemoveIndex(String index) implements Action {
    }

    public AliasSwitch {
        actions = List.copyOf(actions);
        deleteAfter = List.copyOf(deleteAfter);
    }

    /** The switch of {@code current}'s name to {@code newIndex}. */
    public static AliasSwitch to(ResolvedIndexName current, String newIndex, boolean keepOldIndex) {
        List<Action> actions = new ArrayList<>();
        List<String> deleteAfter = new ArrayList<>();
        switch (current.kind()) {
            case MISSING -> { }
            case INDEX -> actions.add(new RemoveIndex(current.name()));
            case ALIAS -> {
                for (String old : current.indices()) {
                    if (old.equals(newIndex)) {
                        continue;
                    }
                    actions.add(new Remove(old, current.name()));
                    if (!keepOldIndex) {
                        deleteAfter.add(old);
                    }
                }
            }
        }
        actions.add(new Add(newIndex, current.name()));
        return new AliasSwitch(actions, deleteAfter);
    }

    /** Several switches as one request. */
    public static AliasSwitch combined(List<AliasSwitch> switches) {
        List<Action> actions = new ArrayList<>();
        List<String> deleteAfter = new ArrayList<>();
        switches.forEach(each -> {
            actions.addAll(each.actions());
            deleteAfter.addAll(each.deleteAfter());
        });
        return new AliasSwitch(actions, deleteAfter);
    }
}
