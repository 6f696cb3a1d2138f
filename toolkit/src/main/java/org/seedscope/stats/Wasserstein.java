package org.seedscope.stats;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Wasserstein distances between two empirical distributions, used to compare the samples of two
 * protocols (e.g. Algorithm 1 vs Algorithm 2) as the paper does.
 *
 * <p>In one dimension W_p(F, G)^p = ∫_0^1 |F⁻¹(u) − G⁻¹(u)|^p du. For empirical distributions
 * the quantile functions are step functions, x_(k) on ((k−1)/n, k/n], so the integral is
 * computed exactly by merging the breakpoints {k/n} and {l/m} (integer arithmetic on the common
 * grid 1/(nm)). For equal sizes n = m this reduces to the paper's
 * W2 = sqrt( (1/n) Σ_k (x_(k) − y_(k))² ) over sorted values. Reference: Villani (2009),
 * <i>Optimal Transport</i>, Remark 2.19; Panaretos and Zemel (2019), Annu. Rev. Stat. Appl.
 */
public final class Wasserstein {

    private Wasserstein() {
    }

    /**
     * 2-Wasserstein distance between the empirical distributions of two samples.
     *
     * @param x the first sample, non-empty, finite values
     * @param y the second sample, non-empty, finite values; may differ in size from x
     * @return W2 ≥ 0
     * @throws IllegalArgumentException for an empty sample or a non-finite value (named)
     */
    public static double w2(double[] x, double[] y) {
        return Math.sqrt(integral(sortedCopy(x, "x"), sortedCopy(y, "y"), 2));
    }

    /**
     * 1-Wasserstein distance (earth mover's distance) between two empirical distributions,
     * ∫_0^1 |F⁻¹(u) − G⁻¹(u)| du, computed exactly as {@link #w2}.
     *
     * @param x the first sample, non-empty, finite values
     * @param y the second sample, non-empty, finite values; may differ in size from x
     * @return W1 ≥ 0
     * @throws IllegalArgumentException for an empty sample or a non-finite value (named)
     */
    public static double w1(double[] x, double[] y) {
        return integral(sortedCopy(x, "x"), sortedCopy(y, "y"), 1);
    }

