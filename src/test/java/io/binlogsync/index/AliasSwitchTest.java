package io.binlogsync.index;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AliasSwitchTest {

    @Test
    void aConcreteIndexNamedLikeTheAliasIsRemovedInTheSameRequest() {
        AliasSwitch first = AliasSwitch.to(ResolvedIndexName.index("products"), "products-1", false);
        assertEquals(List.of(new AliasSwitch.RemoveIndex("products"), new AliasSwitch.Add("products-1", "products")),
                first.actions());
        assertEquals(List.of(), first.deleteAfter());
    }

    @Test
    void anAliasMovesAtOnceAndItsOldIndexIsDeletedAfterUnlessKept() {
        ResolvedIndexName alias = ResolvedIndexName.alias("products", List.of("products-1"));
        AliasSwitch next = AliasSwitch.to(alias, "products-2", false);
        assertEquals(List.of(new AliasSwitch.Remove("products-1", "products"),
                new AliasSwitch.Add("products-2", "products")), next.actions());
        assertEquals(List.of("products-1"), next.deleteAfter());
        assertEquals(List.of(), AliasSwitch.to(alias, "products-2", true).deleteAfter());
    }

    @Test
    void aMissingNameOnlyGetsTheAliasAndSeveralSwitchesAreOneRequest() {
        AliasSwitch both = AliasSwitch.combined(List.of(
                AliasSwitch.to(ResolvedIndexName.missing("orders"), "orders-1", false),
                AliasSwitch.to(ResolvedIndexName.index("products"), "products-1", false)));
        assertEquals(List.of(new AliasSwitch.Add("orders-1", "orders"), new AliasSwitch.RemoveIndex("products"),
                new AliasSwitch.Add("products-1", "products")), both.actions());
    }
}
