package org.seedscope.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

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
