package org.seedscope.stats;

/**
 * Package-private Cholesky factorisation A = L Lᵀ of a small symmetric positive-definite
 * matrix (the p × p information matrix XᵀV⁻¹X of a mixed model's fixed effects).
 */
final class Cholesky {

    private final double[][] l;

    /**
     * @param a a symmetric positive-definite matrix (only the lower triangle is read)
     * @throws IllegalStateException when a is not positive definite (the fixed effects are
     *     not identifiable)
     */
    Cholesky(double[][] a) {
        int p = a.length;
        l = new double[p][p];
        for (int r = 0; r < p; r++) {
            for (int c = 0; c <= r; c++) {
                double s = a[r][c];
                for (int k = 0; k < c; k++) {
                    s -= l[r][k] * l[c][k];
                }
                if (r == c) {
                    if (!(s > 0)) {
                        throw new IllegalStateException("information matrix not positive"
                                + " definite at pivot " + r + " (" + s + ")");
                    }
                    l[r][r] = Math.sqrt(s);
                } else {
                    l[r][c] = s / l[c][c];
                }
            }
        }
    }

    /** @return log det A = 2 Σ log L_kk */
    double logDet() {
        double s = 0;
        for (int k = 0; k < l.length; k++) {
            s += Math.log(l[k][k]);
        }
        return 2 * s;
    }

    /** @return x with A x = b */
    double[] solve(double[] b) {
        int p = l.length;
        double[] y = new double[p];
        for (int r = 0; r < p; r++) {
            double s = b[r];
            for (int k = 0; k < r; k++) {
                s -= l[r][k] * y[k];
            }
            y[r] = s / l[r][r];
        }
        double[] x = new double[p];
        for (int r = p - 1; r >= 0; r--) {
            double s = y[r];
            for (int k = r + 1; k < p; k++) {
                s -= l[k][r] * x[k];
            }
            x[r] = s / l[r][r];
        }
        return x;
    }

    /** @return A⁻¹ */
    double[][] inverse() {
        int p = l.length;
        double[][] inv = new double[p][];
        for (int c = 0; c < p; c++) {
            double[] e = new double[p];
            e[c] = 1;
            inv[c] = solve(e);
        }
        return inv;
    }
}
