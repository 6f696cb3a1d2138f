package org.seedscope.tribuo;

import org.seedscope.data.Examples;
import org.seedscope.engine.Model;
import org.seedscope.unlearn.UnlearningContext;
import org.seedscope.unlearn.UnlearningMethod;

/**
 * Certified removal for L2-regularised logistic regression (Guo, Goldstein, Hannun, van der Maaten,
 * "Certified data removal from machine learning models", ICML 2020): one Newton step on the
 * retained objective from the trained parameters,
 * <pre>
 *   L_r(theta) = (1/|D_r|) sum_{D_r} CE_i + (l2/2) ||theta||^2
 *   theta_minus = theta - H_r(theta)^{-1} grad L_r(theta)
 * </pre>
 * When theta minimises the full objective {@code L} on {@code D}, {@code grad L_r(theta) =
 * -(1/|D_r|) sum_{D_f} grad CE_i - (|D_f|/|D_r|) l2 theta}: the removed examples' loss gradient
 * with the accounting for the penalty, which is the paper's {@code Delta} in this normalisation.
 * It is computed directly on {@code D_r}, so the step is also a correct Newton step from an
 * original that is only approximately optimal (e.g. trained by Tribuo's SGD).
 *
 * <p>The model is multiclass softmax with {@code P = (features + 1) * classes} parameters, so the
 * Hessian is never formed: {@code H_r^{-1} g} is solved by conjugate gradients with closed-form
 * Hessian-vector products ({@link LogisticObjective#hessianVector}), to a relative residual of
 * {@code cgTolerance} or {@code maxIterations} iterations. {@code H_r} is positive definite for
 * {@code l2 > 0}. The guarantee is for an original that minimises the same regularised objective on
 * {@code D}, i.e. trained by {@link LogisticObjective#fit}(D, l2); Tribuo's SGD has no usable L2
 * penalty (see {@link LogisticRegression}).
 *
 * <p>Safeguard: a full Newton step is only trustworthy near the optimum of the regularised
 * objective. From an original far from it (measured: Tribuo's unregularised SGD fit on digits,
 * removing a whole class, where the full step raised the residual gradient norm from 0.05 to 0.75
 * and dropped test accuracy from 0.90 to 0.50) the step is halved, up to {@value #MAX_HALVINGS}
 * times, until the retained objective does not increase; {@link Removal#stepSize()} reports the
 * fraction taken. From an original that minimises the same objective the full step is taken.
 *
 * <p>The result reports the residual gradient norm {@code ||grad L_r(theta_minus)||}, the quantity
 * the paper's certificate bounds (its data-dependent bound ties removal to this norm). The
 * (epsilon, delta) certificate itself further needs training with a random linear perturbation
 * {@code b^T theta} of the loss; that noise is not added here, so the method stays deterministic
 * and the reported norm is what a user checks.
 *
 * <p>As an {@link UnlearningMethod} it works on engine models without hidden layers (the form a
 * Tribuo logistic regression takes in a study, {@link LinearClassifier#toModel}): the parameters are
 * read as a {@link LinearClassifier} (same layout), updated in double precision and written back as
 * floats; the unlearned model's provenance records {@value #STEP_SIZE} and
 * {@value #RESIDUAL_GRADIENT_NORM}. Registered by {@link TribuoMethods#registry()}.
 *
 * @param l2 the penalty weight of the objective the original minimises, positive and finite
 * @param cgTolerance relative residual {@code ||r|| / ||g||} at which conjugate gradients stop, positive
 * @param maxIterations conjugate-gradient iterations at most, at least 1
 */
public record CertifiedRemoval(double l2, double cgTolerance, int maxIterations) implements UnlearningMethod {
    /** Provenance key of the fraction of the Newton step taken ({@link Removal#stepSize()}). */
    public static final String STEP_SIZE = "step_size";
    /** Provenance key of {@link Removal#residualGradientNorm()}. */
    public static final String RESIDUAL_GRADIENT_NORM = "residual_gradient_norm";
    /** Halvings of the Newton step tried before giving up on decreasing the retained objective. */
    static final int MAX_HALVINGS = 30;

