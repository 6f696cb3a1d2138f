package org.seedscope.unlearn;

import java.util.Arrays;
import java.util.concurrent.CancellationException;
import org.seedscope.data.Examples;
import org.seedscope.engine.Engine;
import org.seedscope.engine.GradientRequest;
import org.seedscope.engine.Gradients;
import org.seedscope.engine.Model;

/**
 * Per-parameter importance vectors of selective synaptic dampening, in the four forms SeedScope
 * compares. Each returns one value per parameter in the {@link org.seedscope.engine.Architecture}
 * layout, computed in double.
 *
 * <p><b>Batch forms, as the authors' code computes them</b> ({@link #ssd}, {@link #lfssd}): the data
 * are cut, <em>in the given order</em>, into consecutive batches of {@code batchSize} rows (the last
 * one possibly smaller, as a PyTorch {@code DataLoader} without shuffling does); for each batch the
 * gradient {@code g_b} of the batch-mean objective is taken, and the importance is
 * {@code (1/#batches) sum_b h(g_b)} with {@code h = square} (SSD) or {@code h = abs} (LFSSD).
 * Because the squared or absolute value is taken <em>after</em> averaging over the batch, the result
 * depends on the batch size and on which rows share a batch (Foster et al. 2024,
 * {@code ssd.py: calc_importance}; Schoepf et al. 2024's label-free variant changes the objective
 * and {@code h} only).
 *
 * <p><b>Per-example forms</b> ({@link #ssdDet}, {@link #lfssdDet}; Lanyon et al., v5 App. B):
 * {@code (1/|D|) sum_n h(d l_n / d theta)}, with the per-example sums computed by the engine's
 * {@link GradientRequest#WITH_SQUARED} / {@link GradientRequest#WITH_ABSOLUTE} outputs and
 * accumulated in double over chunks. They do not depend on order or batching, up to float rounding
 * of the per-chunk sums.
 *
 * <p>Objectives: SSD uses the cross-entropy {@code l_n = -log softmax(z_n)[y_n]} of the logits
 * {@code z_n} (gradient {@code softmax(z_n) - onehot(y_n)}); LFSSD uses the squared L2 norm of the
 * logits {@code l_n = ||z_n||^2} (gradient {@code 2 z_n}; no labels), as in the authors' README:
 * {@code torch.norm(out, p="fro", dim=1).pow(2).mean()} with {@code out} the network's logits.
 *
 * <p>All methods throw IllegalArgumentException for an empty data set or a feature or class count
 * that does not match the model, and CancellationException when the thread is interrupted between
 * batches (the flag is restored). NaN parameters or features propagate into NaN importances.
 */
public final class Importances {
    private Importances() {}

    /** Which per-example objective an importance differentiates. */
    enum Objective {
        /** Cross-entropy with the example's label: {@code dl/dz = softmax(z) - onehot(y)}. */
        CROSS_ENTROPY,
        /** Squared L2 norm of the logits: {@code dl/dz = 2 z}. */
        LOGIT_NORM
    }

    /**
     * The authors' SSD importance: mean over consecutive batches of the squared gradient of the
     * batch-mean cross-entropy, {@code (1/#B) sum_b ((1/|b|) sum_(n in b) d CE_n / d theta)^2}.
     *
     * @param engine the engine
     * @param model the model (not modified)
     * @param data the examples, batched in this order
     * @param batchSize rows per batch, at least 1
     * @return one importance per parameter
     */
    public static double[] ssd(Engine engine, Model model, Examples data, int batchSize) {
        return perBatch(engine, model, data, batchSize, Objective.CROSS_ENTROPY);
    }

    /**
     * SSD-Det's importance: {@code (1/|D|) sum_n (d CE_n / d theta_k)^2}, independent of order and
     * batching.
     *
     * @param engine the engine
     * @param model the model (not modified)
     * @param data the examples
     * @return one importance per parameter
     */
    public static double[] ssdDet(Engine engine, Model model, Examples data) {
        return perExample(engine, model, data, Objective.CROSS_ENTROPY);
    }

    /**
     * The authors' LFSSD importance: mean over consecutive batches of the absolute gradient of the
     * batch mean of {@code ||z_n||^2}, {@code (1/#B) sum_b |(1/|b|) sum_(n in b) d||z_n||^2 / d theta|}.
     *
     * @param engine the engine
     * @param model the model (not modified)
     * @param data the examples (labels unused), batched in this order
     * @param batchSize rows per batch, at least 1
     * @return one importance per parameter
     */
    public static double[] lfssd(Engine engine, Model model, Examples data, int batchSize) {
        return perBatch(engine, model, data, batchSize, Objective.LOGIT_NORM);
    }

