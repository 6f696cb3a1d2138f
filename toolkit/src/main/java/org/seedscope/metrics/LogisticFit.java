package org.seedscope.metrics;

/**
 * The exact minimiser of a weighted, L2-penalised one-feature logistic regression with intercept:
 * <pre>
 *   f(w, b) = s_m sum_{x in members} softplus(-(w x + b)) + s_n sum_{x in nonMembers} softplus(w x + b)
 *             + lambda w^2,                                  softplus(z) = ln(1 + e^z),
 * </pre>
 * by Newton's method on the 2 x 2 system. With {@code lambda > 0} the Hessian is positive definite
 * everywhere (its determinant is at least {@code 2 lambda sum s h > 0}), so every Newton direction
 * descends. Far from the minimum steps are halved until {@code f} does not increase; once the
 * squared Newton decrement is below {@code 1e-10} full steps are taken (quadratic convergence) until a
 * step changes neither parameter by more than {@code 1e-15} relative. Sums run in array order, so the
 * result is a deterministic function of the inputs.
 */
final class LogisticFit {
    private final double[] members;
    private final double memberWeight;
    private final double[] nonMembers;
    private final double nonMemberWeight;
    private final double lambda;
    /** Squared Newton decrement below which full steps are taken without a line search. */
    private static final double QUADRATIC = 1e-10;

    LogisticFit(double[] members, double memberWeight, double[] nonMembers, double nonMemberWeight, double lambda) {
        this.members = members;
        this.memberWeight = memberWeight;
        this.nonMembers = nonMembers;
        this.nonMemberWeight = nonMemberWeight;
        this.lambda = lambda;
    }

    /**
     * @param maxIterations Newton iterations allowed
     * @return the minimiser
     */
    MembershipInference.EntropyAttack newton(int maxIterations) {
        double w = 0;
        double b = 0;
        for (int iteration = 0; iteration < maxIterations; iteration++) {
            double[] g = new double[5]; // gw, gb, hww, hwb, hbb
            accumulate(members, memberWeight, -1, w, b, g);
            accumulate(nonMembers, nonMemberWeight, 1, w, b, g);
            double gw = g[0] + 2 * lambda * w;
            double gb = g[1];
            double hww = g[2] + 2 * lambda;
            double det = hww * g[4] - g[3] * g[3];
            double dw = (g[4] * gw - g[3] * gb) / det;
            double db = (hww * gb - g[3] * gw) / det;
            double decrement = gw * dw + gb * db; // squared Newton decrement, twice the predicted decrease
            if (!(decrement >= 0)) {
                break; // NaN: a non-finite input slipped through
            }
            double step = 1;
            double nw = w - dw;
            double nb = b - db;
            if (decrement > QUADRATIC) {
                // far from the minimum: halve until f does not increase (a descent direction, so this ends)
                double f = objective(w, b);
                double nf = objective(nw, nb);
                while (!(nf <= f) && step > 0x1p-30) {
                    step /= 2;
                    nw = w - step * dw;
                    nb = b - step * db;
                    nf = objective(nw, nb);
                }
            }
            // near it, full steps converge quadratically; f's rounding would hide their gain
            boolean converged = Math.abs(nw - w) <= 1e-15 * (1 + Math.abs(w))
                    && Math.abs(nb - b) <= 1e-15 * (1 + Math.abs(b));
            w = nw;
            b = nb;
            if (converged) {
                break;
            }
        }
        return new MembershipInference.EntropyAttack(w, b);
    }

    /**
     * Adds one group's gradient and Hessian terms. For label sign {@code y} (-1 members, +1
     * non-members, i.e. the loss is softplus(y z)), d/dz softplus(y z) = y sigmoid(y z) and the
     * second derivative is sigmoid(z) sigmoid(-z).
     */
    private static void accumulate(double[] xs, double weight, int y, double w, double b, double[] g) {
        for (double x : xs) {
            double z = w * x + b;
            double p = sigmoid(y * z);
            double h = weight * sigmoid(z) * sigmoid(-z);
            g[0] += weight * y * p * x;
            g[1] += weight * y * p;
            g[2] += h * x * x;
            g[3] += h * x;
            g[4] += h;
        }
    }

    private double objective(double w, double b) {
        double f = lambda * w * w;
        for (double x : members) {
            f += memberWeight * softplus(-(w * x + b));
        }
        for (double x : nonMembers) {
            f += nonMemberWeight * softplus(w * x + b);
        }
        return f;
    }

    /** @return ln(1 + e^z) without overflow */
    static double softplus(double z) {
        return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** @return 1 / (1 + e^-z) without overflow */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
