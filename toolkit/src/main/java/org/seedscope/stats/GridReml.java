package org.seedscope.stats;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * Package-private REML fit of the grid model y_mij = β_m + u_i + v_im + e_mij with
 * u_i ~ (0, σ²_seed), v_im ~ (0, σ²_seed×method), e ~ (0, σ²_residual), from cell summaries
 * (n_im, ȳ_im, within-cell sum of squares); see {@link GridModel}.
 *
 * <p>Observations of different training seeds are independent, so V is block diagonal by seed,
 * and each block V_i = σ²_e (I + a Σ_m 1_m 1_mᵀ + b 1 1ᵀ) with a = σ²_sm/σ²_e, b = σ²_s/σ²_e is
 * inverted in closed form (Sherman–Morrison twice): with d_im = n_im/(1 + n_im a) and
 * S_i = Σ_m d_im, log|H_i| = Σ_m log(1 + n_im a) + log(1 + b S_i);
 * (XᵀH⁻¹X)_i = diag(d_i) − b d_i d_iᵀ/(1 + b S_i);
 * rᵀH⁻¹r = W + Σ_i [Σ_m d_im e_im² − b (Σ_m d_im e_im)²/(1 + b S_i)], e_im = ȳ_im − β_m.
 * The profiled REML criterion (lme4's REMLcrit, Bates et al. 2015, J. Stat. Softw. 67(1),
 * eq. 42) is
 * <pre>  c(θ) = log|H| + log|XᵀH⁻¹X| + (N − p)(1 + log(2π rᵀH⁻¹r/(N − p))),</pre>
 * θ = (√a, √b) the relative standard deviations as in lme4, σ̂²_e = rᵀH⁻¹r/(N − p). It is
 * minimised over θ ≥ 0 by nested Brent searches (θ_seed inside, θ_seed×method outside), each
 * snapped to the boundary 0 when that is no worse.
 */
final class GridReml {

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double REL_TOL = 1e-9;

    private final int seeds;
    private final int methods;
    private final double[][] n;
    private final double[][] mean;
    private final double within;
    private final int runs;
    private final double bound;

    /** @param values values[m][i] = runs of method m on training seed i (may be empty) */
    GridReml(double[][][] values) {
        methods = values.length;
        seeds = values[0].length;
        n = new double[seeds][methods];
        mean = new double[seeds][methods];
        double w = 0;
        int count = 0;
        for (int m = 0; m < methods; m++) {
            for (int i = 0; i < seeds; i++) {
                double[] cell = values[m][i];
                n[i][m] = cell.length;
                count += cell.length;
                if (cell.length == 0) {
                    continue;
                }
                mean[i][m] = Groups.mean(cell);
                if (!Groups.constant(cell)) {
                    for (double x : cell) {
                        w += (x - mean[i][m]) * (x - mean[i][m]);
                    }
                }
            }
        }
        within = w;
        runs = count;
        bound = searchBound();
    }

    /** The fitted model. */
    record Fit(double sigma2Seed, double sigma2SeedMethod, double sigma2Residual,
            double[] beta, double[][] covariance, double criterion) {
    }

    /** The quantities at θ = (√a, √b). */
    private record State(double criterion, double[] beta, double[][] inverseInformation,
            double sigma2) {
    }

    Fit fit(List<String> notes) {
        double hi = bound;
        double[] theta = optimum(hi);
        while (theta[0] > 0.5 * hi || theta[1] > 0.5 * hi) {
            hi *= 10;
            theta = optimum(hi);
            if (hi > 1e12) {
                notes.add(String.format(Locale.ROOT, "grid REML: relative standard deviation"
                        + " above %.3g; search stopped", hi));
                break;
            }
        }
        State s = state(theta[0] * theta[0], theta[1] * theta[1]);
        double[][] cov = new double[methods][methods];
        for (int r = 0; r < methods; r++) {
            for (int c = 0; c < methods; c++) {
                cov[r][c] = s.sigma2() * s.inverseInformation()[r][c];
            }
        }
        return new Fit(theta[1] * theta[1] * s.sigma2(), theta[0] * theta[0] * s.sigma2(),
                s.sigma2(), s.beta(), cov, s.criterion());
    }

    /** (θ_seed×method, θ_seed) minimising the criterion on [0, hi]². */
    private double[] optimum(double hi) {
        double t1 = snap(x -> profile(x, hi), Roots.minimize(x -> profile(x, hi), 0, hi,
                REL_TOL, REL_TOL * hi));
        return new double[] {t1, inner(t1, hi)};
    }

    private double profile(double t1, double hi) {
        double t2 = inner(t1, hi);
        return criterion(t1, t2);
    }

    private double inner(double t1, double hi) {
        DoubleUnaryOperator f = t2 -> criterion(t1, t2);
        return snap(f, Roots.minimize(f, 0, hi, REL_TOL, REL_TOL * hi));
    }

    private static double snap(DoubleUnaryOperator f, double x) {
        return f.applyAsDouble(0) <= f.applyAsDouble(x) ? 0 : x;
    }

    private double criterion(double t1, double t2) {
        return state(t1 * t1, t2 * t2).criterion();
    }

    private State state(double a, double b) {
        double[][] info = new double[methods][methods];
        double[] rhs = new double[methods];
        double logDetH = 0;
        double[][] d = new double[seeds][methods];
        double[] scale = new double[seeds];
        for (int i = 0; i < seeds; i++) {
            double s = 0;
            double sdy = 0;
            for (int m = 0; m < methods; m++) {
                if (n[i][m] == 0) {
                    continue;
                }
                d[i][m] = n[i][m] / (1 + n[i][m] * a);
                logDetH += Math.log1p(n[i][m] * a);
                s += d[i][m];
                sdy += d[i][m] * mean[i][m];
            }
            logDetH += Math.log1p(b * s);
            scale[i] = b / (1 + b * s);
            for (int m = 0; m < methods; m++) {
                info[m][m] += d[i][m];
                rhs[m] += d[i][m] * mean[i][m] - scale[i] * d[i][m] * sdy;
                for (int l = 0; l < methods; l++) {
                    info[m][l] -= scale[i] * d[i][m] * d[i][l];
                }
            }
        }
        Cholesky chol = new Cholesky(info);
        double[] beta = chol.solve(rhs);
        double quad = within;
        for (int i = 0; i < seeds; i++) {
            double sde = 0;
            for (int m = 0; m < methods; m++) {
                double e = mean[i][m] - beta[m];
                quad += d[i][m] * e * e;
                sde += d[i][m] * e;
            }
            quad -= scale[i] * sde * sde;
        }
        int df = runs - methods;
        double sigma2 = quad / df;
        double crit = logDetH + chol.logDet() + df * (1 + LOG_2PI + Math.log(sigma2));
        return new State(crit, beta, chol.inverse(), sigma2);
    }

    /** A first upper end for θ: 10 × the ratio of the spread of cell means to the residual. */
    private double searchBound() {
        double s = 0;
        double s2 = 0;
        int k = 0;
        for (int i = 0; i < seeds; i++) {
            for (int m = 0; m < methods; m++) {
                if (n[i][m] > 0) {
                    s += mean[i][m];
                    s2 += mean[i][m] * mean[i][m];
                    k++;
                }
            }
        }
        double cellVar = Math.max(0, s2 / k - (s / k) * (s / k));
        double residual = within / Math.max(1, runs - k);
        return 10 * Math.sqrt(cellVar / residual) + 10;
    }
}