    /**
     * LFSSD-Det's importance: {@code (1/|D|) sum_n |d||z_n||^2 / d theta_k|}, independent of order and
     * batching.
     *
     * @param engine the engine
     * @param model the model (not modified)
     * @param data the examples (labels unused)
     * @return one importance per parameter
     */
    public static double[] lfssdDet(Engine engine, Model model, Examples data) {
        return perExample(engine, model, data, Objective.LOGIT_NORM);
    }

    /**
     * How many parameters the dampening rule of SSD and its variants selects:
     * {@code #{k : importanceF[k] > alpha * importanceD[k]}} (NaN entries never count).
     *
     * @param importanceD importances over D
     * @param importanceF importances over D_f, same length
     * @param alpha selection weighting
     * @return the number of selected parameters
     */
    public static int selectedCount(double[] importanceD, double[] importanceF, double alpha) {
        if (importanceD.length != importanceF.length) {
            throw new IllegalArgumentException("importance vectors differ in length: " + importanceD.length + " vs "
                    + importanceF.length);
        }
        return Dampening.countSelected(importanceD, importanceF, alpha);
    }

    /**
     * Importance by batch: mean over consecutive batches of h(gradient of the batch mean). Checks the
     * thread's interrupt flag between batches.
     */
    static double[] perBatch(Engine engine, Model model, Examples data, int batchSize, Objective objective) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("importance batch size must be at least 1, got " + batchSize);
        }
        float[] dLogits = logitGradients(engine, model, data, objective);
        int n = data.size();
        int f = data.features();
        int c = model.architecture().outputs();
        double[] importance = new double[model.architecture().parameterCount()];
        int batches = 0;
        for (int from = 0; from < n; from += batchSize) {
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new CancellationException("importance computation interrupted at row " + from + " of " + n);
            }
            int rows = Math.min(batchSize, n - from);
            float[] d = Arrays.copyOfRange(dLogits, from * c, (from + rows) * c);
            for (int i = 0; i < d.length; i++) {
                d[i] /= rows;
            }
            float[] x = Arrays.copyOfRange(data.x(), from * f, (from + rows) * f);
            float[] g = engine.gradients(model, x, rows, d, GradientRequest.PARAMETERS).parameters();
            for (int k = 0; k < g.length; k++) {
                importance[k] += objective == Objective.CROSS_ENTROPY ? (double) g[k] * g[k] : Math.abs(g[k]);
            }
            batches++;
        }
        for (int k = 0; k < importance.length; k++) {
            importance[k] /= batches;
        }
        return importance;
    }

    /**
     * Importance by example: (1/|D|) sum_n h(d l_n/d theta) from the engine's per-example sums.
     */
    static double[] perExample(Engine engine, Model model, Examples data, Objective objective) {
        float[] dLogits = logitGradients(engine, model, data, objective);
        boolean squared = objective == Objective.CROSS_ENTROPY;
        Gradients g = engine.gradients(model, data.x(), data.size(), dLogits,
                squared ? GradientRequest.WITH_SQUARED : GradientRequest.WITH_ABSOLUTE);
        float[] sums = squared ? g.squared() : g.absolute();
        double[] importance = new double[sums.length];
        for (int k = 0; k < sums.length; k++) {
            importance[k] = (double) sums[k] / data.size();
        }
        return importance;
    }

    /**
     * @return the per-example gradient of the objective w.r.t. each row's logits, row-major, NOT
     *     divided by any batch size
     */
    static float[] logitGradients(Engine engine, Model model, Examples data, Objective objective) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException("cannot compute importances on an empty data set");
        }
        if (data.features() != model.architecture().inputs()) {
            throw new IllegalArgumentException("data have " + data.features() + " features but "
                    + model.architecture() + " expects " + model.architecture().inputs());
        }
        if (data.classes() != model.architecture().outputs()) {
            throw new IllegalArgumentException("data have " + data.classes() + " classes but "
                    + model.architecture() + " has " + model.architecture().outputs() + " outputs");
        }
        var predictions = engine.predict(model, data.x(), data.size());
        int c = predictions.classes();
        float[] d = new float[data.size() * c];
        for (int i = 0; i < data.size(); i++) {
            for (int k = 0; k < c; k++) {
                int at = i * c + k;
                d[at] = objective == Objective.CROSS_ENTROPY
                        ? predictions.probs()[at] - (k == data.y()[i] ? 1f : 0f)
                        : 2 * predictions.logits()[at];
            }
        }
        return d;
    }
}
