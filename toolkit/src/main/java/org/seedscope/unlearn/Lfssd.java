package org.seedscope.unlearn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seedscope.data.Examples;
import org.seedscope.engine.Model;

/**
 * Label-free (loss-free) Selective Synaptic Dampening as the authors' code computes it (Foster,
 * Schoepf, Brintrup, "Loss-free machine unlearning", ICLR 2024 Tiny Paper; the repository
 * {@code if-loops/selective-synaptic-dampening} describes it as two changes to SSD's importance:
 * the objective {@code ||f(x)||^2} of the logits instead of the cross-entropy, and the absolute value
 * of the gradient instead of its square). Registry id {@code lfssd}. No labels are used.
 *
 * <p>Importances {@code I_D} over {@code D = D_r ++ D_f} (retain rows first, then forget rows, as
 * the authors' {@code ConcatDataset}) and {@code I_f} over {@code D_f} are
 * {@link Importances#lfssd batch importances}: the mean over unshuffled batches of {@code batchSize}
 * rows of the <em>absolute gradient of the batch mean of {@code ||z_n||^2}</em>, {@code z_n} the
 * logits. Parameter k is selected
 * when {@code I_f[k] > alpha I_D[k]} and multiplied by {@code min(lambda I_D[k] / I_f[k], 1)}.
 * Because absolute values are taken after batch averaging, the result depends on the batch size and on
 * the row order of the sets (see {@link LfssdDet} for the per-example form).
 *
 * <p>Deterministic: the unlearning seed is never used; any two seeds give bit-identical parameters.
 *
 * <p>Defaults: {@code alpha = 7}, {@code lambda = 1} and {@code batchSize = 64}, as for
 * {@link Ssd} (the LFSSD paper reuses SSD's settings, {@code alpha = 10, lambda = 1} for ResNet-18;
 * alpha is lowered for the reason below).
 *
 * <p>Measured here (synthetic fixture of the tests: 10 Gaussian classes in 32 dimensions, 300
 * training rows each in random order, MLP 32-64-10 trained to 99 % training accuracy, one full
 * class forgotten, so {@code p = |D_f|/|D| = 0.1}; three training seeds, lambda 1):
 * {@code alpha = 10} (and 20 to 100) selected <em>no</em> parameter on any seed, for both batch
 * forms (SSD and LFSSD), and none either with the rows ordered by class: the batch mean did not
 * inflate the ratio {@code I_f / I_D} beyond the per-example bound {@code 1/p = 10} here (presumably
 * because on a well-fitted MLP the per-example gradients inside a batch are nearly incoherent, so
 * forget batches and mixed batches shrink alike). The authors' {@code alpha = 10} was set for
 * CIFAR-100 classes, where {@code p = 0.01} and {@code 1/p = 100}.
 * SSD with {@code alpha = 7}: forget accuracy 1.00 -> 0.00 on every seed, retain accuracy
 * 0.978-0.986 (original 0.984-0.987); {@code alpha = 5}: forget 0.00, retain 0.91-0.98;
 * {@code alpha = 8} (one seed): forget 0.00, retain 0.989. LFSSD with {@code alpha = 7}: forget 0.00,
 * retain 0.983-0.984; {@code alpha = 5}: retain 0.81-0.95. Hence the default {@code alpha = 7};
 * for forget fractions p other than 0.1 choose {@code alpha < 1/p}.
 *
 * @param alpha selection weighting, positive: select when {@code I_f > alpha I_D}
 * @param lambda dampening constant, non-negative: factor {@code min(lambda I_D / I_f, 1)}
 * @param batchSize rows per importance batch, at least 1
 */
public record Lfssd(double alpha, double lambda, int batchSize) implements UnlearningMethod {

    /** Validates the hyperparameters. */
    public Lfssd {
        Dampening.validate("lfssd", alpha, lambda);
        if (batchSize < 1) {
            throw new IllegalArgumentException("ssd batchSize must be at least 1, got " + batchSize);
        }
    }

    /** @return alpha 7, lambda 1, batch size 64 (see the class comment) */
    public static Lfssd withDefaults() {
        return new Lfssd(7, 1, 64);
    }

    /**
     * @param newAlpha selection weighting
     * @return a copy with that alpha
     */
    public Lfssd withAlpha(double newAlpha) {
        return new Lfssd(newAlpha, lambda, batchSize);
    }

    /**
     * @param newLambda dampening constant
     * @return a copy with that lambda
     */
    public Lfssd withLambda(double newLambda) {
        return new Lfssd(alpha, newLambda, batchSize);
    }

    /**
     * @param newBatchSize rows per importance batch
     * @return a copy with that batch size
     */
    public Lfssd withBatchSize(int newBatchSize) {
        return new Lfssd(alpha, lambda, newBatchSize);
    }

    @Override
    public String name() {
        return "lfssd";
    }

    @Override
    public boolean deterministic() {
        return true;
    }

    @Override
    public Map<String, Object> hyperparameters() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("alpha", alpha);
        h.put("lambda", lambda);
        h.put("batch_size", batchSize);
        return h;
    }

    @Override
    public Model unlearn(Model original, UnlearningContext context) {
        Examples full = Dampening.full(context);
        double[] importanceD = Importances.lfssd(context.engine(), original, full, batchSize);
        double[] importanceF = Importances.lfssd(context.engine(), original, context.forget(), batchSize);
        return Dampening.apply(original, importanceD, importanceF, alpha, lambda);
    }
}
