package org.seedscope.audit;

/**
 * How much a per-training-seed audit number varies across training seeds: what one training seed
 * alone would have concluded ranges from {@code min} to {@code max}.
 *
 * @param n number of training seeds with a finite value
 * @param mean their mean; NaN when n = 0
 * @param sd their standard deviation (divisor n - 1); NaN when n < 2
 * @param min the smallest; NaN when n = 0
 * @param max the largest; NaN when n = 0
 */
public record Spread(int n, double mean, double sd, double min, double max) {

    /**
     * @param values one value per training seed; NaN values are left out
     * @return their spread
     */
    public static Spread of(double[] values) {
        int n = 0;
        double sum = 0;
        double min = Double.NaN;
        double max = Double.NaN;
        for (double v : values) {
            if (Double.isFinite(v)) {
                n++;
                sum += v;
                min = n == 1 ? v : Math.min(min, v);
                max = n == 1 ? v : Math.max(max, v);
            }
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double sq = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                sq += (v - mean) * (v - mean);
            }
        }
        return new Spread(n, mean, n < 2 ? Double.NaN : Math.sqrt(sq / (n - 1)), min, max);
    }

    /** @return {@code max - min}; NaN when n = 0 */
    public double range() {
        return max - min;
    }
}
