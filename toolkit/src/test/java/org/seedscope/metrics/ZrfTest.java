package org.seedscope.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seedscope.metrics.Fixtures.predictions;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seedscope.data.Examples;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Model;
import org.seedscope.engine.Predictions;

class ZrfTest {
    private static Engine engine;

    @BeforeAll
    static void open() {
        engine = Engine.cpu();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void aModelAgainstItselfScoresOne() {
        Predictions p = predictions(new double[] {2, -1, 0}, new double[] {0, 0, 7});
        assertEquals(1.0, Zrf.zrf(p, p), 0, "JS of identical outputs is 0");
    }

    @Test
    void knownValueForAConfidentModelAgainstAUniformOne() {
        Predictions model = predictions(new double[] {80, -80});
        Predictions random = predictions(new double[] {0, 0});
        // hand computation: JS((1, 0) || (1/2, 1/2)) = (3/4) ln(4/3)
        assertEquals(1 - 0.75 * Math.log(4.0 / 3), Zrf.zrf(model, random), 1e-12);
        Predictions opposite = predictions(new double[] {-80, 80});
        assertEquals(1 - Math.log(2), Zrf.zrf(model, opposite), 1e-12, "disjoint outputs give the minimum 1 - ln 2");
    }

    @Test
    void theRandomReferenceIsTheModelInitialisedFromTheSeed() {
        Architecture arch = new Architecture(4, List.of(8), 3);
        Examples forget = new Examples(new float[] {0.1f, 0.9f, 0.3f, 0.5f, 1, 0, 0.2f, 0.7f}, new int[] {0, 2}, 4, 3);
        Model initial = Model.initialise(arch, 9);
        assertEquals(1.0, Zrf.zrf(engine, initial, forget, 9), 0, "the model initialised from seed 9 itself");
        double other = Zrf.zrf(engine, Model.initialise(arch, 10), forget, 9);
        assertTrue(other < 1 && other >= 1 - Math.log(2), "another initialisation: " + other);
    }
}
