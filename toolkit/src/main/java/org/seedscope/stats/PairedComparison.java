package org.seedscope.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import tech.tablesaw.api.Table;

/**
 * Paired comparison of two methods on the training seeds they share (Bouthillier et al. 2021,
 * "Accounting for variance in machine learning benchmarks"; Agarwal et al. 2021, probability of
 * improvement).
 *
 * <p>For each shared training seed i, m_A,i and m_B,i are the means over that seed's
 * unlearning runs, and d_i = m_A,i − m_B,i. Reported: the mean difference d̄ and
 * P(A &gt; B) = (#{i: m_A,i &gt; m_B,i} + ½ #{i: m_A,i = m_B,i}) / I, each with a percentile
 * bootstrap interval that resamples training seeds with replacement, keeping pairs together.
 * The per-seed means already carry the unlearning-seed noise, so resampling seeds covers both
 * variance components. "Greater" is literal: for a metric where lower is better, read
 * P(A &gt; B) as the probability that A is worse.
 *
 * @param nameA label of method A
 * @param nameB label of method B
 * @param trainSeeds the shared training seeds
 * @param meansA per-seed means of A
 * @param meansB per-seed means of B
 * @param meanDifference d̄ with its bootstrap interval
 * @param probabilityAGreater P(A &gt; B) with its bootstrap interval
 */
