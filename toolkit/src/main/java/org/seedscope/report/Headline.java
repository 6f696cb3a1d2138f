package org.seedscope.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.seedscope.format.Numbers;
import org.seedscope.stats.SeedLottery;
import org.seedscope.stats.SeedVariance;
import org.seedscope.stats.Slice;
import org.seedscope.stats.VarianceComponents;
import org.seedscope.viz.AlgorithmSamples;
import org.seedscope.viz.Charts;
import org.seedscope.viz.ResultRows;
import tech.tablesaw.api.Table;

/**
 * The pitfall at a glance: per scenario and method, what one training seed would have reported
 * next to what many training seeds show, e.g. "ssd: one training seed says test accuracy 0.759 ±
 * 0 (11 runs, deterministic); 11 training seeds give 0.66–0.78".
 *
 * <p>"One training seed" is the Algorithm-1 sample (one trained model, J unlearning seeds): its
 * mean ± sample standard deviation. "Many training seeds" is the lowest and highest per-seed mean
 * of the full grid (what an Algorithm-1 study would have reported on each of its training
 * seeds), else of Algorithm 2 (one run per seed). Samples the study did not run separately are
 * taken from the grid ({@link AlgorithmSamples}). The metric is chosen per method so that it is
 * not stuck at its floor or ceiling (full-class scenarios lead with test accuracy, where forget
 * accuracy is 0 for most methods; see {@link MetricChoice}). "deterministic" is said only when
 * the method declares it and its runs on one model were identical on that metric.
 *
 * @param lines one line per (scenario, method) with both samples, in table order
 * @param missing "scenario / method" of the methods without both samples
 * @param leadMetrics per scenario, the metric its report section leads with (a method's line
 *     uses another only when this one is stuck at a bound for it)
 */
public record Headline(List<Line> lines, List<String> missing, Map<String, String> leadMetrics) {

    /**
     * One method's headline.
     *
     * @param scenario the scenario
     * @param method the method
     * @param metric the metric column it reads
     * @param oneSeedRuns J, the runs on the single training seed
     * @param oneSeedMean their mean
     * @param oneSeedSd their sample standard deviation (NaN for one run)
     * @param trainingSeeds I, the training seeds of the many-seed sample
     * @param runsPerSeed runs per training seed in that sample (the largest, for unbalanced data)
     * @param lowest the lowest per-training-seed mean
     * @param highest the highest per-training-seed mean
     * @param grandMean the mean of the per-training-seed means
     * @param deterministic true when the method declares itself deterministic and its runs on
     *     one model were identical on this metric
     * @param atBound true when even this metric sits at its floor or ceiling (every candidate did)
     */
    public record Line(String scenario, String method, String metric, int oneSeedRuns, double oneSeedMean,
            double oneSeedSd, int trainingSeeds, int runsPerSeed, double lowest, double highest, double grandMean,
            boolean deterministic, boolean atBound) {

        /** Checks the names. */
        public Line {
            Objects.requireNonNull(scenario, "scenario");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(metric, "metric");
        }

        /**
         * @return the sentence, e.g. "ssd: one training seed says test accuracy 0.759 ± 0 (11 runs,
         *     deterministic); 11 training seeds give 0.66–0.78"; numbers by {@link Numbers} (a range
         *     gets as many figures as tell its ends apart)
         */
        public String text() {
            String spread = Double.isNaN(oneSeedSd) ? "" : " ± " + Numbers.format(oneSeedSd);
            String many = lowest == highest ? trainingSeeds + " training seeds all give " + Numbers.format(lowest)
                    : trainingSeeds + " training seeds give " + Words.range(lowest, highest);
            return method + ": one training seed says " + Charts.label(metric) + " " + Numbers.format(oneSeedMean)
                    + spread + " (" + oneSeedRuns + (oneSeedRuns == 1 ? " run" : " runs")
                    + (deterministic ? ", deterministic" : "") + "); " + many
                    + (atBound ? " (every metric sits at its floor or ceiling here)" : "");
        }
    }

