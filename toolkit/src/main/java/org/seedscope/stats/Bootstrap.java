package org.seedscope.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Hierarchical (two-stage) bootstrap for nested seed designs.
 *
 * <p>Each replicate draws I training seeds with replacement and then, inside every drawn seed,
 * that seed's J_i unlearning-seed values with replacement; the statistic is the mean of the
 * replicate's per-seed means. For a balanced design the bootstrap variance of that mean is, in
 * expectation, ((I−1)/I)(σ²_train + σ²_unlearn/J)/I + ((J−1)/J)σ²_unlearn/(I·J): the first
 * stage alone already carries the unlearning-seed noise through the seed means, so the second
 * stage adds it once more, and the σ²_unlearn/(I·J) part of Var(Z̄) is counted up to twice.
 * The interval is therefore conservative when σ²_unlearn dominates and close to the first-stage
 * interval when σ²_train dominates. Reference: Davison and Hinkley (1997), <i>Bootstrap Methods and their
 * Application</i>, §3.8; Saravanan et al. (2020), "Application of the hierarchical bootstrap to
 * multi-level data in neuroscience". With few training seeds the percentile interval
 * undercovers (0.82–0.92 at 3–11 seeds in issue 11's simulations); {@link MeanInterval}'s t
 * interval on seed means is the one to quote, and {@link #meanTable} shows both.
 */
public final class Bootstrap {

    private Bootstrap() {
    }

    /**
     * Percentile interval for the grand mean (mean of per-training-seed means) by the
     * hierarchical bootstrap.
     *
     * @param groups one array per training seed holding its unlearning-seed values
     * @param resamples number of replicates, at least 1 (e.g. 2000)
     * @param level confidence level in (0, 1)
     * @param seed the seed of the {@link SplittableRandom} that draws every resample
     * @return the grand mean on the data with the percentile interval (type-7 quantiles); a
     *     design with one training seed only reflects unlearning-seed noise, and all-equal values
     *     give a zero-width interval
     * @throws IllegalArgumentException for an empty design, a non-finite value (named),
     *     resamples &lt; 1 or a level outside (0, 1)
     */
    public static Interval hierarchicalMean(double[][] groups, int resamples, double level,
            long seed) {
        Groups.validate(groups, "groups");
        Groups.checkResamples(resamples);
        Groups.checkLevel(level);
        SplittableRandom rng = new SplittableRandom(seed);
        int k = groups.length;
        double[] reps = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double sum = 0;
            for (int i = 0; i < k; i++) {
                double[] g = groups[rng.nextInt(k)];
                double s = 0;
                for (int j = 0; j < g.length; j++) {
                    s += g[rng.nextInt(g.length)];
                }
                sum += s / g.length;
            }
            reps[b] = sum / k;
        }
        return Groups.percentile(Groups.mean(Groups.groupMeans(groups)), reps, level,
                String.format(Locale.ROOT, "hierarchical percentile bootstrap, %d resamples,"
                        + " seed %d", resamples, seed));
    }

    /**
     * The mean of every (scenario, method, protocol) slice of a result table with "ok" rows,
     * with two intervals side by side: Student's t on the per-training-seed means
     * ({@link MeanInterval}, cluster-aware and near-nominal with few seeds; missing for one
     * training seed) and {@link #hierarchicalMean} (which undercovers with few training seeds).
     * Every slice uses a fresh generator seeded with {@code seed}, so a row does not depend on
     * which other rows the table holds.
     *
     * @param rows the study's result table (columns as in {@link SeedVariance})
     * @param metric the numeric metric column
     * @param resamples bootstrap replicates, at least 1
     * @param level confidence level in (0, 1)
     * @param seed bootstrap seed
     * @return one row per slice: scenario, method, protocol, training_seeds, runs, mean (of the
     *     seed means), t_lo, t_hi, boot_lo, boot_hi, notes
     * @throws IllegalArgumentException as {@link SeedVariance#of(Table, String)}, or for bad
     *     resamples or level
     */
    public static Table meanTable(Table rows, String metric, int resamples, double level,
            long seed) {
        Groups.checkResamples(resamples);
        Groups.checkLevel(level);
        StringColumn scenario = StringColumn.create("scenario");
        StringColumn method = StringColumn.create("method");
        StringColumn protocol = StringColumn.create("protocol");
        IntColumn seeds = IntColumn.create("training_seeds");
        IntColumn runs = IntColumn.create("runs");
        DoubleColumn mean = DoubleColumn.create("mean");
        DoubleColumn tLower = DoubleColumn.create("t_lo");
        DoubleColumn tUpper = DoubleColumn.create("t_hi");
        DoubleColumn lower = DoubleColumn.create("boot_lo");
        DoubleColumn upper = DoubleColumn.create("boot_hi");
        StringColumn notes = StringColumn.create("notes");
        StudyRows.designs(rows, metric).forEach((slice, d) -> {
            if (d.values().length == 0) {
                return;
            }
            Interval ci = hierarchicalMean(d.values(), resamples, level, seed);
            Optional<Interval> t = MeanInterval.tOnSeedMeans(d.values(), level);
            scenario.append(slice.scenario());
            method.append(slice.method());
            protocol.append(slice.protocol());
            seeds.append(d.values().length);
            runs.append(d.pooled().length);
            mean.append(ci.estimate());
            TableColumns.append(tLower, t.map(Interval::lower));
            TableColumns.append(tUpper, t.map(Interval::upper));
            lower.append(ci.lower());
            upper.append(ci.upper());
            List<String> n = new ArrayList<>(d.notes());
            if (t.isEmpty()) {
                n.add("one training seed: no t interval (spread across training seeds unknown)");
            }
            notes.append(String.join("; ", n));
        });
        return Table.create("mean: " + metric, scenario, method, protocol, seeds, runs, mean,
                tLower, tUpper, lower, upper, notes);
    }
}
