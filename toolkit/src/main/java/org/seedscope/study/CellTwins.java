package org.seedscope.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cells of different protocols that are the same computation: same scenario, method and seeds
 * (e.g. a grid's first training seed and Algorithm 1's run on training seed 1 share their first
 * unlearning seeds under the authors' mapping). Every model and random stream of a cell is derived
 * from its seeds, so such cells give identical rows but for their identity and the measured times;
 * each is computed once and its row copied to its twins.
 */
final class CellTwins {
    private final List<Cell> unique;
    private final Map<Integer, List<Cell>> copies;

    private CellTwins(List<Cell> unique, Map<Integer, List<Cell>> copies) {
        this.unique = unique;
        this.copies = copies;
    }

    /**
     * @param cells the cells to run, in plan order
     * @return their grouping: the first cell of each computation runs, the others copy it
     */
    static CellTwins of(List<Cell> cells) {
        Map<String, Cell> first = new LinkedHashMap<>();
        Map<Integer, List<Cell>> copies = new LinkedHashMap<>();
        for (Cell c : cells) {
            String run = c.scenario() + "|" + c.method() + "|" + c.trainSeed() + "|" + c.unlearnSeed() + "|" + c.evalSeed();
            Cell leader = first.putIfAbsent(run, c);
            if (leader != null) {
                copies.computeIfAbsent(leader.index(), k -> new ArrayList<>()).add(c);
            }
        }
        return new CellTwins(List.copyOf(first.values()), copies);
    }

    /** @return one cell per distinct computation, in plan order */
    List<Cell> unique() {
        return unique;
    }

    /**
     * @param cell a cell of {@link #unique()}
     * @return the other cells that are the same computation (empty for most)
     */
    List<Cell> copiesOf(int cell) {
        return copies.getOrDefault(cell, List.of());
    }

    /**
     * @param result a computed cell's result
     * @param twin a cell that is the same computation
     * @return the result as the twin's: its key and identity, every other value the same
     */
    static CellResult as(CellResult result, Cell twin) {
        var id = result.row().identity();
        var twinId = new org.seedscope.results.ResultRow.CellId(twin.index(), twin.protocol().id(), id.scenario(),
                id.method(), id.methodId(), twin.i(), twin.j(), id.trainSeed(), id.unlearnSeed(), id.evalSeed());
        return new CellResult(result.row().relabelled(twin.key(), twinId), result.method(), result.retrain());
    }
}
