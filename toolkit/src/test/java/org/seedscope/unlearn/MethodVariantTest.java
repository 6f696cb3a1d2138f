package org.seedscope.unlearn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Variants built from data, and hyperparameter names read from the records. */
class MethodVariantTest {
    private static final MethodRegistry REGISTRY = MethodRegistry.standard();

    @Test
    void aVariantIsTheMethodWithSomeValuesReplacedUnderItsOwnName() {
        UnlearningMethod v = REGISTRY.variant("ssd", "ssd-a100", Map.of("alpha", 100));
        assertEquals("ssd-a100", v.name(), "rows' method column");
        assertEquals("ssd", v.id(), "family id for provenance");
        assertEquals(SelectiveDampening.ssd().withAlpha(100), v.base());
        Map<String, Object> expected = new LinkedHashMap<>(SelectiveDampening.ssd().hyperparameters());
        expected.put("alpha", 100.0);
        assertEquals(expected, v.hyperparameters(), "full effective settings, the Integer 100 as a double");
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(v.hyperparameters().keySet()), "stable order");
        assertSame(v, REGISTRY.with(v).get("ssd-a100"), "registered under its name");
        assertTrue(REGISTRY.with(v).get("ssd").equals(SelectiveDampening.ssd()), "the base id keeps its defaults");
    }

    @Test
    void valuesArriveAsJsonAndYamlParsersGiveThem() {
        UnlearningMethod shuffled = REGISTRY.variant("lfssd", "lfssd-shuffled", Map.of("order", "shuffled",
                "batchSize", 128L, "lambda", 2));
        assertEquals(SelectiveDampening.lfssd().withOrder(SelectiveDampening.Order.SHUFFLED).withBatchSize(128)
                .withLambda(2), shuffled.base());
        assertFalse(shuffled.deterministic(), "a shuffled batch-mean variant declares its seed dependence");
        assertEquals(SelectiveDampening.Order.SHUFFLED, ((SelectiveDampening) REGISTRY.variant("ssd", null,
                Map.of("order", "SHUFFLED"))).order(), "enum ids ignore case");
        UnlearningMethod decayed = REGISTRY.variant("finetune", "finetune-wd", Map.of("weightDecay", 5e-4, "epochs", 10));
        assertEquals(Finetune.withDefaults().withWeightDecay(5e-4).withEpochs(10), decayed.base(),
                "keys of the nested settings record");
        assertEquals(5e-4, decayed.hyperparameters().get("weightDecay"));
        Amnesiac none = (Amnesiac) REGISTRY.variant("amnesiac", null, Map.of("repairEpochs", 0));
        assertTrue(none.deterministic(), "amnesiac without repair is deterministic");
    }

    @Test
    void noValuesAndNoNewNameGiveTheRegisteredMethod() {
        assertSame(REGISTRY.get("scrub"), REGISTRY.variant("scrub", null, Map.of()));
        assertEquals(REGISTRY.get("scrub"), REGISTRY.variant("scrub", "scrub", Map.of("alpha", 1.0)));
        UnlearningMethod renamed = REGISTRY.variant("original", "reference", Map.of());
        assertEquals("reference", renamed.name());
        assertEquals("original", renamed.id());
    }

    @Test
    void aVariantOfAVariantStartsFromItsSettings() {
        MethodRegistry withA100 = REGISTRY.with(REGISTRY.variant("ssd", "ssd-a100", Map.of("alpha", 100)));
        UnlearningMethod v = withA100.variant("ssd-a100", null, Map.of("lambda", 0.5));
        assertEquals("ssd-a100", v.name());
        assertEquals(SelectiveDampening.ssd().withAlpha(100).withLambda(0.5), v.base());
    }

    @Test
    void anUnknownKeyListsTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> REGISTRY.variant("ssd", "x", Map.of("alfa", 100, "batch_size", 32)));
        assertEquals("method 'ssd' has no hyperparameter 'alfa', 'batch_size'; allowed: alpha, lambda, importance, "
                + "objective, order, batchSize, tolerance", e.getMessage());
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class,
                () -> REGISTRY.variant("sdd", "x", Map.of()));
        assertTrue(id.getMessage().contains("'sdd'") && id.getMessage().contains("ssd-det"), id.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeIsRejectedNamingKeyValueAndMethod() {
        assertEquals("method 'ssd': hyperparameter alpha = \"big\" must be a number",
                message(() -> REGISTRY.variant("ssd", "x", Map.of("alpha", "big"))));
        assertEquals("method 'finetune': hyperparameter epochs = 2.5 must be a whole number",
                message(() -> REGISTRY.variant("finetune", "x", Map.of("epochs", 2.5))));
        assertEquals("method 'finetune': hyperparameter epochs = 4294967296 must be a whole number between -2^31 and 2^31 - 1",
                message(() -> REGISTRY.variant("finetune", "x", Map.of("epochs", 1L << 32))));
        assertEquals("method 'ssd': hyperparameter order = \"sideways\" must be one of authors, shuffled",
                message(() -> REGISTRY.variant("ssd", "x", Map.of("order", "sideways"))));
        Map<String, Object> nullValue = new LinkedHashMap<>();
        nullValue.put("alpha", null);
        assertEquals("method 'ssd': hyperparameter alpha = null must be given (null)",
                message(() -> REGISTRY.variant("ssd", "x", nullValue)));
    }

    @Test
    void anInvalidValueIsRejectedByTheMethodsOwnRulesNamingKeyValueAndMethod() {
        String alpha = message(() -> REGISTRY.variant("ssd", "x", Map.of("alpha", -1)));
        assertTrue(alpha.startsWith("method 'ssd' rejects {alpha=-1}: ssd: alpha must be a positive finite number, "
                + "got -1.0"), alpha);
        String rounds = message(() -> REGISTRY.variant("scrub", "x", Map.of("maxEpochs", 9)));
        assertTrue(rounds.contains("scrub: maxEpochs must be in [0, epochs = 5], got 9"), rounds);
        String order = message(() -> REGISTRY.variant("ssd-det", "x", Map.of("order", "shuffled")));
        assertTrue(order.contains("ssd-det: order = shuffled has no effect"), order);
        String decay = message(() -> REGISTRY.variant("random-labels", "x", Map.of("weightDecay", -0.1)));
        assertTrue(decay.contains("random-labels: weightDecay must be a non-negative finite number, got -0.1"), decay);
    }

    @Test
    void aMethodThatIsNotARecordTakesANameButNoValues() {
        UnlearningMethod custom = new UnlearningMethod() {
            @Override
            public String name() {
                return "custom";
            }

            @Override
            public boolean deterministic() {
                return true;
            }

            @Override
            public org.seedscope.engine.Model unlearn(org.seedscope.engine.Model original, UnlearningContext context) {
                return original.copy();
            }
        };
        MethodRegistry mine = REGISTRY.with(custom);
        assertEquals(Map.of(), custom.hyperparameters(), "no record components, no hyperparameters");
        assertEquals("custom-2", mine.variant("custom", "custom-2", Map.of()).name());
        String e = message(() -> mine.variant("custom", "x", Map.of("alpha", 1)));
        assertTrue(e.contains("'custom' is not a record"), e);
    }

    @Test
    void hyperparameterNamesAreTheCamelCaseRecordComponentsOfEveryRegisteredMethod() {
        for (String id : REGISTRY.ids()) {
            UnlearningMethod m = REGISTRY.get(id);
            List<String> names = List.copyOf(m.hyperparameters().keySet());
            assertEquals(components(m.getClass()), names, id);
            for (String name : names) {
                assertTrue(name.matches("[a-z][a-zA-Z0-9]*"), id + ": '" + name + "' is not camelCase");
            }
        }
        // hand-written expectations for the settings record and a method with its own fields
        assertEquals(List.of("epochs", "learningRate", "momentum", "weightDecay", "batchSize"),
                List.copyOf(Finetune.withDefaults().hyperparameters().keySet()));
        assertEquals(List.of("maxEpochs", "alpha", "forgetBatchSize", "epochs", "learningRate", "momentum",
                "weightDecay", "batchSize"), List.copyOf(Scrub.withDefaults().hyperparameters().keySet()));
        assertEquals(List.of("noiseSteps", "noiseLearningRate", "noiseRegularization", "noiseCopies", "retainPerClass",
                "impairLearningRate", "repairLearningRate"), List.copyOf(Unsir.withDefaults().hyperparameters().keySet()));
        assertEquals(Map.of("repairEpochs", 1), Amnesiac.withDefaults().hyperparameters());
        assertEquals(Map.of(), Retrain.withDefaults().hyperparameters());
    }

    /** @return the record component names of a class, nested records flattened in place */
    private static List<String> components(Class<?> type) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getType().isRecord()) {
                out.addAll(components(c.getType()));
            } else {
                out.add(c.getName());
            }
        }
        return out;
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
