package org.seedscope.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
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
     * Bootstrap interval for W2 that contains its estimate: each replicate resamples x and y
     * independently with replacement (sizes kept) and recomputes W2. The plug-in W2 is biased
     * upwards (two samples from one distribution are never at distance 0), and so are the
     * replicates, so the percentile interval of the replicates is shifted down by the bootstrap
     * bias estimate b = mean(W2*) − W2 (Efron and Tibshirani 1993, §10.2): [Q(α/2) − b,
     * Q(1 − α/2) − b], truncated at 0 and widened to W2 in the rare case it misses it. It is an
     * interval for the distributions' W2, not a test: use {@link #compare} for the
     * permutation test and noise floor.
     *
     * @param x the first sample, non-empty, finite values
     * @param y the second sample, non-empty, finite values
     * @param resamples number of bootstrap replicates, at least 1 (e.g. 2000)
     * @param level confidence level in (0, 1)
     * @param seed seed of the {@link SplittableRandom} whose first {@code split()} draws the
     *     resamples (as in {@link #compare})
     * @return W2 on the data with the interval (type-7 quantiles of the replicates)
     * @throws IllegalArgumentException for bad samples, resamples &lt; 1 or a level outside (0, 1)
     */
    public static Interval w2Bootstrap(double[] x, double[] y, int resamples, double level,
            long seed) {
        double[][] s = checked(x, y, resamples, level);
        return bootstrap(s[0], s[1], resamples, level, new SplittableRandom(seed).split(), seed);
    }

    /**
     * Compares two samples: W1, W2, the bias-corrected bootstrap interval of W2
     * ({@link #w2Bootstrap}), and a permutation test with its noise floor. Under the null
     * hypothesis that both samples come from one distribution the n + m pooled values are
     * exchangeable; each of B permutations splits them at random into samples of sizes n and
     * m and recomputes W1 and W2. The p-value (1 + #{W* ≥ W})/(B + 1) is valid at every B (and
     * uniform for continuous data); the noise floor is the null's median and 95 % quantile of
     * W2, the distance that sampling noise alone produces at these sample sizes. This floor is
     * used rather than distances between random halves of one sample because it has the
     * comparison's own sizes and uses both samples. Caveat: values from one training seed
     * (Algorithm 1) are correlated; the test treats every value as one draw, which is what
     * the paper's W2 compares.
     *
     * @param x the first sample (e.g. Algorithm 1), non-empty, finite values
     * @param y the second sample (e.g. Algorithm 2), non-empty, finite values
     * @param resamples bootstrap replicates and permutations, at least 1 (e.g. 2000)
     * @param level confidence level of the W2 interval in (0, 1)
     * @param seed root seed: its {@link SplittableRandom}'s first {@code split()} draws the
     *     bootstrap, the second the permutations
     * @return the comparison
     * @throws IllegalArgumentException for bad samples, resamples &lt; 1 or a level outside (0, 1)
     */
    public static ProtocolDistance compare(double[] x, double[] y, int resamples, double level,
            long seed) {
        double[][] s = checked(x, y, resamples, level);
        double[] xs = s[0];
        double[] ys = s[1];
        SplittableRandom root = new SplittableRandom(seed);
        Interval ci = bootstrap(xs, ys, resamples, level, root.split(), seed);
        SplittableRandom perm = root.split();
        double w1 = integral(xs, ys, 1);
        double w2 = ci.estimate();
        double[] pooled = new double[xs.length + ys.length];
        System.arraycopy(xs, 0, pooled, 0, xs.length);
        System.arraycopy(ys, 0, pooled, xs.length, ys.length);
        double[] a = new double[xs.length];
        double[] b = new double[ys.length];
        double[] nullW2 = new double[resamples];
        int atLeast1 = 0;
        int atLeast2 = 0;
        for (int r = 0; r < resamples; r++) {
            shuffle(pooled, perm);
            System.arraycopy(pooled, 0, a, 0, a.length);
            System.arraycopy(pooled, a.length, b, 0, b.length);
            Arrays.sort(a);
            Arrays.sort(b);
            nullW2[r] = Math.sqrt(integral(a, b, 2));
            atLeast1 += integral(a, b, 1) >= w1 ? 1 : 0;
            atLeast2 += nullW2[r] >= w2 ? 1 : 0;
        }
        double[] floor = Groups.quantiles(nullW2, 0.5, 0.95);
        return new ProtocolDistance(xs.length, ys.length, Groups.mean(xs), Groups.mean(ys), w1,
                w2, ci, floor[0], floor[1], (1.0 + atLeast1) / (resamples + 1),
                (1.0 + atLeast2) / (resamples + 1), resamples);
    }

    /**
     * Compares two protocols' samples for every (scenario, method) of a result table that has
     * "ok" rows under both, e.g. protocolA = "one-training-seed" (Algorithm 1) and protocolB =
     * "many-training-seeds" (Algorithm 2), with {@link #compare}. Each sample is all "ok" values
     * of the slice, pooled over seeds. Every row uses a fresh generator seeded with
     * {@code seed}, so a row does not depend on which other rows the table holds.
     *
     * @param rows the study's result table (columns as in {@link SeedVariance})
     * @param metric the numeric metric column
     * @param protocolA the first protocol
     * @param protocolB the second protocol
     * @param resamples bootstrap replicates and permutations, at least 1
     * @param level confidence level in (0, 1)
     * @param seed root seed of the bootstrap and permutations
     * @return one row per (scenario, method) present under both protocols: scenario, method,
     *     n_a, n_b, mean_a, mean_b, w1, w1_p, w2, w2_lo, w2_hi, w2_floor50, w2_floor95, w2_p,
     *     notes (fields of {@link ProtocolDistance}; notes name left-out rows)
     * @throws IllegalArgumentException as {@link SeedVariance#of(Table, String)}, or for bad
     *     resamples or level
     */
    public static Table compareProtocols(Table rows, String metric, String protocolA,
            String protocolB, int resamples, double level, long seed) {
        Objects.requireNonNull(protocolA, "protocolA");
        Objects.requireNonNull(protocolB, "protocolB");
        Groups.checkResamples(resamples);
        Groups.checkLevel(level);
        return DistanceTable.protocols(rows, metric, protocolA, protocolB, resamples, level,
                seed);
    }

    /**
     * One training seed vs many, both drawn from a full grid: for every slice of
     * {@code protocol} (usually "grid") with at least two training seeds, sample A is the first
     * training seed's runs (what Algorithm 1 would have run) and sample B the first unlearning
     * seed's run of every training seed (Algorithm 2), compared with {@link #compare}. The two
     * samples share one cell.
     *
     * @param rows the study's result table
     * @param metric the numeric metric column
     * @param protocol the grid's protocol id
     * @param resamples bootstrap replicates and permutations, at least 1
     * @param level confidence level in (0, 1)
     * @param seed root seed of the bootstrap and permutations
     * @return the table of {@link #compareProtocols}, one row per grid slice
     * @throws IllegalArgumentException as {@link #compareProtocols}
     */
    public static Table compareWithinGrid(Table rows, String metric, String protocol,
            int resamples, double level, long seed) {
        Objects.requireNonNull(protocol, "protocol");
        Groups.checkResamples(resamples);
        Groups.checkLevel(level);
        return DistanceTable.grid(rows, metric, protocol, resamples, level, seed);
    }

    private static Interval bootstrap(double[] xs, double[] ys, int resamples, double level,
            SplittableRandom rng, long seed) {
        double w2 = Math.sqrt(integral(xs, ys, 2));
        double[] reps = new double[resamples];
        double[] bx = new double[xs.length];
        double[] by = new double[ys.length];
        double sum = 0;
        for (int b = 0; b < resamples; b++) {
            resample(xs, bx, rng);
            resample(ys, by, rng);
            Arrays.sort(bx);
            Arrays.sort(by);
            reps[b] = Math.sqrt(integral(bx, by, 2));
            sum += reps[b];
        }
        double bias = sum / resamples - w2;
        double alpha = 1 - level;
        double[] q = Groups.quantiles(reps, alpha / 2, 1 - alpha / 2);
        double lo = Math.max(0, q[0] - bias);
        double hi = q[1] - bias;
        String widened = lo <= w2 && w2 <= hi ? "" : ", widened to contain the estimate";
        return new Interval(w2, Math.min(lo, w2), Math.max(hi, w2), level, String.format(
                Locale.ROOT, "bias-corrected percentile bootstrap, %d resamples, seed %d%s",
                resamples, seed, widened));
    }

    /** Fisher-Yates shuffle. */
    private static void shuffle(double[] values, SplittableRandom rng) {
        for (int k = values.length - 1; k > 0; k--) {
            int r = rng.nextInt(k + 1);
            double t = values[k];
            values[k] = values[r];
            values[r] = t;
        }
    }

    /** Sorted copies of x and y after checking them, the resamples and the level. */
    private static double[][] checked(double[] x, double[] y, int resamples, double level) {
        double[][] s = {sortedCopy(x, "x"), sortedCopy(y, "y")};
        Groups.checkResamples(resamples);
        Groups.checkLevel(level);
        return s;
    }

    private static void resample(double[] from, double[] to, SplittableRandom rng) {
        for (int k = 0; k < to.length; k++) {
            to[k] = from[rng.nextInt(from.length)];
        }
    }

    private static double[] sortedCopy(double[] values, String name) {
        Groups.validateValues(values, name);
        if (values.length == 0) {
            throw new IllegalArgumentException("sample " + name
                    + " is empty: need at least one value");
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
