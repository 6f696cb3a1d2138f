package org.seedscope.study;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * What a study will cost, known before any work: its cells, the models it trains, and a rough wall
 * time from a measured training-step time and prediction time. The time counts every original and
 * Retrain trained once, an unlearning method at {@value #METHOD_EPOCHS} training epochs on average,
 * every cell's evaluation, and cells spread evenly over the workers; cached models make a rerun
 * cheaper than this. (Measured: the demo's six methods other than Retrain averaged 3.0 epochs of its
 * training, all methods on a cnn or resnet-8 trained for one epoch 2.2-2.4.)
 *
 * @param cells cells planned
 * @param originals distinct originals (training set x training seed)
 * @param retrains distinct Retrains (retain set x unlearning seed)
 * @param wallTime estimated wall time, or null when no step time was measured
 */
public record StudyEstimate(long cells, long originals, long retrains, Duration wallTime) {
    /** Assumed cost of a method run, in epochs of the study's training. */
    static final double METHOD_EPOCHS = 3;

    /**
     * Counts the plan without building it (safe for absurd seed counts).
     *
     * @param spec the spec
     * @param trainingSets distinct training sets (and architectures) among the scenarios: scenarios
     *     on the same D share their originals, e.g. full-class and random forgetting
     * @param retainSets distinct retain sets among the scenarios, which share their Retrains likewise
     * @param costs measured costs of an epoch and of a cell's evaluation ({@link StepTimer.Costs#UNKNOWN}:
     *     no wall time)
     * @param workers parallel workers
     * @return the estimate
     */
    static StudyEstimate of(StudySpec spec, long trainingSets, long retainSets, StepTimer.Costs costs, int workers) {
        long cells;
        try {
            cells = SeedPlan.count(spec);
        } catch (ArithmeticException e) {
            cells = Long.MAX_VALUE;
        }
        long originals = 0;
        long retrains = 0;
        if (cells < 10_000_000) {
            Set<Long> trainSeeds = new HashSet<>();
            Set<Long> unlearnSeeds = new HashSet<>();
            for (ProtocolRun run : spec.protocols()) {
                for (int i = 1; i <= run.trainingSeeds(); i++) {
                    trainSeeds.add(spec.baseSeed() + i);
                    for (int j = 1; j <= run.unlearningSeeds(); j++) {
                        unlearnSeeds.add(spec.baseSeed() + (long) (i - 1) * run.unlearningSeeds() + j);
                    }
                }
            }
            originals = trainSeeds.size() * trainingSets;
            retrains = unlearnSeeds.size() * retainSets;
        }
        Duration time = null;
        if (Double.isFinite(costs.modelSeconds()) && cells < 10_000_000) {
            double methods = cells - cells / Math.max(1, spec.methods().size());
            double evaluation = Double.isFinite(costs.cellEvaluationSeconds()) ? costs.cellEvaluationSeconds() : 0;
            double seconds = ((originals + retrains) * costs.modelSeconds()
                    + methods * METHOD_EPOCHS * costs.epochSeconds() + cells * evaluation) / Math.max(1, workers);
            time = Duration.ofMillis((long) Math.min(seconds * 1000, 1e15));
        }
        return new StudyEstimate(cells, originals, retrains, time);
    }

    /** @return e.g. "616 cells, 22 originals, 82 Retrains, about 3 min" */
    public String describe() {
        if (cells == Long.MAX_VALUE) {
            return "more than 2^63 cells";
        }
        return count(cells, "cell") + ", " + count(originals, "original") + ", " + count(retrains, "Retrain")
                + (wallTime == null ? "" : ", about " + human(wallTime));
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 90) {
            return Math.max(1, s) + " s";
        }
        if (s < 90 * 60) {
            return Math.round(s / 60.0) + " min";
        }
        if (s < 48 * 3600) {
            return String.format("%.1f h", s / 3600.0);
        }
        return String.format("%.0f days", s / 86400.0);
    }
}
