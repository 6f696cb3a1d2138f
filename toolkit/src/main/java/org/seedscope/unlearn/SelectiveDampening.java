package org.seedscope.unlearn;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import org.seedscope.data.Examples;
import org.seedscope.engine.Engine;
import org.seedscope.engine.GradientRequest;
import org.seedscope.engine.Gradients;
import org.seedscope.engine.Model;
import org.seedscope.engine.Parameters;

/**
 * Selective synaptic dampening (Foster, Schoepf, Brintrup, AAAI 2024; code
 * {@code if-loops/selective-synaptic-dampening}) as one parameterised method, registered under four
 * ids with their defaults:
 * <table>
 *   <caption>the four registered forms</caption>
 *   <tr><th>id</th><th>importance</th><th>objective</th><th>source</th><th>alpha</th></tr>
 *   <tr><td>{@code ssd}</td><td>batch-mean</td><td>cross-entropy</td><td>authors' {@code ssd.py}</td><td>7</td></tr>
 *   <tr><td>{@code lfssd}</td><td>batch-mean</td><td>logit-norm</td><td>Foster et al., "Loss-free
 *       machine unlearning", ICLR 2024 Tiny Paper</td><td>7</td></tr>
 *   <tr><td>{@code ssd-det}</td><td>per-example</td><td>cross-entropy</td><td>Lanyon et al., v5 App. B</td>
 *       <td>3</td></tr>
 *   <tr><td>{@code lfssd-det}</td><td>per-example</td><td>logit-norm</td><td>Lanyon et al., v5 App. B</td>
 *       <td>3</td></tr>
 * </table>
 * All with {@code lambda = 1}, {@code order = authors}, {@code batchSize = 64} (the authors' loader
 * default {@code -b 64}); {@code tolerance} {@value #TIE_TOLERANCE} for the per-example forms and 0
 * for the batch-mean forms. The id follows the configuration ({@link #name()}).
 *
 * <p><b>Importance</b> of parameter k over a set S, with {@code h = square} for the cross-entropy
 * and {@code h = abs} for the logit norm (LFSSD's two changes):
 * <ul>
 *   <li>batch-mean, as the authors' code ({@code calc_importance}): S cut in its order into
 *       consecutive batches of {@code batchSize} rows (the last possibly smaller, as an unshuffled
 *       PyTorch {@code DataLoader}), {@code I_k = (1/#B) sum_b h((1/|b|) sum_(n in b) dl_n/dtheta_k)};
 *       since h is applied after averaging, the result depends on batch size and row order;</li>
 *   <li>per-example: {@code I_k = (1/|S|) sum_n h(dl_n/dtheta_k)}, from the engine's exact
 *       per-example sums ({@link GradientRequest#WITH_SQUARED}, {@link GradientRequest#WITH_ABSOLUTE});
 *       independent of order and batching up to float rounding.</li>
 * </ul>
 * Objectives: cross-entropy {@code l_n = -log softmax(z_n)[y_n]} of the logits z (gradient
 * {@code softmax(z_n) - onehot(y_n)}); logit norm {@code l_n = ||z_n||^2} (gradient {@code 2 z_n}, no
 * labels; the authors' {@code torch.norm(out, p="fro", dim=1).pow(2).mean()}).
 *
 * <p><b>Data.</b> {@code I_D} over {@code D = D_r ++ D_f}, {@code I_f} over {@code D_f} in its given
 * order. {@code order = authors}: D is the retain rows followed by the forget rows (the authors'
 * {@code ConcatDataset}). {@code order = shuffled}: D is permuted (Fisher-Yates from the first draws
 * of the method stream {@link UnlearningContext#random()}); {@code D_f} keeps its order. Only the
 * batch-mean form depends on the order, so a per-example form with {@code shuffled} is rejected
 * (it is order-free; its {@code batchSize} is unused too).
 *
 * <p><b>Selection and dampening</b> ({@code ssd.py: modify_weight}): k is selected when
 * {@code I_f[k] > alpha I_D[k] (1 + tolerance)} and then multiplied by
 * {@code min(lambda I_D[k] / I_f[k], 1)}; a NaN importance never selects. The number of selected
 * parameters is recorded in the unlearned model's provenance under {@value #SELECTED}.
 *
 * <p><b>Tolerance.</b> With per-example means {@code I_D = (1 - p) I_r + p I_f}, {@code p = |D_f|/|D|},
 * so {@code alpha I_D >= I_f} holds exactly at {@code alpha = 1/p}, with equality where the retain
 * importance {@code I_r} is 0 (e.g. weights from a pixel that only forget images light). Rounding
 * then lets some ties pass the bare rule {@code I_f > alpha I_D}. Measured excess
 * {@code I_f / (alpha I_D) - 1} of the ties at {@code alpha = 1/p}: at most 2.2e-16 (one double
 * rounding) on MLPs 784-256-10 trained on the shipped Fashion-MNIST subset, full class Shirt, two
 * training seeds (22-42 ties pass for ssd-det, 8-33 for lfssd-det); at most 1.65e-7 (float rounding
 * of the engine's chunk sums; 13 ties pass) on the tests' fixture with a forget-only feature. The
 * default {@value #TIE_TOLERANCE} is 60 times the larger; at {@code alpha = 0.999/p} the ties are
 * still selected, and at the default {@code alpha = 3} no parameter of those models lay within
 * {@value #TIE_TOLERANCE} of the threshold (7 of 203,530 lay within 1e-4). The batch mean has no
 * such exact bound, so its forms default to 0, which keeps the authors' rule.
 *
 * <p><b>Deterministic</b> unless the batch-mean form runs with {@code order = shuffled}.
 *
 * <p><b>Measured here</b> (the tests' synthetic fixture: 10 Gaussian classes in 32 dimensions, 300
 * training rows each in random order, MLP 32-64-10 trained to 99 % training accuracy, one full class
 * forgotten, {@code p = 0.1}; three training seeds, lambda 1; original forget accuracy 1.00, retain
 * 0.984-0.987):
 * <table>
 *   <caption>forget and retain accuracy after dampening, by form and alpha</caption>
 *   <tr><th>form</th><th>alpha</th><th>forget</th><th>retain</th></tr>
 *   <tr><td>ssd, lfssd</td><td>10 to 100</td><td colspan="2">nothing selected on any seed, also with D
 *       ordered by class</td></tr>
 *   <tr><td>ssd</td><td>5</td><td>0.00</td><td>0.91-0.98</td></tr>
 *   <tr><td>ssd</td><td>7</td><td>0.00</td><td>0.978-0.986</td></tr>
 *   <tr><td>ssd</td><td>8 (one seed)</td><td>0.00</td><td>0.989</td></tr>
 *   <tr><td>lfssd</td><td>5</td><td></td><td>0.81-0.95</td></tr>
 *   <tr><td>lfssd</td><td>7</td><td>0.00</td><td>0.983-0.984</td></tr>
 *   <tr><td>ssd-det</td><td>2</td><td>0.00</td><td>0.966-0.978</td></tr>
 *   <tr><td>ssd-det</td><td>3</td><td>0.00-0.01</td><td>0.983-0.986</td></tr>
 *   <tr><td>ssd-det</td><td>6</td><td>0.05-0.97 (unstable across seeds)</td><td></td></tr>
 *   <tr><td>ssd-det</td><td>8 or more</td><td colspan="2">nothing selected</td></tr>
 *   <tr><td>lfssd-det</td><td>2</td><td></td><td>0.88-0.96</td></tr>
 *   <tr><td>lfssd-det</td><td>3</td><td>0.00</td><td>0.978-0.980</td></tr>
 *   <tr><td>lfssd-det</td><td>4</td><td>0.00-0.03</td><td>0.986-0.988</td></tr>
 *   <tr><td>lfssd-det</td><td>5</td><td>0.25-0.61</td><td></td></tr>
 * </table>
 * Order (one training seed, unlearning seeds 1-3): {@code ssd} at alpha 7 selects 173 parameters
 * with the authors' order (retain accuracy 0.986) and 506-623 with D shuffled (retain 0.757-0.811);
 * at alpha 10, 0 and 380; {@code lfssd} at alpha 7, 55 and 364-368 (retain 0.988 and 0.953-0.954).
 * The batch mean did not inflate {@code I_f / I_D} beyond the per-example bound {@code 1/p = 10}
 * here (presumably because the per-example gradients of a well-fitted MLP are nearly incoherent
 * within a batch, so forget and mixed batches shrink alike); the authors' {@code alpha = 10} was set
 * for CIFAR-100 classes, where {@code 1/p = 100}. For other forget fractions choose {@code alpha < 1/p}.
 *
 * @param alpha selection weighting, positive and finite
 * @param lambda dampening constant, non-negative and finite
 * @param importance how importances average the gradients
 * @param objective which per-example loss is differentiated
 * @param order the order of D (batch-mean form only)
 * @param batchSize rows per importance batch of the batch-mean form, at least 1
 * @param tolerance relative tie tolerance of the selection rule, non-negative and finite
 */
