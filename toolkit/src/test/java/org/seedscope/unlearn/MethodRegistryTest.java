package org.seedscope.unlearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seedscope.engine.Model;

class MethodRegistryTest {

    /** A user's own method, as a notebook would define it: returns the original unchanged. */
    record Identity() implements UnlearningMethod {
        @Override
        public String name() {
            return "identity";
        }

        @Override
        public boolean deterministic() {
            return true;
        }

        @Override
        public Map<String, Object> hyperparameters() {
            return Map.of();
        }

        @Override
        public Model unlearn(Model original, UnlearningContext context) {
            return original.copy();
        }
    }

    @Test
    void standardRegistryHoldsEveryMethodUnderItsName() {
        MethodRegistry registry = MethodRegistry.standard();
        assertEquals(List.of("amnesiac", "bad-teacher", "finetune", "l1-sparse", "lfssd", "lfssd-det", "neggrad",
                "neggrad+", "original", "random-labels", "retrain", "salun", "scrub", "ssd", "ssd-det", "unsir"),
                List.copyOf(registry.ids()), "sorted ids: the fifteen methods and the original as reference");
        for (String id : registry.ids()) {
            assertEquals(id, registry.get(id).name());
        }
        assertEquals(Scrub.withDefaults(), registry.get("scrub"), "standard methods carry their defaults");
    }

    @Test
    void unknownIdListsTheKnownOnesSorted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.standard().get("sdd"));
        assertTrue(e.getMessage().contains("'sdd'"), e.getMessage());
        assertTrue(e.getMessage().contains("amnesiac, bad-teacher, finetune, l1-sparse, lfssd, lfssd-det, neggrad, "
                + "neggrad+, original, random-labels, retrain, salun, scrub, ssd, ssd-det, unsir"), e.getMessage());
    }

    @Test
    void userMethodsCanBeAddedWithoutChangingTheOriginalRegistry() {
        MethodRegistry standard = MethodRegistry.standard();
        MethodRegistry mine = standard.with(new Identity());
        assertEquals(new Identity(), mine.get("identity"));
        assertTrue(mine.ids().contains("retrain"));
        assertThrows(IllegalArgumentException.class, () -> standard.get("identity"));
    }

    @Test
    void withReplacesAMethodOfTheSameName() {
        Finetune longer = Finetune.withDefaults().withEpochs(10);
        MethodRegistry tuned = MethodRegistry.standard().with(longer);
        assertSame(longer, tuned.get("finetune"));
        assertEquals(MethodRegistry.standard().ids(), tuned.ids());
    }

    @Test
    void duplicateNamesInOneListAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MethodRegistry.of(List.of(Finetune.withDefaults(), Finetune.withDefaults().withEpochs(2))));
        assertTrue(e.getMessage().contains("finetune"), e.getMessage());
    }
}
