package org.seedscope.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Package-private REML fit of the one-way model y_ij = μ + a_i + e_ij (Var a = s = σ²_train,
 * Var e = v = σ²_unlearn) from a design's {@link AnovaTable}; see {@link RemlEstimate}.
 *
 * <p>The REML criterion (−2 × restricted log-likelihood, as lme4's {@code REMLcrit}) is, with
 * w_i = n_i/(v + n_i s) and the GLS mean μ̂ = Σ w_i ȳ_i / Σ w_i,
 * <pre>  c(s, v) = (N − 1) log 2π + Σ [(n_i − 1) log v + log(v + n_i s)] + SSW/v
 *            + Σ w_i (ȳ_i − μ̂)² + log Σ w_i.</pre>
 * With γ = s/v and v profiled out (v̂ = Q(γ)/(N − 1), Q = SSW + Σ n_i(ȳ_i − μ̂)²/(1 + n_i γ)) its
 * derivative in t = log γ is
 * <pre>  h(t) = −(N − 1) Σ c_i w_i (ȳ_i − μ̂)² / Q + Σ c_i − Σ c_i w_i / Σ w_i,
 *   c_i = n_i γ/(1 + n_i γ),  w_i = n_i/(1 + n_i γ),</pre>
 * which tends to (I − 1) &gt; 0 as γ → ∞ when SSW &gt; 0. The fit brackets the root of h from the
 * ANOVA estimate of γ by doubling steps in t and bisects it to machine precision, so γ may be
 * anywhere from 0 to e^700; γ = 0 (σ²_train on the boundary) is taken when c'(0) ≥ 0 and no
 * interior minimum is lower.
 */
final class OneWayReml {

    private static final double LOG_2PI = Math.log(2 * Math.PI);
    private static final double T_MAX = 700;

    private final double[] n;
    private final double[] means;
    private final double ssw;
    private final int runs;
    private final double maxN;

    OneWayReml(AnovaTable t) {
        this.n = new double[t.groups()];
        for (int i = 0; i < n.length; i++) {
            n[i] = t.sizes()[i];
        }
        this.means = t.means();
        this.ssw = t.ssWithin();
        this.runs = t.runs();
        this.maxN = t.maxSize();
    }

    /** The fitted components at the minimum of the criterion. */
    record Fit(double s, double v, double mean, boolean boundary, double criterion) {
    }

    /** Fits the model; requires SSW &gt; 0. */
    Fit fit(double anovaGamma, List<String> notes) {
        double zeroSlope = slopeAtZero();
        if (!(anovaGamma > 0) && zeroSlope >= 0) {
            return atGamma(0);
        }
        double t0 = anovaGamma > 0 ? Math.log(anovaGamma) : -Math.log(runs);
        double h0 = h(t0);
        double lo = t0;
        double hi = t0;
        if (h0 > 0) {
            double step = 1;
            lo = t0 - step;
            while (h(lo) > 0) {
                hi = lo;
                if (Math.exp(lo) * maxN < 1e-17) {
                    return atGamma(0);
                }
                step *= 2;
                lo = t0 - step;
            }
        } else if (h0 < 0) {
            double step = 1;
            hi = t0 + step;
            while (h(hi) < 0) {
                lo = hi;
                step *= 2;
                hi = Math.min(t0 + step, T_MAX);
                if (lo >= T_MAX) {
                    notes.add("REML: sigma2_train / sigma2_unlearn above e^700; search stopped");
                    return atGamma(Math.exp(T_MAX));
                }
            }
        }
        double t = lo == hi ? t0 : Roots.bisect(this::h, lo, hi);
        Fit interior = atGamma(Math.exp(t));
        if (zeroSlope >= 0) {
            Fit zero = atGamma(0);
            if (zero.criterion() <= interior.criterion()) {
                return zero;
            }
        }
        return interior;
    }

    /**
     * GLS weights w_i = n_i/(v + n_i s), their sum, the GLS mean and the squared deviations
     * d_i = (ȳ_i − μ̂)².
     */
    private record Weights(double[] w, double sum, double mu, double[] d) {
    }

    private Weights weigh(double s, double v) {
        double[] w = new double[n.length];
        double sw = 0;
        double swy = 0;
        for (int i = 0; i < n.length; i++) {
            w[i] = n[i] / (v + n[i] * s);
            sw += w[i];
            swy += w[i] * means[i];
        }
        double mu = swy / sw;
        double[] d = new double[n.length];
        for (int i = 0; i < n.length; i++) {
            d[i] = (means[i] - mu) * (means[i] - mu);
        }
        return new Weights(w, sw, mu, d);
    }

    /** d c/dγ at γ = 0 with v profiled: (N − 1)Q'(0)/Q(0) + N − Σ n_i²/N. */
    private double slopeAtZero() {
        Weights z = weigh(0, 1);
        double between = 0;
        double qPrime = 0;
        double sn2 = 0;
        for (int i = 0; i < n.length; i++) {
            between += n[i] * z.d()[i];
            qPrime -= n[i] * n[i] * z.d()[i];
            sn2 += n[i] * n[i];
        }
        return (runs - 1) * qPrime / (ssw + between) + z.sum() - sn2 / z.sum();
    }

    /** h(t) = γ dc/dγ at γ = e^t with v profiled out (class Javadoc). */
    double h(double t) {
        double gamma = Math.exp(t);
        Weights g = weigh(gamma, 1);
        double sc = 0;
        double scw = 0;
        double q = ssw;
        double cwd = 0;
        for (int i = 0; i < n.length; i++) {
            double c = 1 / (1 + 1 / (n[i] * gamma));
            sc += c;
            scw += c * g.w()[i];
            q += g.w()[i] * g.d()[i];
            cwd += c * g.w()[i] * g.d()[i];
        }
        return -(runs - 1) * cwd / q + sc - scw / g.sum();
    }

    /** The fit at a given γ with v profiled out. */
    private Fit atGamma(double gamma) {
        Weights g = weigh(gamma, 1);
        double q = ssw;
        for (int i = 0; i < n.length; i++) {
            q += g.w()[i] * g.d()[i];
        }
        double v = q / (runs - 1);
        double s = gamma * v;
        return new Fit(s, v, g.mu(), gamma == 0, criterion(s, v));
    }

    /** The REML criterion c(s, v) of the class Javadoc (v &gt; 0, s ≥ 0). */
    double criterion(double s, double v) {
        Weights g = weigh(s, v);
        double logDet = 0;
        double quad = ssw / v;
        for (int i = 0; i < n.length; i++) {
            logDet += (n[i] - 1) * Math.log(v) + Math.log(v + n[i] * s);
            quad += g.w()[i] * g.d()[i];
        }
        return (runs - 1) * LOG_2PI + logDet + quad + Math.log(g.sum());
    }

    /** min over v of c(s, v), by bisection of dc/d(log v). */
    double profileTrain(double s, double vStart) {
        DoubleUnaryOperator slope = u -> slopeInLogV(s, Math.exp(u));
        double u = Math.log(vStart);
        return criterion(s, Math.exp(bracketAndBisect(slope, u)));
    }

    /** min over s ≥ 0 of c(s, v), by bisection of dc/ds. */
    double profileUnlearn(double v, double sStart) {
        if (slopeInS(0, v) >= 0) {
            return criterion(0, v);
        }
        double hi = Math.max(sStart, v / maxN);
        while (slopeInS(hi, v) < 0) {
            hi *= 2;
        }
        return criterion(Roots.bisect(x -> slopeInS(x, v), 0, hi), v);
    }

    private static double bracketAndBisect(DoubleUnaryOperator slope, double u0) {
        double f0 = slope.applyAsDouble(u0);
        if (f0 == 0) {
            return u0;
        }
        double dir = f0 < 0 ? 1 : -1;
        double step = 1;
        double far = u0 + dir * step;
        while ((slope.applyAsDouble(far) < 0) == (f0 < 0)) {
            step *= 2;
            far = u0 + dir * step;
        }
        return Roots.bisect(slope, Math.min(u0, far), Math.max(u0, far));
    }

    /**
     * v · ∂c/∂v = (N − I) − SSW/v + Σ v w_i/n_i − Σ v w_i² d_i/n_i − v Σ (w_i²/n_i) / Σ w_i.
     */
    private double slopeInLogV(double s, double v) {
        Weights g = weigh(s, v);
        double slope = runs - n.length - ssw / v;
        double sw2 = 0;
        for (int i = 0; i < n.length; i++) {
            double w = g.w()[i];
            slope += v * w / n[i] - v * w * w / n[i] * g.d()[i];
            sw2 += w * w / n[i];
        }
        return slope - v * sw2 / g.sum();
    }

    /** ∂c/∂s = Σ w_i − Σ w_i² d_i − Σ w_i² / Σ w_i. */
    private double slopeInS(double s, double v) {
        Weights g = weigh(s, v);
        double slope = g.sum();
        double sw2 = 0;
        for (int i = 0; i < n.length; i++) {
            double w = g.w()[i];
            slope -= w * w * g.d()[i];
            sw2 += w * w;
        }
        return slope - sw2 / g.sum();
    }

    /**
     * Profile-likelihood intervals {c : c_profile − c_min ≤ χ²_1(level)} for σ²_train and
     * σ²_unlearn.
     */
    List<Optional<Interval>> profileIntervals(Fit fit, double level, List<String> notes) {
        double q = ChiSquaredDistribution.of(1).inverseCumulativeProbability(level);
        double target = fit.criterion() + q;
        String how = String.format(Locale.ROOT, "REML profile likelihood, chi-squared(1) cut-off"
                + " %.4g", q);
        List<Optional<Interval>> out = new ArrayList<>();
        DoubleUnaryOperator train = x -> profileTrain(x, fit.v()) - target;
        double scale = fit.s() > 0 ? fit.s() : fit.v() / maxN;
        double lo = fit.s() == 0 || train.applyAsDouble(0) <= 0 ? 0
                : Roots.bisect(train, 0, fit.s());
        OptionalDouble hi = upward(train, fit.s(), scale);
        out.add(hi.isPresent() ? Optional.of(new Interval(fit.s(), lo, hi.getAsDouble(), level,
                how + (lo == 0 ? "; lower bound at 0 (conservative at the boundary)" : "")))
                : Optional.empty());
        if (hi.isEmpty()) {
            notes.add("REML profile interval for sigma2_train unbounded within 1e300");
        }
        DoubleUnaryOperator unlearn = x -> profileUnlearn(x, fit.s()) - target;
        double down = fit.v();
        while (unlearn.applyAsDouble(down) <= 0) {
            down /= 2;
        }
        double uLo = Roots.bisect(unlearn, down, fit.v());
        OptionalDouble uHi = upward(unlearn, fit.v(), fit.v());
        out.add(uHi.isPresent() ? Optional.of(new Interval(fit.v(), uLo, uHi.getAsDouble(),
                level, how)) : Optional.empty());
        return out;
    }

    /** The crossing of f from ≤ 0 at x0 upwards, by doubling then bisection. */
    private static OptionalDouble upward(DoubleUnaryOperator f, double x0, double scale) {
        double lo = x0;
        double hi = x0 + scale;
        while (f.applyAsDouble(hi) <= 0) {
            lo = hi;
            hi = x0 + 2 * (hi - x0);
            if (hi > 1e300) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.of(Roots.bisect(f, lo, hi));
    }
}
