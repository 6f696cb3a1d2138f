package org.seedscope.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Model;

class WeightDistanceTest {
    private final Architecture arch = new Architecture(3, List.of(4), 2);

    @Test
    void aModelIsAtDistanceZeroFromItself() {
        Model m = Model.initialise(arch, 1);
        assertArrayEquals(new double[] {0, 0}, WeightDistance.layers(m, m.copy()), 0);
        assertEquals(0, WeightDistance.total(m, m), 0);
    }

    @Test
    void shiftingEachLayerByAConstantGivesAKnownDistance() {
        Model m = Model.initialise(arch, 1);
        Model shifted = m.copy();
        for (int l = 0; l < arch.parameterLayers().size(); l++) {
            float delta = l == 0 ? 0.25f : 0.5f;
            Architecture.LayerRange r = arch.parameterLayers().get(l);
            for (int i = r.offset(); i < r.offset() + r.length(); i++) {
                shifted.parameters().set(i, m.parameters().get(i) + delta);
            }
        }
        // hand computation: layer 1 has 3*4+4 = 16 parameters shifted by 1/4 -> sqrt(16)/4 = 1;
        // layer 2 has 4*2+2 = 10 shifted by 1/2 -> sqrt(10)/2; total sqrt(1 + 10/4)
        assertArrayEquals(new double[] {1, Math.sqrt(10) / 2}, WeightDistance.layers(m, shifted), 1e-6);
        assertEquals(Math.sqrt(3.5), WeightDistance.total(shifted, m), 1e-6);
    }

    @Test
    void modelsOfDifferentArchitecturesAreRejected() {
        Model m = Model.initialise(arch, 1);
        Model other = Model.initialise(new Architecture(3, List.of(5), 2), 1);
        assertThrows(IllegalArgumentException.class, () -> WeightDistance.layers(m, other));
    }
}
