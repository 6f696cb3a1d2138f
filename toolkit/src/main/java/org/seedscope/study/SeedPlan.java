package org.seedscope.study;

import java.util.ArrayList;
import java.util.List;

/**
 * The explicit list of cells of a study, using the authors' seed mapping with an offset b (the
 * spec's base seed) and K = 1 evaluation seed:
 * {@code s_t = b + i}, {@code s_u = b + (i-1)J + j}, {@code s_e = b + (i-1)JK + (j-1)K + k}.
 * For Algorithm 2 (J = 1) this gives {@code s_u = b + i}; for Algorithm 1 (I = 1), {@code s_u = b + j}.
 * Cells are ordered by protocol, scenario, training seed, unlearning seed, method.
 *
 * @param cells the cells
 */
public record SeedPlan(List<Cell> cells) {
    /** Copies the list. */
    public SeedPlan {
        cells = List.copyOf(cells);
    }

    /**
     * @param spec the study spec
     * @return its plan
     */
    public static SeedPlan of(StudySpec spec) {
        List<Cell> cells = new ArrayList<>();
        long b = spec.baseSeed();
        for (Protocol protocol : spec.protocols()) {
            int bigI = protocol.trainingSeeds(spec.trainingSeeds());
            int bigJ = protocol.unlearningSeeds(spec.unlearningSeeds());
            for (String scenario : spec.forgetIds()) {
                for (int i = 1; i <= bigI; i++) {
                    for (int j = 1; j <= bigJ; j++) {
                        long st = b + i;
                        long su = b + (long) (i - 1) * bigJ + j;
                        long se = b + (long) (i - 1) * bigJ + (j - 1) + 1;
                        for (String method : spec.methods()) {
                            cells.add(new Cell(cells.size(), protocol, scenario, method, i, j, st, su, se));
                        }
                    }
                }
            }
        }
        return new SeedPlan(cells);
    }

    /** @return number of cells */
    public int size() {
        return cells.size();
    }
}
