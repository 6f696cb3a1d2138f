package org.seedscope.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seedscope.study.Cell;

/**
 * How the remaining cells of a study become Spark jobs (run one after another) and tasks (run in
 * parallel within a job). Every original is trained by one task only: in {@link Split#MODELS_FIRST}
 * by the first job, in {@link Split#GROUPS} by the task of its (scenario, training seed) group.
 *
 * @param stages the jobs in the order they run
 */
record WorkSplit(List<Stage> stages) {

    /** Copies the list. */
    WorkSplit {
        stages = List.copyOf(stages);
    }

    /** The two ways to split a study into tasks. */
    enum Split {
        /**
         * Three jobs: one task per distinct original (it also trains one Retrain), one task per
         * distinct Retrain not yet trained, then one task per cell, which loads its two models from
         * the shared cache. Every job is as wide as its models allow.
         */
        MODELS_FIRST("models-first"),
        /**
         * One job, one task per (scenario, training seed): the task trains the original, then runs
         * the group's cells one after another, training their Retrains on the way. Algorithm 1 has a
         * single training seed, so each of its scenarios runs as one serial task; a Retrain shared by
         * two groups may be trained by both (the cache keeps the first).
         */
        GROUPS("groups");

        private final String id;

        Split(String id) {
            this.id = id;
        }

        /** @return the id used in the {@code spark.seedscope.split} setting */
        String id() {
            return id;
        }

        /**
         * @param id {@code models-first} or {@code groups}
         * @return the split of that id
         * @throws IllegalArgumentException for any other text
         */
        static Split of(String id) {
            for (Split s : values()) {
                if (s.id.equals(id)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("spark.seedscope.split must be models-first or groups, got '" + id + "'");
        }
    }

    /**
     * One Spark job.
     *
     * @param what what it does, for the Spark UI (e.g. {@code train 3 originals})
     * @param rows true when its tasks run cells and return rows, false when they only train models
     * @param tasks the cell indices (positions in the plan) each task handles, in order
     */
    record Stage(String what, boolean rows, List<List<Integer>> tasks) {
        /** Copies the lists. */
        Stage {
            tasks = tasks.stream().map(List::copyOf).toList();
        }
    }

    /**
     * @param split how to split
     * @param todo the cells still to run, in plan order
     * @return the jobs; none when nothing is left
     */
    static WorkSplit of(Split split, List<Cell> todo) {
        List<Stage> stages = new ArrayList<>();
        if (todo.isEmpty()) {
            return new WorkSplit(stages);
        }
        if (split == Split.GROUPS) {
            Map<String, List<Integer>> groups = new LinkedHashMap<>();
            for (Cell c : todo) {
                groups.computeIfAbsent(originalKey(c), k -> new ArrayList<>()).add(c.index());
            }
            stages.add(new Stage("run " + count(todo.size(), "cell") + " in " + count(groups.size(), "group")
                    + " of (scenario, training seed)", true, List.copyOf(groups.values())));
            return new WorkSplit(stages);
        }
        Map<String, Integer> originals = new LinkedHashMap<>();
        for (Cell c : todo) {
            originals.putIfAbsent(originalKey(c), c.index());
        }
        Set<String> retrained = new LinkedHashSet<>();
        for (Cell c : todo) {
            if (originals.get(originalKey(c)) == c.index()) {
                retrained.add(retrainKey(c));
            }
        }
        Map<String, Integer> retrains = new LinkedHashMap<>();
        for (Cell c : todo) {
            if (!retrained.contains(retrainKey(c))) {
                retrains.putIfAbsent(retrainKey(c), c.index());
            }
        }
        stages.add(new Stage("train " + count(originals.size(), "original"), false, singletons(originals.values())));
        if (!retrains.isEmpty()) {
            stages.add(new Stage("train " + count(retrains.size(), "more Retrain"), false, singletons(retrains.values())));
        }
        stages.add(new Stage("run " + count(todo.size(), "cell"), true,
                singletons(todo.stream().map(Cell::index).toList())));
        return new WorkSplit(stages);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static List<List<Integer>> singletons(Iterable<Integer> indices) {
        List<List<Integer>> out = new ArrayList<>();
        indices.forEach(i -> out.add(List.of(i)));
        return out;
    }

    /** The original a cell needs: one per (scenario, training seed), whatever the protocol. */
    static String originalKey(Cell c) {
        return c.scenario() + "|" + c.trainSeed();
    }

    /** The Retrain a cell needs: one per (scenario, unlearning seed), whatever the protocol. */
    static String retrainKey(Cell c) {
        return c.scenario() + "|" + c.unlearnSeed();
    }
}
