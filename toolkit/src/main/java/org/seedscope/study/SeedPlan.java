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
        for (ProtocolRun run : spec.protocols()) {
            int bigI = run.trainingSeeds();
            int bigJ = run.unlearningSeeds();
            for (String scenario : spec.forget()) {
                for (int i = 1; i <= bigI; i++) {
                    for (int j = 1; j <= bigJ; j++) {
                        long st = b + i;
                        long su = b + (long) (i - 1) * bigJ + j;
                        long se = b + (long) (i - 1) * bigJ + (j - 1) + 1;
                        for (String method : spec.methodNames()) {
                            cells.add(new Cell(cells.size(), run.protocol(), scenario, method, i, j, st, su, se));
                        }
                    }
                }
            }
        }
        return new SeedPlan(cells);
    }

    /**
     * @param spec a study spec
     * @return how many cells {@link #of} would plan, computed without building them (safe for
     *     absurd seed counts)
     */
    public static long count(StudySpec spec) {
        long n = 0;
        for (ProtocolRun run : spec.protocols()) {
            n = Math.addExact(n, Math.multiplyExact(run.cellsPerMethod(),
                    (long) spec.forget().size() * spec.methods().size()));
        }
        return n;
    }

    /** @return number of cells */
    public int size() {
        return cells.size();
    }
}
