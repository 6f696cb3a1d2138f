package org.seedscope.stats;

/**
 * Package-private one-way ANOVA summary of a nested design, shared by the ANOVA and REML
 * estimators so both read the same sums of squares.
 *
 * <p>With n_i values in group i, N = Σ n_i, group means ȳ_i and the observation-weighted grand
 * mean ȳ: SSB = Σ n_i (ȳ_i − ȳ)², SSW = Σ_i Σ_j (y_ij − ȳ_i)², df_B = I − 1, df_W = N − I,
 * n0 = (N − Σ n_i²/N)/(I − 1) (1 when I = 1). A group whose values are all equal has mean
 * exactly that value and contributes exactly 0 to SSW.
 *
 * @param sizes n_i
 * @param means ȳ_i
 * @param runs N
 * @param grandMean ȳ
 * @param ssBetween SSB
 * @param ssWithin SSW
 * @param n0 the effective group size
 * @param withinConstant true when every group's values are all equal
 */
record AnovaTable(int[] sizes, double[] means, int runs, double grandMean, double ssBetween,
        double ssWithin, double n0, boolean withinConstant) {

    /**
     * @param groups a validated nested design
     * @return its ANOVA summary
     */
    static AnovaTable of(double[][] groups) {
        int k = groups.length;
        int[] sizes = new int[k];
        double[] means = Groups.groupMeans(groups);
        int n = 0;
        double sumSquaredSizes = 0;
        double ssw = 0;
        boolean constant = true;
        for (int i = 0; i < k; i++) {
            double[] g = groups[i];
            sizes[i] = g.length;
            n += g.length;
            sumSquaredSizes += (double) g.length * g.length;
            if (Groups.constant(g)) {
                continue;
            }
            constant = false;
            for (double v : g) {
                ssw += (v - means[i]) * (v - means[i]);
            }
        }
        double grand = weightedMean(means, sizes, n);
        double ssb = 0;
        for (int i = 0; i < k; i++) {
            ssb += sizes[i] * (means[i] - grand) * (means[i] - grand);
        }
        double n0 = k == 1 ? 1 : (n - sumSquaredSizes / n) / (k - 1);
        return new AnovaTable(sizes, means, n, grand, ssb, ssw, n0, constant);
    }

    /** Observation-weighted mean Σ n_i ȳ_i / N, exact when every group mean is equal. */
    private static double weightedMean(double[] means, int[] sizes, int n) {
        double first = means[0];
        double shifted = 0;
        for (int i = 0; i < means.length; i++) {
            shifted += sizes[i] * (means[i] - first);
        }
        return first + shifted / n;
    }

    /** @return I, the number of groups */
    int groups() {
        return sizes.length;
    }

    /** @return df_B = I − 1 */
    int dfBetween() {
        return sizes.length - 1;
    }

    /** @return df_W = N − I */
    int dfWithin() {
        return runs - sizes.length;
    }

    /** @return the largest group size */
    int maxSize() {
        int max = 0;
        for (int s : sizes) {
            max = Math.max(max, s);
        }
        return max;
    }

    /** @return the smallest group size */
    int minSize() {
        int min = Integer.MAX_VALUE;
        for (int s : sizes) {
            min = Math.min(min, s);
        }
        return min;
    }
}
