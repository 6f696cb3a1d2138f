package org.seedscope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.seedscope.study.Cell;
import org.seedscope.study.SeedPlan;
import org.seedscope.study.SpecFiles;

/**
 * How cells become jobs and tasks: with models first, every distinct original and Retrain is
 * prepared by exactly one task before any cell runs, and every remaining cell runs exactly once;
 * with groups, one task per (scenario, training seed). Checked on Algorithm 1 alone (one training
 * seed), on both protocols sharing models, and on a resumed study.
 */
class WorkSplitTest {
    private static final String ALGORITHM_1 = """
            name: alg1
            dataset: digits
            model: mlp-16
            forget: [full:3, full:5]
            methods: [retrain, finetune]
            trainingSeeds: 1
            unlearningSeeds: 4
            protocol: one-training-seed
            """;

    private static List<Cell> cells(String yaml) {
        return SeedPlan.of(SpecFiles.parse(yaml, true, "test.yaml")).cells();
    }

    @Test
    void modelsFirstSpreadsAlgorithm1OverItsRetrainsAndPreparesEachModelOnce() {
        List<Cell> todo = cells(ALGORITHM_1);
        WorkSplit split = WorkSplit.of(WorkSplit.Split.MODELS_FIRST, todo);
        List<WorkSplit.Stage> stages = split.stages();
        assertEquals(List.of("train 2 originals", "train 6 more Retrains", "run 16 cells"),
                stages.stream().map(WorkSplit.Stage::what).toList());
        assertEquals(List.of(false, false, true), stages.stream().map(WorkSplit.Stage::rows).toList());
        assertEquals(List.of(List.of(0), List.of(8)), stages.get(0).tasks(), "the first cell of each scenario");
        assertEachModelPreparedOnce(todo, split);
        assertEachCellRunOnce(todo, split);
        assertTrue(stages.get(2).tasks().stream().allMatch(t -> t.size() == 1), "one task per cell");
    }

    @Test
    void groupsRunAlgorithm1AsOneSerialTaskPerScenario() {
        List<Cell> todo = cells(ALGORITHM_1);
        WorkSplit split = WorkSplit.of(WorkSplit.Split.GROUPS, todo);
        assertEquals(1, split.stages().size());
        assertEquals(List.of(List.of(0, 1, 2, 3, 4, 5, 6, 7), List.of(8, 9, 10, 11, 12, 13, 14, 15)),
                split.stages().get(0).tasks());
        assertEachCellRunOnce(todo, split);
    }

    @Test
    void modelsSharedByBothProtocolsArePreparedOnce() {
        List<Cell> todo = SeedPlan.of(SmokeStudy.spec()).cells();
        WorkSplit split = WorkSplit.of(WorkSplit.Split.MODELS_FIRST, todo);
        assertEquals(List.of("train 3 originals", "run 24 cells"),
                split.stages().stream().map(WorkSplit.Stage::what).toList(),
                "the originals' tasks already train all three Retrains");
        assertEachModelPreparedOnce(todo, split);
        assertEachCellRunOnce(todo, split);
        WorkSplit groups = WorkSplit.of(WorkSplit.Split.GROUPS, todo);
        assertEquals(3, groups.stages().get(0).tasks().size(), "one group per training seed across protocols");
        assertEachCellRunOnce(todo, groups);
    }

    @Test
    void aResumedStudyPreparesOnlyTheModelsItsRemainingCellsNeed() {
        List<Cell> all = cells(ALGORITHM_1);
        List<Cell> todo = all.stream().filter(c -> c.scenario().equals("full:5") && c.j() >= 3).toList();
        WorkSplit split = WorkSplit.of(WorkSplit.Split.MODELS_FIRST, todo);
        assertEquals(List.of("train 1 original", "train 1 more Retrain", "run 4 cells"),
                split.stages().stream().map(WorkSplit.Stage::what).toList());
        assertEachModelPreparedOnce(todo, split);
        assertEachCellRunOnce(todo, split);
        assertTrue(WorkSplit.of(WorkSplit.Split.MODELS_FIRST, List.of()).stages().isEmpty(), "nothing left");
    }

    @Test
    void theSplitSettingAcceptsOnlyItsTwoValues() {
        assertEquals(WorkSplit.Split.GROUPS, WorkSplit.Split.of("groups"));
        assertEquals(WorkSplit.Split.MODELS_FIRST, WorkSplit.Split.of("models-first"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkSplit.Split.of("cells"));
        assertEquals("spark.seedscope.split must be models-first or groups, got 'cells'", e.getMessage());
    }

    /** Every original and Retrain the cells need is prepared by exactly one task, before the cells' job. */
    private static void assertEachModelPreparedOnce(List<Cell> todo, WorkSplit split) {
        Map<Integer, Cell> byIndex = todo.stream().collect(Collectors.toMap(Cell::index, Function.identity()));
        List<String> originals = new ArrayList<>();
        List<String> retrains = new ArrayList<>();
        List<WorkSplit.Stage> stages = split.stages();
        for (WorkSplit.Stage stage : stages.subList(0, stages.size() - 1)) {
            assertFalse(stage.rows(), stage.what() + " only trains");
            for (List<Integer> task : stage.tasks()) {
                for (int i : task) {
                    Cell c = byIndex.get(i);
                    if (stage == stages.get(0)) {
                        originals.add(WorkSplit.originalKey(c));
                    }
                    retrains.add(WorkSplit.retrainKey(c));
                }
            }
        }
        Set<String> neededOriginals = todo.stream().map(WorkSplit::originalKey).collect(Collectors.toSet());
        Set<String> neededRetrains = todo.stream().map(WorkSplit::retrainKey).collect(Collectors.toSet());
        assertEquals(neededOriginals, new HashSet<>(originals));
        assertEquals(neededOriginals.size(), originals.size(), "no original trained by two tasks");
        assertEquals(neededRetrains, new HashSet<>(retrains));
        assertEquals(neededRetrains.size(), retrains.size(), "no Retrain trained by two tasks");
        assertTrue(stages.get(stages.size() - 1).rows(), "the cells run last");
    }

    private static void assertEachCellRunOnce(List<Cell> todo, WorkSplit split) {
        List<Integer> run = split.stages().stream().filter(WorkSplit.Stage::rows).flatMap(s -> s.tasks().stream())
                .flatMap(List::stream).sorted().toList();
        assertEquals(todo.stream().map(Cell::index).sorted().toList(), run);
    }
}