    /** Method id. */
    public static final String ID = "certified-removal";

    /** Validates the hyperparameters. */
    public CertifiedRemoval {
        if (!(l2 > 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException(ID + " l2 must be positive and finite, got " + l2);
        }
        if (!(cgTolerance > 0) || !(cgTolerance < 1)) {
            throw new IllegalArgumentException(ID + " cgTolerance must be in (0, 1), got " + cgTolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException(ID + " maxIterations must be at least 1, got " + maxIterations);
        }
    }

    /**
     * @return l2 1e-3, tolerance 1e-10 and at most 1,000 iterations: the solve is exact to double
     *     precision on small models (CG needs at most P iterations in exact arithmetic); with
     *     {@code l2 = 1e-3} the exact fit on digits reaches 0.90 test accuracy, as Tribuo's default
     *     logistic regression does
     */
    public static CertifiedRemoval withDefaults() {
        return new CertifiedRemoval(1e-3, 1e-10, 1000);
    }

    @Override
    public String name() {
        return ID;
    }

    /**
     * @param newL2 the penalty weight the original was trained with
     * @return a copy with that penalty
     */
    public CertifiedRemoval withL2(double newL2) {
        return new CertifiedRemoval(newL2, cgTolerance, maxIterations);
    }

    /** @return true: one Newton step from the given parameters, without random draws */
    @Override
    public boolean deterministic() {
        return true;
    }

    /**
     * @throws IllegalArgumentException when the model has hidden layers or a non-finite parameter
     */
    @Override
    public Model unlearn(Model original, UnlearningContext context) {
        Removal removal = remove(LinearClassifier.fromModel(original), context.retain());
        return removal.model().toModel(original.provenance())
                .withProvenance(STEP_SIZE, Double.toString(removal.stepSize()))
                .withProvenance(RESIDUAL_GRADIENT_NORM, Double.toString(removal.residualGradientNorm()));
    }

    /**
     * Performs the removal and reports its diagnostics.
     *
     * @param original the trained classifier; every parameter finite
     * @param retain the retain set {@code D_r}, of the classifier's shape
     * @return the updated classifier with its residual gradient norms
     */
    public Removal remove(LinearClassifier original, Examples retain) {
        original.requireFeatures(retain);
        for (double v : original.parameters()) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(ID + " needs finite parameters, got " + v);
            }
        }
        double[] g = LogisticObjective.gradient(original, retain, l2);
        LogisticObjective.Solve solve = LogisticObjective.conjugateGradient(original, retain, l2, g, cgTolerance,
                maxIterations);
        double before = LogisticObjective.loss(original, retain, l2);
        double step = 1;
        LinearClassifier updated = LogisticObjective.step(original, solve.solution(), -step);
        for (int halvings = 0; halvings < MAX_HALVINGS
                && !(LogisticObjective.loss(updated, retain, l2) <= before); halvings++) {
            step /= 2;
            updated = LogisticObjective.step(original, solve.solution(), -step);
        }
        double residual = LogisticObjective.norm(LogisticObjective.gradient(updated, retain, l2));
        return new Removal(updated, residual, LogisticObjective.norm(g), solve.iterations(), step);
    }

    /**
     * The outcome of a removal.
     *
     * @param model the updated classifier {@code theta_minus}
     * @param residualGradientNorm {@code ||grad L_r(theta_minus)||_2}: what the certificate bounds; 0
     *     for an exact removal
     * @param originalGradientNorm {@code ||grad L_r(theta)||_2} before the step, for comparison
     * @param cgIterations conjugate-gradient iterations used
     * @param stepSize the fraction of the Newton step taken: 1 (the paper's step) unless the full
     *     step would have raised the retained objective
     */
    public record Removal(LinearClassifier model, double residualGradientNorm, double originalGradientNorm,
            int cgIterations, double stepSize) {}
}
