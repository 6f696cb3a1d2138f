package org.seedscope.stats;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The single-seed lottery: from a full grid, what Algorithm 1 (one training seed, J unlearning
 * seeds) would have reported had training seed i been the one chosen — the mean over seed i's
 * unlearning seeds — next to the grand mean over all training seeds.
 *
 * <p>The grand mean is the mean of the per-seed means (every training seed weighs the same);
 * for a balanced grid it equals the mean of all runs.
 *
 * @param trainSeeds the training seeds, ascending when built from a table
 * @param seedMeans seedMeans[i] = mean of training seed trainSeeds[i]'s unlearning runs
 * @param grandMean the mean of seedMeans
 */
public record SeedLottery(long[] trainSeeds, double[] seedMeans, double grandMean) {

    /** Copies the arrays and checks they have the same non-zero length. */
    public SeedLottery {
        trainSeeds = trainSeeds.clone();
        seedMeans = seedMeans.clone();
        if (trainSeeds.length == 0 || trainSeeds.length != seedMeans.length) {
            throw new IllegalArgumentException("need one mean per training seed and at least one"
                    + " seed, got " + trainSeeds.length + " seeds and " + seedMeans.length
                    + " means");
        }
    }

    /**
     * Builds the lottery from a nested design.
     *
     * @param trainSeeds the training seed of each group
     * @param groups groups[i] = the unlearning-seed values of training seed trainSeeds[i]
     * @return the per-seed means and their grand mean
     * @throws IllegalArgumentException when sizes differ, a group is empty or a value is not
     *     finite (the position is named)
     */
    public static SeedLottery of(long[] trainSeeds, double[][] groups) {
        Objects.requireNonNull(trainSeeds, "trainSeeds");
        Groups.validate(groups, "groups");
        if (trainSeeds.length != groups.length) {
            throw new IllegalArgumentException("got " + trainSeeds.length + " training seeds but "
                    + groups.length + " groups");
        }
        double[] means = Groups.groupMeans(groups);
        return new SeedLottery(trainSeeds, means, Groups.mean(means));
    }

    /**
     * Builds one lottery per (scenario, method, protocol) slice of a result table ("ok" rows
     * only; slices with no "ok" row are left out). Use the "grid" protocol slices for the
     * paper's question.
     *
     * @param rows the study's result table (columns as in {@link SeedVariance})
     * @param metric the numeric metric column
     * @return lotteries in order of first appearance of each slice
     * @throws IllegalArgumentException as {@link SeedVariance#of(Table, String)}
     */
    public static Map<Slice, SeedLottery> bySlice(Table rows, String metric) {
        Map<Slice, SeedLottery> out = new LinkedHashMap<>();
        StudyRows.designs(rows, metric).forEach((slice, d) -> {
            if (d.values().length > 0) {
                out.put(slice, of(d.trainSeeds(), d.values()));
            }
        });
        return out;
    }

    /**
     * One row per slice: scenario, method, protocol, training_seeds, grand_mean, min, max,
     * range, min_seed, max_seed, notes (left-out rows with a non-finite metric).
     *
     * @param rows the study's result table
     * @param metric the numeric metric column
     * @return a new table named "seed lottery: " + metric
     * @throws IllegalArgumentException as {@link #bySlice(Table, String)}
     */
    public static Table summary(Table rows, String metric) {
        StringColumn scenario = StringColumn.create("scenario");
        StringColumn method = StringColumn.create("method");
        StringColumn protocol = StringColumn.create("protocol");
        IntColumn seeds = IntColumn.create("training_seeds");
        DoubleColumn grand = DoubleColumn.create("grand_mean");
        DoubleColumn min = DoubleColumn.create("min");
        DoubleColumn max = DoubleColumn.create("max");
        DoubleColumn range = DoubleColumn.create("range");
        LongColumn minSeed = LongColumn.create("min_seed");
        LongColumn maxSeed = LongColumn.create("max_seed");
        StringColumn notes = StringColumn.create("notes");
        StudyRows.designs(rows, metric).forEach((slice, d) -> {
            if (d.values().length == 0) {
                return;
            }
            SeedLottery l = of(d.trainSeeds(), d.values());
            scenario.append(slice.scenario());
            method.append(slice.method());
            protocol.append(slice.protocol());
            seeds.append(l.trainSeeds.length);
            grand.append(l.grandMean);
            min.append(l.min());
            max.append(l.max());
            range.append(l.range());
            minSeed.append(l.minSeed());
            maxSeed.append(l.maxSeed());
            notes.append(String.join("; ", d.notes()));
        });
        return Table.create("seed lottery: " + metric, scenario, method, protocol, seeds, grand,
                min, max, range, minSeed, maxSeed, notes);
    }

    /** @return a copy of the training seeds */
    @Override
    public long[] trainSeeds() {
        return trainSeeds.clone();
    }

    /** @return a copy of the per-seed means */
    @Override
    public double[] seedMeans() {
        return seedMeans.clone();
    }

    /** @return the smallest per-seed mean */
    public double min() {
        return seedMeans[argMin()];
    }

    /** @return the largest per-seed mean */
    public double max() {
        return seedMeans[argMax()];
    }

    /** @return max − min: how far apart two Algorithm-1 studies could land */
    public double range() {
        return max() - min();
    }

    /** @return the training seed with the smallest mean (the first one on ties) */
    public long minSeed() {
        return trainSeeds[argMin()];
    }

    /** @return the training seed with the largest mean (the first one on ties) */
    public long maxSeed() {
        return trainSeeds[argMax()];
    }

    /**
     * @return one row per training seed: train_seed, seed_mean, grand_mean and
     *     deviation = seed_mean − grand_mean
     */
    public Table table() {
        DoubleColumn deviation = DoubleColumn.create("deviation");
        DoubleColumn grand = DoubleColumn.create("grand_mean");
        for (double m : seedMeans) {
            deviation.append(m - grandMean);
            grand.append(grandMean);
        }
        return Table.create("seed lottery", LongColumn.create("train_seed", trainSeeds),
                DoubleColumn.create("seed_mean", seedMeans), grand, deviation);
    }

    /** @return e.g. {@code SeedLottery: 11 training seeds, grand mean 0.41, range 0.12 [..]} */
    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "SeedLottery: %d training seeds, grand mean %.4g, min %.4g (seed %d),"
                        + " max %.4g (seed %d), range %.4g", trainSeeds.length, grandMean, min(),
                minSeed(), max(), maxSeed(), range());
    }

    /**
     * @param o another object
     * @return true for a lottery with equal seeds, means and grand mean (array contents)
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof SeedLottery l && Arrays.equals(trainSeeds, l.trainSeeds)
                && Arrays.equals(seedMeans, l.seedMeans)
                && Double.compare(grandMean, l.grandMean) == 0;
    }

    /** @return a hash of the array contents and the grand mean */
    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(trainSeeds), Arrays.hashCode(seedMeans), grandMean);
    }

    private int argMin() {
        int best = 0;
        for (int i = 1; i < seedMeans.length; i++) {
            if (seedMeans[i] < seedMeans[best]) {
                best = i;
            }
        }
        return best;
    }

    private int argMax() {
        int best = 0;
        for (int i = 1; i < seedMeans.length; i++) {
            if (seedMeans[i] > seedMeans[best]) {
                best = i;
            }
        }
        return best;
    }
}