    /** Copies the lists and the map (keeping its order). */
    public Headline {
        lines = List.copyOf(lines);
        missing = List.copyOf(missing);
        leadMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(leadMetrics));
    }

    /**
     * Builds the headline of a study.
     *
     * @param rows the study's result table
     * @return one line per (scenario, method) that has an Algorithm-1 sample and a sample of
     *     several training seeds
     * @throws IllegalArgumentException when the table has no metric column or lacks a key column
     */
    public static Headline of(Table rows) {
        AlgorithmSamples samples = AlgorithmSamples.of(rows);
        return of(samples.rows(), new MetricChoice(samples.rows()));
    }

    static Headline of(Table samples, MetricChoice choice) {
        List<Line> lines = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        Map<String, String> leads = new LinkedHashMap<>();
        for (String scenario : ResultRows.scenarios(samples)) {
            leads.put(scenario, choice.lead(scenario));
            for (String method : ResultRows.methods(samples, scenario)) {
                Optional<Line> line = line(samples, choice, scenario, method);
                if (line.isPresent()) {
                    lines.add(line.get());
                } else {
                    missing.add(scenario + " / " + method);
                }
            }
        }
        return new Headline(lines, missing, leads);
    }

    private static Optional<Line> line(Table samples, MetricChoice choice, String scenario, String method) {
        String metric = choice.forMethod(scenario, method);
        SeedVariance sv = choice.variance(metric);
        String manyProtocol = sv.entry(scenario, method, ResultRows.GRID).isPresent() ? ResultRows.GRID
                : ResultRows.MANY_SEEDS;
        double[] one = ResultRows.values(samples, metric, scenario, method, ResultRows.ONE_SEED);
        SeedLottery lottery = SeedLottery.bySlice(samples, metric).get(new Slice(scenario, method, manyProtocol));
        if (one.length == 0 || lottery == null || lottery.trainSeeds().length < 2) {
            return Optional.empty();
        }
        double[] ms = Words.meanAndSd(one);
        Optional<SeedVariance.Entry> a1 = sv.entry(scenario, method, ResultRows.ONE_SEED);
        boolean deterministic = a1.flatMap(SeedVariance.Entry::declaredDeterministic).orElse(false)
                && a1.flatMap(SeedVariance.Entry::components).flatMap(VarianceComponents::withinSeedConstant)
                        .orElse(false);
        boolean stuck = choice.stuck(metric, scenario, method);
        int perSeed = sv.components(scenario, method, manyProtocol).map(VarianceComponents::maxPerSeed).orElse(1);
        return Optional.of(new Line(scenario, method, metric, one.length, ms[0], ms[1], lottery.trainSeeds().length,
                perSeed, lottery.min(), lottery.max(), lottery.grandMean(), deterministic && !stuck, stuck));
    }

    /**
     * @return what the two numbers of a line are, in one sentence naming the designs actually used
     *     (e.g. "... per-seed means of the grid's 11 training seeds, 3 runs each")
     */
    public String explanation() {
        if (lines.isEmpty()) {
            return "No method has both an Algorithm-1 sample (one training seed, several unlearning seeds) and a"
                    + " sample of several training seeds, so there is no headline.";
        }
        Line l = lines.get(0);
        String many = l.runsPerSeed() > 1 ? "the lowest and highest per-seed mean of " + l.trainingSeeds()
                + " training seeds with " + l.runsPerSeed() + " unlearning seeds each (full grid)"
                : "the lowest and highest of Algorithm 2's " + l.trainingSeeds() + " runs, one per training seed";
        int runs = l.oneSeedRuns();
        return "One training seed: mean ± standard deviation of Algorithm 1's " + (runs == 1 ? "single run" : runs
                + " runs") + " (one trained model, " + (runs == 1 ? "one unlearning seed" : runs + " unlearning seeds")
                + "). Many training seeds: " + many
                + ", i.e. what a one-seed study would have reported had it drawn another training seed.";
    }

    /** @return the explanation and the lines, one per line of text */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(explanation());
        String scenario = null;
        for (Line l : lines) {
            if (!l.scenario().equals(scenario)) {
                scenario = l.scenario();
                sb.append(System.lineSeparator()).append(scenario);
            }
            sb.append(System.lineSeparator()).append("  ").append(l.text());
        }
        return sb.toString();
    }
}