public record SelectiveDampening(double alpha, double lambda, Importance importance, Objective objective, Order order,
        int batchSize, double tolerance) implements UnlearningMethod {
    /** Provenance key of the number of selected parameters. */
    public static final String SELECTED = "selected";
    /** Default relative tie tolerance of the per-example forms (see the class comment). */
    public static final double TIE_TOLERANCE = 1e-5;

    /** How the importances average the gradients. */
    public enum Importance {
        /** The squared (or absolute) gradient of the batch-mean loss, averaged over batches (authors' code). */
        BATCH_MEAN,
        /** The mean over examples of each example's squared (or absolute) gradient (SSD-Det). */
        PER_EXAMPLE
    }

    /** Which per-example loss the importances differentiate. */
    public enum Objective {
        /** Cross-entropy with the example's label; importance uses squared gradients. */
        CROSS_ENTROPY,
        /** Squared L2 norm of the logits, no labels (LFSSD); importance uses absolute gradients. */
        LOGIT_NORM
    }

    /** The order of {@code D} over which {@code I_D} is computed. */
    public enum Order {
        /** Retain rows then forget rows, as the authors' {@code ConcatDataset}. */
        AUTHORS,
        /** Permuted from the method stream of the unlearning seed. */
        SHUFFLED
    }

    /** Validates the hyperparameters. */
    public SelectiveDampening {
        Objects.requireNonNull(importance, "importance");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(order, "order");
        String id = id(importance, objective);
        Checks.positive(id, "alpha", alpha);
        Checks.nonNegative(id, "lambda", lambda);
        Checks.atLeast(id, "batchSize", batchSize, 1);
        Checks.nonNegative(id, "tolerance", tolerance);
        if (importance == Importance.PER_EXAMPLE && order == Order.SHUFFLED) {
            throw new IllegalArgumentException(id + ": order = shuffled has no effect on per-example importances "
                    + "(they do not depend on the order of D); use order = authors");
        }
    }

    /** @return SSD as the authors compute it: batch-mean cross-entropy importances, alpha 7 */
    public static SelectiveDampening ssd() {
        return new SelectiveDampening(7, 1, Importance.BATCH_MEAN, Objective.CROSS_ENTROPY, Order.AUTHORS, 64, 0);
    }

    /** @return LFSSD as the authors compute it: batch-mean logit-norm importances, alpha 7 */
    public static SelectiveDampening lfssd() {
        return ssd().withObjective(Objective.LOGIT_NORM);
    }

    /** @return SSD-Det: per-example cross-entropy importances, alpha 3, tie tolerance */
    public static SelectiveDampening ssdDet() {
        return ssd().withImportance(Importance.PER_EXAMPLE).withAlpha(3).withTolerance(TIE_TOLERANCE);
    }

    /** @return LFSSD-Det: per-example logit-norm importances, alpha 3, tie tolerance */
    public static SelectiveDampening lfssdDet() {
        return ssdDet().withObjective(Objective.LOGIT_NORM);
    }

    /**
     * @param newAlpha selection weighting
     * @return a copy with that alpha
     */
    public SelectiveDampening withAlpha(double newAlpha) {
        return new SelectiveDampening(newAlpha, lambda, importance, objective, order, batchSize, tolerance);
    }

    /**
     * @param newLambda dampening constant
     * @return a copy with that lambda
     */
    public SelectiveDampening withLambda(double newLambda) {
        return new SelectiveDampening(alpha, newLambda, importance, objective, order, batchSize, tolerance);
    }

    /**
     * @param newImportance importance form
     * @return a copy with that form (its id changes accordingly)
     */
    public SelectiveDampening withImportance(Importance newImportance) {
        return new SelectiveDampening(alpha, lambda, newImportance, objective, order, batchSize, tolerance);
    }

    /**
     * @param newObjective objective
     * @return a copy with that objective (its id changes accordingly)
     */
    public SelectiveDampening withObjective(Objective newObjective) {
        return new SelectiveDampening(alpha, lambda, importance, newObjective, order, batchSize, tolerance);
    }

    /**
     * @param newOrder the order of D
     * @return a copy with that order
     */
    public SelectiveDampening withOrder(Order newOrder) {
        return new SelectiveDampening(alpha, lambda, importance, objective, newOrder, batchSize, tolerance);
    }

    /**
     * @param newBatchSize rows per importance batch
     * @return a copy with that batch size
     */
    public SelectiveDampening withBatchSize(int newBatchSize) {
        return new SelectiveDampening(alpha, lambda, importance, objective, order, newBatchSize, tolerance);
    }

    /**
     * @param newTolerance relative tie tolerance
     * @return a copy with that tolerance
     */
    public SelectiveDampening withTolerance(double newTolerance) {
        return new SelectiveDampening(alpha, lambda, importance, objective, order, batchSize, newTolerance);
    }

    /** @return {@code ssd}, {@code ssd-det}, {@code lfssd} or {@code lfssd-det}, from importance and objective */
    @Override
    public String name() {
        return id(importance, objective);
    }

    private static String id(Importance importance, Objective objective) {
        String base = objective == Objective.LOGIT_NORM ? "lfssd" : "ssd";
        return importance == Importance.PER_EXAMPLE ? base + "-det" : base;
    }

    /** @return false only for the batch-mean form over a shuffled D */
    @Override
    public boolean deterministic() {
        return importance == Importance.PER_EXAMPLE || order == Order.AUTHORS;
    }

    /**
     * @return the dampened copy of {@code original}, its provenance recording under {@value #SELECTED}
     *     how many parameters were selected
     */
    @Override
    public Model unlearn(Model original, UnlearningContext context) {
        Examples full = context.retain().concat(context.forget());
        if (order == Order.SHUFFLED) {
            full = full.select(permutation(full.size(), context.random()));
        }
        double[] importanceD = importances(context.engine(), original, full);
        double[] importanceF = importances(context.engine(), original, context.forget());
        return dampen(original, importanceD, importanceF);
    }

    /** @return the dampened copy for given importances, with the {@value #SELECTED} count in its provenance */
    Model dampen(Model original, double[] importanceD, double[] importanceF) {
        Parameters p = original.parameters().copy();
        int selected = 0;
        for (int k = 0; k < p.size(); k++) {
            if (selects(importanceD[k], importanceF[k])) {
                double factor = Math.min(lambda * importanceD[k] / importanceF[k], 1.0);
                p.set(k, (float) (p.get(k) * factor));
                selected++;
            }
        }
        Map<String, String> provenance = new TreeMap<>(original.provenance());
        provenance.put(SELECTED, Integer.toString(selected));
        return new Model(original.architecture(), p, provenance);
    }

    /**
     * The importances of this form and objective over a data set, one per parameter in the
     * {@link org.seedscope.engine.Architecture} layout, in double (see the class comment).
     *
     * @param engine the engine
     * @param model the model (not modified)
     * @param data the examples, in the order the batch-mean form batches them
     * @return one importance per parameter; NaN parameters or features give NaN importances
     * @throws IllegalArgumentException for an empty set or features or classes that do not fit the model
     * @throws CancellationException when the thread is interrupted between batches (the flag is restored)
     */
    public double[] importances(Engine engine, Model model, Examples data) {
        float[] dLogits = logitGradients(engine, model, data);
        boolean squared = objective == Objective.CROSS_ENTROPY;
        if (importance == Importance.PER_EXAMPLE) {
            Gradients g = engine.gradients(model, data.x(), data.size(), dLogits,
                    squared ? GradientRequest.WITH_SQUARED : GradientRequest.WITH_ABSOLUTE);
            float[] sums = squared ? g.squared() : g.absolute();
            double[] out = new double[sums.length];
            for (int k = 0; k < sums.length; k++) {
                out[k] = (double) sums[k] / data.size();
            }
            return out;
        }
        int n = data.size();
        int f = data.features();
        int c = model.architecture().outputs();
        double[] out = new double[model.architecture().parameterCount()];
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
                out[k] += squared ? (double) g[k] * g[k] : Math.abs(g[k]);
            }
            batches++;
        }
        for (int k = 0; k < out.length; k++) {
            out[k] /= batches;
        }
        return out;
    }

    /**
     * @param importanceD importances over D
     * @param importanceF importances over D_f, same length
     * @return how many parameters this method's rule selects (see the class comment)
     */
    public int selected(double[] importanceD, double[] importanceF) {
        if (importanceD.length != importanceF.length) {
            throw new IllegalArgumentException("importance vectors differ in length: " + importanceD.length + " vs "
                    + importanceF.length);
        }
        int count = 0;
        for (int k = 0; k < importanceD.length; k++) {
            count += selects(importanceD[k], importanceF[k]) ? 1 : 0;
        }
        return count;
    }

    /** @return true when {@code importanceF > alpha importanceD (1 + tolerance)} (false for NaN) */
    boolean selects(double importanceD, double importanceF) {
        return importanceF > alpha * importanceD * (1 + tolerance);
    }

    /** @return the gradient of each row's objective w.r.t. its logits, row-major, not divided by any batch size */
    private float[] logitGradients(Engine engine, Model model, Examples data) {
        if (data.isEmpty()) {
            throw new IllegalArgumentException(name() + ": cannot compute importances on an empty data set");
        }
        if (data.features() != model.architecture().inputs() || data.classes() != model.architecture().outputs()) {
            throw new IllegalArgumentException(name() + ": data with " + data.features() + " features and "
                    + data.classes() + " classes do not fit " + model.architecture());
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

    /** @return a Fisher-Yates permutation of {@code [0, n)}, drawn from the back */
    static int[] permutation(int n, SplittableRandom random) {
        int[] p = new int[n];
        Arrays.setAll(p, i -> i);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