    /**
     * Percentile bootstrap interval for W2: each replicate resamples x and y independently with
     * replacement (sizes kept) and recomputes W2. Because W2 ≥ 0 is biased upwards in small
     * samples, the interval does not reach 0 even for identical distributions; read it as the
     * sampling spread of the distance, not as a test of equality.
     *
     * @param x the first sample, non-empty, finite values
     * @param y the second sample, non-empty, finite values
     * @param resamples number of bootstrap replicates, at least 1 (e.g. 2000)
     * @param level confidence level in (0, 1)
     * @param seed the seed of the {@link SplittableRandom} drawing the resamples
     * @return W2 on the data with the percentile interval (type-7 quantiles of the replicates)
     * @throws IllegalArgumentException for bad samples, resamples &lt; 1 or a level outside (0, 1)
     */
    public static Interval w2Bootstrap(double[] x, double[] y, int resamples, double level,
            long seed) {
        double[] xs = sortedCopy(x, "x");
        double[] ys = sortedCopy(y, "y");
        Groups.checkResamples(resamples);
        Groups.checkLevel(level);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] reps = new double[resamples];
        double[] bx = new double[xs.length];
        double[] by = new double[ys.length];
        for (int b = 0; b < resamples; b++) {
            resample(xs, bx, rng);
            resample(ys, by, rng);
            Arrays.sort(bx);
            Arrays.sort(by);
            reps[b] = Math.sqrt(integral(bx, by, 2));
        }
        return Groups.percentile(Math.sqrt(integral(xs, ys, 2)), reps, level,
                String.format(Locale.ROOT, "percentile bootstrap, %d resamples, seed %d",
                        resamples, seed));
    }

    /**
     * Compares two protocols' samples for every (scenario, method) of a result table that has
     * "ok" rows under both, e.g. protocolA = "one-training-seed" (Algorithm 1) and protocolB =
     * "many-training-seeds" (Algorithm 2). Each sample is all "ok" values of the slice, pooled
     * over seeds. Every (scenario, method) row uses a fresh generator seeded with {@code seed},
     * so a row does not depend on which other rows the table holds.
     *
     * @param rows the study's result table (columns as in {@link SeedVariance})
     * @param metric the numeric metric column
     * @param protocolA the first protocol
     * @param protocolB the second protocol
     * @param resamples bootstrap replicates for the W2 interval, at least 1
     * @param level confidence level in (0, 1)
     * @param seed bootstrap seed
     * @return one row per (scenario, method) present under both protocols: scenario, method,
     *     n_a, n_b, mean_a, mean_b, w1, w2, w2_lo, w2_hi
     * @throws IllegalArgumentException as {@link SeedVariance#of(Table, String)}, or for bad
     *     resamples or level
     */
    public static Table compareProtocols(Table rows, String metric, String protocolA,
            String protocolB, int resamples, double level, long seed) {
        Objects.requireNonNull(protocolA, "protocolA");
        Objects.requireNonNull(protocolB, "protocolB");
        Groups.checkResamples(resamples);
        Groups.checkLevel(level);
        Map<Slice, StudyRows.Design> designs = StudyRows.designs(rows, metric);
        Map<Slice, double[]> pooled = new LinkedHashMap<>();
        designs.forEach((slice, d) -> pooled.put(slice,
                Arrays.stream(d.values()).flatMapToDouble(Arrays::stream).toArray()));
        StringColumn scenario = StringColumn.create("scenario");
        StringColumn method = StringColumn.create("method");
        IntColumn na = IntColumn.create("n_a");
        IntColumn nb = IntColumn.create("n_b");
        DoubleColumn[] num = {DoubleColumn.create("mean_a"), DoubleColumn.create("mean_b"),
            DoubleColumn.create("w1"), DoubleColumn.create("w2"), DoubleColumn.create("w2_lo"),
            DoubleColumn.create("w2_hi")};
        for (Map.Entry<Slice, double[]> e : pooled.entrySet()) {
            Slice a = e.getKey();
            double[] x = e.getValue();
            double[] y = pooled.get(new Slice(a.scenario(), a.method(), protocolB));
            if (!a.protocol().equals(protocolA) || x.length == 0 || y == null || y.length == 0) {
                continue;
            }
            Interval w2 = w2Bootstrap(x, y, resamples, level, seed);
            scenario.append(a.scenario());
            method.append(a.method());
            na.append(x.length);
            nb.append(y.length);
            num[0].append(Groups.mean(x));
            num[1].append(Groups.mean(y));
            num[2].append(w1(x, y));
            num[3].append(w2.estimate());
            num[4].append(w2.lower());
            num[5].append(w2.upper());
        }
        Table t = Table.create("wasserstein: " + metric + ", " + protocolA + " vs " + protocolB,
                scenario, method, na, nb);
        t.addColumns(num);
        return t;
    }

    private static void resample(double[] from, double[] to, SplittableRandom rng) {
        for (int k = 0; k < to.length; k++) {
            to[k] = from[rng.nextInt(from.length)];
        }
    }

    private static double[] sortedCopy(double[] values, String name) {
        Groups.validateValues(values, name);
        if (values.length == 0) {
            throw new IllegalArgumentException("sample " + name + " is empty: need at least one value");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        return s;
    }

    /** ∫_0^1 |F⁻¹(u) − G⁻¹(u)|^p du for sorted samples, p = 1 or 2. */
    private static double integral(double[] xs, double[] ys, int p) {
        long n = xs.length;
        long m = ys.length;
        int a = 0;
        int b = 0;
        long position = 0;
        double acc = 0;
        while (a < n && b < m) {
            long endX = (a + 1) * m;
            long endY = (b + 1) * n;
            long end = Math.min(endX, endY);
            double d = Math.abs(xs[a] - ys[b]);
            acc += (end - position) * (p == 1 ? d : d * d);
            position = end;
            if (end == endX) {
                a++;
            }
            if (end == endY) {
                b++;
            }
        }
        return acc / ((double) n * m);
    }
}