public record PairedComparison(String nameA, String nameB, long[] trainSeeds, double[] meansA,
        double[] meansB, Interval meanDifference, Interval probabilityAGreater) {

    /** Copies the arrays and checks that they align. */
    public PairedComparison {
        Objects.requireNonNull(nameA, "nameA");
        Objects.requireNonNull(nameB, "nameB");
        Objects.requireNonNull(meanDifference, "meanDifference");
        Objects.requireNonNull(probabilityAGreater, "probabilityAGreater");
        trainSeeds = trainSeeds.clone();
        meansA = meansA.clone();
        meansB = meansB.clone();
        if (trainSeeds.length != meansA.length || meansA.length != meansB.length) {
            throw new IllegalArgumentException("need one mean of A and of B per training seed, got "
                    + trainSeeds.length + " seeds, " + meansA.length + " and " + meansB.length
                    + " means");
        }
    }

    /**
     * Compares two nested designs aligned by training seed.
     *
     * @param trainSeeds the training seed of each row of a and b
     * @param nameA label of method A
     * @param a a[i] = A's unlearning-seed values on training seed trainSeeds[i]
     * @param nameB label of method B
     * @param b b[i] = B's unlearning-seed values on training seed trainSeeds[i] (its size may
     *     differ from a[i])
     * @param resamples bootstrap replicates, at least 1 (e.g. 2000)
     * @param level confidence level in (0, 1)
     * @param seed seed of the {@link SplittableRandom} drawing the resamples
     * @return the comparison; with one training seed the intervals have zero width
     * @throws IllegalArgumentException when the designs do not align, are empty or hold a
     *     non-finite value (named), or for bad resamples or level
     */
    public static PairedComparison of(long[] trainSeeds, String nameA, double[][] a,
            String nameB, double[][] b, int resamples, double level, long seed) {
        Objects.requireNonNull(trainSeeds, "trainSeeds");
        Groups.validate(a, "a");
        Groups.validate(b, "b");
        if (a.length != b.length || a.length != trainSeeds.length) {
            throw new IllegalArgumentException("a, b and trainSeeds must align: got "
                    + a.length + ", " + b.length + " and " + trainSeeds.length + " training seeds");
        }
        return fromMeans(trainSeeds, nameA, Groups.groupMeans(a), nameB, Groups.groupMeans(b),
                resamples, level, seed);
    }

    /**
     * Compares two methods of one (scenario, protocol) in a result table, on the training seeds
     * where both have "ok" rows (other seeds are ignored).
     *
     * @param rows the study's result table (columns as in {@link SeedVariance})
     * @param metric the numeric metric column
     * @param scenario the scenario
     * @param protocol the protocol, usually "grid" or "many-training-seeds"
     * @param methodA method A
     * @param methodB method B
     * @param resamples bootstrap replicates, at least 1
     * @param level confidence level in (0, 1)
     * @param seed bootstrap seed
     * @return the comparison
     * @throws IllegalArgumentException when a method is absent or the two share no training
     *     seed, or as {@link SeedVariance#of(Table, String)}
     */
    public static PairedComparison of(Table rows, String metric, String scenario,
            String protocol, String methodA, String methodB, int resamples, double level,
            long seed) {
        Map<String, TreeMap<Long, Double>> means =
                StudyRows.seedMeans(rows, metric, scenario, protocol);
        TreeMap<Long, Double> ma = method(means, methodA, scenario, protocol);
        TreeMap<Long, Double> mb = method(means, methodB, scenario, protocol);
        List<Long> shared = new ArrayList<>(ma.keySet());
        shared.retainAll(mb.keySet());
        if (shared.isEmpty()) {
            throw new IllegalArgumentException("methods '" + methodA + "' (seeds " + ma.keySet()
                    + ") and '" + methodB + "' (seeds " + mb.keySet()
                    + ") share no training seed in " + scenario + " / " + protocol);
        }
        long[] seeds = shared.stream().mapToLong(Long::longValue).toArray();
        double[] xa = shared.stream().mapToDouble(ma::get).toArray();
        double[] xb = shared.stream().mapToDouble(mb::get).toArray();
        return fromMeans(seeds, methodA, xa, methodB, xb, resamples, level, seed);
    }

    private static TreeMap<Long, Double> method(Map<String, TreeMap<Long, Double>> means,
            String method, String scenario, String protocol) {
        TreeMap<Long, Double> m = means.get(method);
        if (m == null) {
            throw new IllegalArgumentException("method '" + method + "' has no ok rows in "
                    + scenario + " / " + protocol + "; methods there: " + means.keySet());
        }
        return m;
    }

    private static PairedComparison fromMeans(long[] seeds, String nameA, double[] ma,
            String nameB, double[] mb, int resamples, double level, long seed) {
        Groups.checkResamples(resamples);
        Groups.checkLevel(level);
        int k = ma.length;
        double[] repDiff = new double[resamples];
        double[] repProb = new double[resamples];
        int[] idx = new int[k];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < k; i++) {
                idx[i] = rng.nextInt(k);
            }
            repDiff[r] = meanDifference(ma, mb, idx);
            repProb[r] = probabilityGreater(ma, mb, idx);
        }
        int[] all = new int[k];
        for (int i = 0; i < k; i++) {
            all[i] = i;
        }
        String how = String.format(Locale.ROOT, "paired percentile bootstrap over training seeds,"
                + " %d resamples, seed %d", resamples, seed);
        return new PairedComparison(nameA, nameB, seeds, ma, mb,
                Groups.percentile(meanDifference(ma, mb, all), repDiff, level, how),
                Groups.percentile(probabilityGreater(ma, mb, all), repProb, level, how));
    }

    private static double meanDifference(double[] ma, double[] mb, int[] idx) {
        double s = 0;
        for (int i : idx) {
            s += ma[i] - mb[i];
        }
        return s / idx.length;
    }

    private static double probabilityGreater(double[] ma, double[] mb, int[] idx) {
        double s = 0;
        for (int i : idx) {
            s += ma[i] > mb[i] ? 1 : ma[i] == mb[i] ? 0.5 : 0;
        }
        return s / idx.length;
    }

    /** @return the per-seed differences d_i = m_A,i − m_B,i */
    public double[] differences() {
        double[] d = new double[meansA.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = meansA[i] - meansB[i];
        }
        return d;
    }

    /** @return a copy of the shared training seeds */
    @Override
    public long[] trainSeeds() {
        return trainSeeds.clone();
    }

    /** @return a copy of A's per-seed means */
    @Override
    public double[] meansA() {
        return meansA.clone();
    }

    /** @return a copy of B's per-seed means */
    @Override
    public double[] meansB() {
        return meansB.clone();
    }

    /**
     * @param o another object
     * @return true for a comparison with equal names, array contents and intervals
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof PairedComparison c && nameA.equals(c.nameA) && nameB.equals(c.nameB)
                && Arrays.equals(trainSeeds, c.trainSeeds) && Arrays.equals(meansA, c.meansA)
                && Arrays.equals(meansB, c.meansB) && meanDifference.equals(c.meanDifference)
                && probabilityAGreater.equals(c.probabilityAGreater);
    }

    /** @return a hash of the names, array contents and intervals */
    @Override
    public int hashCode() {
        return Objects.hash(nameA, nameB, Arrays.hashCode(trainSeeds), Arrays.hashCode(meansA),
                Arrays.hashCode(meansB), meanDifference, probabilityAGreater);
    }

    /** @return the two estimates with their intervals on two lines */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s vs %s on %d shared training seeds%n"
                + "  mean difference %s%n  P(%s > %s) %s", nameA, nameB, trainSeeds.length,
                meanDifference, nameA, nameB, probabilityAGreater);
    }
}
