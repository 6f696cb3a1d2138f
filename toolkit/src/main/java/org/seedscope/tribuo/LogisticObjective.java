package org.seedscope.tribuo;

import org.seedscope.data.Examples;

/**
 * The L2-regularised multinomial logistic loss of a {@link LinearClassifier} and its derivatives in
 * closed form, in double precision:
 * <pre>
 *   L(theta) = (1/n) sum_i CE_i + (l2/2) ||theta||^2,    CE_i = -ln softmax(x_i W + b)_{y_i}
 *   grad CE_i = delta_i x_i^T for W and delta_i for b,   delta_i = p_i - onehot(y_i)
 *   H v = (1/n) sum_i x_i r_i^T (and r_i for b) + l2 v,  r_i = p_i * u_i - p_i (p_i . u_i),  u_i = x_i V + v_b
 * </pre>
 * The penalty covers the biases too (Tribuo treats its bias as one more feature, and Guo et al.
 * penalise every parameter); it makes {@code L} strongly convex for {@code l2 > 0}, so the minimiser
 * is unique.
 *
 * <p>Every sum runs over the rows in order, so results are deterministic. Empty data contributes
 * nothing (the loss is then the penalty alone).
 */
public final class LogisticObjective {
    private LogisticObjective() {}

    /**
     * @param model the classifier
     * @param data examples of the model's shape
     * @param l2 the penalty weight, non-negative
     * @return {@code L(theta)}; NaN when a parameter is NaN
     */
    public static double loss(LinearClassifier model, Examples data, double l2) {
        check(model, data, l2);
        int k = model.classes();
        double[] z = new double[k];
        double sum = 0;
        for (int i = 0; i < data.size(); i++) {
            model.logits(data.x(), i, z);
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, z[c]);
            }
            double s = 0;
            for (int c = 0; c < k; c++) {
                s += Math.exp(z[c] - max);
            }
            sum += max + Math.log(s) - z[data.y()[i]];
        }
        double mean = data.isEmpty() ? 0 : sum / data.size();
        return mean + 0.5 * l2 * squaredNorm(model.parameters());
    }

    /**
     * @param model the classifier
     * @param data examples of the model's shape
     * @param l2 the penalty weight, non-negative
     * @return {@code grad L(theta)} in the classifier's parameter layout
     */
    public static double[] gradient(LinearClassifier model, Examples data, double l2) {
        check(model, data, l2);
        int d = model.features();
        int k = model.classes();
        double[] g = new double[model.parameterCount()];
        double[] delta = new double[k];
        for (int i = 0; i < data.size(); i++) {
            exampleDelta(model, data, i, delta);
            addOuter(g, data.x(), i, d, k, delta, 1.0);
        }
        scale(g, data.isEmpty() ? 0 : 1.0 / data.size());
        addScaled(g, l2, model.parameters());
        return g;
    }

    /**
     * The Hessian of {@code L} at the model's parameters times a vector, without forming the Hessian.
     *
     * @param model the classifier (the point theta)
     * @param data examples of the model's shape
     * @param l2 the penalty weight, non-negative
     * @param v a vector in the parameter layout
     * @return {@code H(theta) v}
     */
    public static double[] hessianVector(LinearClassifier model, Examples data, double l2, double[] v) {
        check(model, data, l2);
        if (v.length != model.parameterCount()) {
            throw new IllegalArgumentException("v must have " + model.parameterCount() + " values, got " + v.length);
        }
        int d = model.features();
        int k = model.classes();
        float[] x = data.x();
        double[] out = new double[v.length];
        double[] p = new double[k];
        double[] u = new double[k];
        LinearClassifier direction = new LinearClassifier(d, k, v);
        for (int i = 0; i < data.size(); i++) {
            model.logits(x, i, p);
            LinearClassifier.softmaxInPlace(p, k);
            direction.logits(x, i, u);
            double pu = 0;
            for (int c = 0; c < k; c++) {
                pu += p[c] * u[c];
            }
            for (int c = 0; c < k; c++) {
                u[c] = p[c] * (u[c] - pu);
            }
            addOuter(out, x, i, d, k, u, 1.0);
        }
        scale(out, data.isEmpty() ? 0 : 1.0 / data.size());
        addScaled(out, l2, v);
        return out;
    }

    /**
     * Minimises {@code L} by Newton's method with conjugate-gradient inner solves (Hessian-vector
     * products, so no {@code P x P} matrix is formed) and a backtracking (Armijo) line search; fully
     * deterministic. Stops when {@code ||grad L|| <= tolerance} or after {@code maxSteps} Newton steps.
     * This is the exact training the certified-removal guarantee assumes, and the exact Retrain it
     * is compared with.
     *
     * @param start the starting point
     * @param data the examples
     * @param l2 the penalty weight, positive (the minimiser is unique only then)
     * @param tolerance gradient-norm target, positive
     * @param maxSteps at most this many Newton steps, at least 1
     * @return the minimiser found, its gradient norm and the number of Newton steps taken
     */
    public static Solution minimise(LinearClassifier start, Examples data, double l2, double tolerance,
            int maxSteps) {
        check(start, data, l2);
        if (!(l2 > 0)) {
            throw new IllegalArgumentException("minimise needs a positive l2 penalty, got " + l2);
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be positive, got " + tolerance);
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps must be at least 1, got " + maxSteps);
        }
        LinearClassifier theta = start;
        double[] g = gradient(theta, data, l2);
        double norm = norm(g);
        int steps = 0;
        while (norm > tolerance && steps < maxSteps) {
            double[] direction = conjugateGradient(theta, data, l2, g, 1e-3 * Math.min(1, norm), 200).solution();
            double before = loss(theta, data, l2);
            double slope = dot(g, direction);
            double t = 1;
            LinearClassifier next = step(theta, direction, -t);
            while (loss(next, data, l2) > before - 1e-4 * t * slope && t > 1e-10) {
                t /= 2;
                next = step(theta, direction, -t);
            }
            theta = next;
            g = gradient(theta, data, l2);
            norm = norm(g);
            steps++;
        }
        return new Solution(theta, norm, steps);
    }

    /**
     * Trains the L2-regularised logistic regression exactly: {@link #minimise} from all-zero
     * parameters to a gradient norm of 1e-8, at most 100 Newton steps.
     *
     * @param data the training examples
     * @param l2 the penalty weight, positive
     * @return the minimiser
     */
    public static Solution fit(Examples data, double l2) {
        return minimise(LinearClassifier.zeros(data.features(), data.classes()), data, l2, 1e-8, 100);
    }

    /**
     * A minimiser.
     *
     * @param model the parameters found
     * @param gradientNorm {@code ||grad L||_2} there
     * @param steps Newton steps taken
     */
    public record Solution(LinearClassifier model, double gradientNorm, int steps) {}

    /**
     * A solution of {@code H x = b} by conjugate gradients.
     *
     * @param solution x
     * @param residualNorm {@code ||b - H x||_2}
     * @param iterations iterations used
     */
    record Solve(double[] solution, double residualNorm, int iterations) {}

    /** Solves {@code H(theta) s = b} by conjugate gradients from s = 0, to {@code ||r|| <= tolerance * ||b||}. */
    static Solve conjugateGradient(LinearClassifier theta, Examples data, double l2, double[] b, double tolerance,
            int maxIterations) {
        double[] s = new double[b.length];
        double[] r = b.clone();
        double[] dir = b.clone();
        double rr = dot(r, r);
        double target = tolerance * tolerance * rr;
        int it = 0;
        while (rr > target && it < maxIterations) {
            double[] hd = hessianVector(theta, data, l2, dir);
            double alpha = rr / dot(dir, hd);
            addScaled(s, alpha, dir);
            addScaled(r, -alpha, hd);
            double next = dot(r, r);
            for (int i = 0; i < dir.length; i++) {
                dir[i] = r[i] + next / rr * dir[i];
            }
            rr = next;
            it++;
        }
        return new Solve(s, Math.sqrt(rr), it);
    }

    /** Writes {@code delta = softmax(logits_i) - onehot(y_i)} into delta. */
    static void exampleDelta(LinearClassifier model, Examples data, int i, double[] delta) {
        model.logits(data.x(), i, delta);
        LinearClassifier.softmaxInPlace(delta, model.classes());
        delta[data.y()[i]] -= 1;
    }

    /** {@code out[W] += a * x_i r^T}, {@code out[b] += a * r}. */
    static void addOuter(double[] out, float[] x, int i, int d, int k, double[] r, double a) {
        int base = i * d;
        for (int j = 0; j < d; j++) {
            double v = a * x[base + j];
            if (v != 0) {
                int w = j * k;
                for (int c = 0; c < k; c++) {
                    out[w + c] += v * r[c];
                }
            }
        }
        int b = d * k;
        for (int c = 0; c < k; c++) {
            out[b + c] += a * r[c];
        }
    }

    /** @return a copy of the model moved by {@code t * direction} */
    static LinearClassifier step(LinearClassifier model, double[] direction, double t) {
        double[] p = model.parameters().clone();
        addScaled(p, t, direction);
        return new LinearClassifier(model.features(), model.classes(), p);
    }

    static void addScaled(double[] target, double a, double[] v) {
        if (a != 0) {
            for (int i = 0; i < target.length; i++) {
                target[i] += a * v[i];
            }
        }
    }

    static void scale(double[] v, double a) {
        for (int i = 0; i < v.length; i++) {
            v[i] *= a;
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** @return the Euclidean norm */
    static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    static double squaredNorm(double[] v) {
        return dot(v, v);
    }

    private static void check(LinearClassifier model, Examples data, double l2) {
        model.requireFeatures(data);
        if (!(l2 >= 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be a non-negative finite number, got " + l2);
        }
    }
}
