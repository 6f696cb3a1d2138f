package org.seedscope.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How stable the ranking of methods is across training seeds: every training seed ranks the
 * methods by their per-seed score (rank 1 = best, tied methods share the average rank), and the
 * agreement of those rankings is summarised by Kendall's coefficient of concordance W and by
 * each method's probability of ranking first.
 *
 * <p>With m training seeds (raters), n methods, rank sums R_k and tie groups of sizes t in
 * seed s, T_s = Σ (t³ − t):
 * <pre>  W = 12 S / ( m²(n³ − n) − m Σ_s T_s ),   S = Σ_k (R_k − m(n + 1)/2)²</pre>
 * (Kendall and Babington Smith 1939; tie correction as in Kendall and Gibbons 1990, §6.8).
 * W = 1 when every seed gives the same ranking, 0 when the rank sums are all equal. Friedman's
 * statistic χ²_r = m(n − 1)W has approximately n − 1 degrees of freedom under "no agreement";
 * {@link #pValue()} is its upper tail. P(first) counts, per seed, 1/t for each of the t methods
 * tied for rank 1.
 *
 * @param methods the method names, in column order of the scores
 * @param ranks ranks[s][k] = rank of method k on training seed s (1 = best)
 * @param direction which scores are better
 * @param kendallW W, empty when every seed ties all methods (0/0)
 * @param pValue upper-tail χ²(n − 1) probability of m(n − 1)W, empty when W is
 * @param probabilityFirst probabilityFirst[k] = fraction of seeds where method k ranks first
 */
public record RankStability(List<String> methods, double[][] ranks, Direction direction,
        OptionalDouble kendallW, OptionalDouble pValue, double[] probabilityFirst) {

    /** Copies the parts. */
    public RankStability {
        methods = List.copyOf(methods);
        ranks = Arrays.stream(ranks).map(double[]::clone).toArray(double[][]::new);
        probabilityFirst = probabilityFirst.clone();
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(kendallW, "kendallW");
        Objects.requireNonNull(pValue, "pValue");
    }

    /**
     * Ranks methods on each training seed and measures agreement.
     *
     * @param scores scores[s][k] = score of method k on training seed s (e.g. the mean over
     *     that seed's unlearning runs); at least one seed, every row with one finite value per
     *     method
     * @param methods the method names, at least two, distinct
     * @param direction which scores are better
     * @return the ranks, W, its p-value and P(first)
     * @throws IllegalArgumentException for fewer than two methods, ragged or empty scores, or a
     *     non-finite score (named)
     */
    public static RankStability of(double[][] scores, List<String> methods,
            Direction direction) {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(methods, "methods");
        int n = methods.size();
        if (n < 2 || new TreeSet<>(methods).size() != n) {
            throw new IllegalArgumentException("need at least two distinct methods, got " + methods);
        }
        Groups.validate(scores, "scores");
        int m = scores.length;
        double[][] ranks = new double[m][];
        double[] first = new double[n];
        double tieSum = 0;
        double[] rankSums = new double[n];
        for (int s = 0; s < m; s++) {
            if (scores[s].length != n) {
                throw new IllegalArgumentException("scores[" + s + "] has " + scores[s].length
                        + " values; need one per method (" + n + ")");
            }
            double[] key = new double[n];
            for (int k = 0; k < n; k++) {
                key[k] = direction.badness(scores[s][k]);
            }
            ranks[s] = new double[n];
            tieSum += averageRanks(key, ranks[s]);
            double best = minimum(key);
            int atTop = 0;
            for (int k = 0; k < n; k++) {
                rankSums[k] += ranks[s][k];
                if (key[k] == best) {
                    atTop++;
                }
            }
            for (int k = 0; k < n; k++) {
                if (key[k] == best) {
                    first[k] += 1.0 / atTop;
                }
            }
        }
        double mean = m * (n + 1) / 2.0;
        double ss = 0;
        for (double r : rankSums) {
            ss += (r - mean) * (r - mean);
        }
        double denominator = (double) m * m * ((double) n * n * n - n) - m * tieSum;
        OptionalDouble w = OptionalDouble.empty();
        OptionalDouble p = OptionalDouble.empty();
        if (denominator > 0) {
            double wv = Math.min(1, 12 * ss / denominator);
            w = OptionalDouble.of(wv);
            p = OptionalDouble.of(ChiSquaredDistribution.of(n - 1).survivalProbability(
                    m * (n - 1) * wv));
        }
        for (int k = 0; k < n; k++) {
            first[k] /= m;
        }
        return new RankStability(methods, ranks, direction, w, p, first);
    }

    /**
     * Ranks the methods of one (scenario, protocol) in a result table by their per-training-seed
     * mean of the metric, on the training seeds where every method has "ok" rows (other seeds
     * are left out).
     *
     * @param rows the study's result table (columns as in {@link SeedVariance})
     * @param metric the numeric metric column
     * @param scenario the scenario
     * @param protocol the protocol, usually "grid" or "many-training-seeds"
     * @param direction which scores are better
     * @return the rank stability of all methods present, in order of first appearance
     * @throws IllegalArgumentException when fewer than two methods are present, they share no
     *     training seed, or as {@link SeedVariance#of(Table, String)}
     */
    public static RankStability of(Table rows, String metric, String scenario, String protocol,
            Direction direction) {
        Map<String, TreeMap<Long, Double>> means =
                StudyRows.seedMeans(rows, metric, scenario, protocol);
        List<String> methods = new ArrayList<>(means.keySet());
        TreeSet<Long> shared = null;
        for (TreeMap<Long, Double> m : means.values()) {
            if (shared == null) {
                shared = new TreeSet<>(m.keySet());
            } else {
                shared.retainAll(m.keySet());
            }
        }
        if (shared.isEmpty()) {
            throw new IllegalArgumentException("methods " + methods + " share no training seed in "
                    + scenario + " / " + protocol);
        }
        double[][] scores = new double[shared.size()][methods.size()];
        int s = 0;
        for (long seed : shared) {
            for (int k = 0; k < methods.size(); k++) {
                scores[s][k] = means.get(methods.get(k)).get(seed);
            }
            s++;
        }
        return of(scores, methods, direction);
    }

    /**
     * Assigns average ranks (1 = smallest key) and returns the tie term Σ (t³ − t).
     */
    static double averageRanks(double[] key, double[] ranks) {
        int n = key.length;
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (x, y) -> Double.compare(key[x], key[y]));
        double ties = 0;
        int start = 0;
        while (start < n) {
            int end = start;
            while (end + 1 < n && key[order[end + 1]] == key[order[start]]) {
                end++;
            }
            double avg = (start + end) / 2.0 + 1;
            for (int q = start; q <= end; q++) {
                ranks[order[q]] = avg;
            }
            double t = end - start + 1;
            ties += t * t * t - t;
            start = end + 1;
        }
        return ties;
    }

    private static double minimum(double[] key) {
        double min = key[0];
        for (double k : key) {
            min = Math.min(min, k);
        }
        return min;
    }

    /** @return the number of training seeds that ranked the methods */
    public int seeds() {
        return ranks.length;
    }

    /** @return meanRank[k] = method k's average rank over the training seeds */
    public double[] meanRanks() {
        double[] r = new double[methods.size()];
        for (double[] row : ranks) {
            for (int k = 0; k < r.length; k++) {
                r[k] += row[k] / ranks.length;
            }
        }
        return r;
    }

    /** @return a deep copy of the ranks */
    @Override
    public double[][] ranks() {
        return Arrays.stream(ranks).map(double[]::clone).toArray(double[][]::new);
    }

    /** @return a copy of P(first) per method */
    @Override
    public double[] probabilityFirst() {
        return probabilityFirst.clone();
    }

    /** @return one row per method: method, mean_rank, p_first */
    public Table table() {
        return Table.create("rank stability", StringColumn.create("method", methods),
                DoubleColumn.create("mean_rank", meanRanks()),
                DoubleColumn.create("p_first", probabilityFirst));
    }

    /**
     * @param o another object
     * @return true for a result with equal methods, ranks (contents), direction, W, p-value
     *     and P(first)
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof RankStability r && methods.equals(r.methods)
                && Arrays.deepEquals(ranks, r.ranks) && direction.equals(r.direction)
                && kendallW.equals(r.kendallW) && pValue.equals(r.pValue)
                && Arrays.equals(probabilityFirst, r.probabilityFirst);
    }

    /** @return a hash of all components, by array contents */
    @Override
    public int hashCode() {
        return Objects.hash(methods, Arrays.deepHashCode(ranks), direction, kendallW, pValue,
                Arrays.hashCode(probabilityFirst));
    }

    /** @return W, its p-value and the per-method table */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RankStability over %d training seeds (%s): Kendall W = %s,"
                + " p = %s%n%s", ranks.length, direction,
                kendallW.isPresent() ? String.format(Locale.ROOT, "%.4f", kendallW.getAsDouble())
                        : "undefined (all tied)",
                pValue.isPresent() ? String.format(Locale.ROOT, "%.3g", pValue.getAsDouble())
                        : "-", table());
    }
}
