package org.seedscope.stats;

import java.util.function.DoubleUnaryOperator;

/**
 * Package-private one-dimensional root finding and minimisation for the likelihood fits.
 */
final class Roots {

    private static final double GOLDEN = (3 - Math.sqrt(5)) / 2;

    private Roots() {
    }

    /**
     * A root of f on [a, b] by bisection, to machine precision (stops when the midpoint equals
     * an end point, at most 400 halvings).
     *
     * @param f a continuous function
     * @param a one end
     * @param b the other end; f(a) and f(b) must not have the same strict sign
     * @return x with f changing sign within one ulp of it (an end point when f is 0 there)
     */
    static double bisect(DoubleUnaryOperator f, double a, double b) {
        double fa = f.applyAsDouble(a);
        if (fa == 0) {
            return a;
        }
        double fb = f.applyAsDouble(b);
        if (fb == 0) {
            return b;
        }
        if ((fa > 0) == (fb > 0)) {
            throw new IllegalStateException("bisect: no sign change on [" + a + ", " + b
                    + "]: f = " + fa + ", " + fb);
        }
        double lo = a;
        double hi = b;
        boolean loNegative = fa < 0;
        for (int it = 0; it < 400; it++) {
            double mid = lo + (hi - lo) / 2;
            if (mid == lo || mid == hi) {
                break;
            }
            double fm = f.applyAsDouble(mid);
            if (fm == 0) {
                return mid;
            }
            if ((fm < 0) == loNegative) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo + (hi - lo) / 2;
    }

    /**
     * The minimum of f on [a, b] by Brent's method (golden-section search with parabolic
     * interpolation; Brent 1973, <i>Algorithms for Minimization without Derivatives</i>,
     * ch. 5), converging to an end point when the minimum is there.
     *
     * @param f the function
     * @param a the lower end
     * @param b the upper end, &gt; a
     * @param relTol relative tolerance on the argument (≥ about 1e−8: √ε is the limit)
     * @param absTol absolute tolerance on the argument, &gt; 0
     * @return the argument of the minimum found
     */
    static double minimize(DoubleUnaryOperator f, double a, double b, double relTol,
            double absTol) {
        double lo = a;
        double hi = b;
        double x = lo + GOLDEN * (hi - lo);
        double w = x;
        double v = x;
        double fx = f.applyAsDouble(x);
        double fw = fx;
        double fv = fx;
        double d = 0;
        double e = 0;
        for (int it = 0; it < 500; it++) {
            double mid = (lo + hi) / 2;
            double tol1 = relTol * Math.abs(x) + absTol;
            double tol2 = 2 * tol1;
            if (Math.abs(x - mid) <= tol2 - (hi - lo) / 2) {
                break;
            }
            boolean golden = true;
            if (Math.abs(e) > tol1) {
                double r = (x - w) * (fx - fv);
                double q = (x - v) * (fx - fw);
                double p = (x - v) * q - (x - w) * r;
                q = 2 * (q - r);
                if (q > 0) {
                    p = -p;
                } else {
                    q = -q;
                }
                if (Math.abs(p) < Math.abs(0.5 * q * e) && p > q * (lo - x) && p < q * (hi - x)) {
                    e = d;
                    d = p / q;
                    double u = x + d;
                    if (u - lo < tol2 || hi - u < tol2) {
                        d = x < mid ? tol1 : -tol1;
                    }
                    golden = false;
                }
            }
            if (golden) {
                e = (x < mid ? hi : lo) - x;
                d = GOLDEN * e;
            }
            double u = Math.abs(d) >= tol1 ? x + d : x + (d > 0 ? tol1 : -tol1);
            double fu = f.applyAsDouble(u);
            if (fu <= fx) {
                if (u < x) {
                    hi = x;
                } else {
                    lo = x;
                }
                v = w;
                fv = fw;
                w = x;
                fw = fx;
                x = u;
                fx = fu;
            } else {
                if (u < x) {
                    lo = u;
                } else {
                    hi = u;
                }
                if (fu <= fw || w == x) {
                    v = w;
                    fv = fw;
                    w = u;
                    fw = fu;
                } else if (fu <= fv || v == x || v == w) {
                    v = u;
                    fv = fu;
                }
            }
        }
        return x;
    }
}
