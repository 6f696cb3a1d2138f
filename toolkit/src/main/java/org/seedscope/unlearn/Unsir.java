package org.seedscope.unlearn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.seedscope.data.Examples;
import org.seedscope.engine.Engine;
import org.seedscope.engine.GradientRequest;
import org.seedscope.engine.Model;
import org.seedscope.engine.OptimizerSpec;
import org.seedscope.train.Losses;
import org.seedscope.train.Schedule;
import org.seedscope.train.Trainer;
import org.seedscope.train.TrainingConfig;

/**
 * UNSIR (Tarun, Chundawat, Mandal, Kankanhalli, "Fast yet effective machine unlearning", IEEE TNNLS
 * 2023), registry id {@code unsir}; settings follow the implementation used by the SSD authors
 * ({@code forget_full_class_strategies.py: UNSIR}).
 *
 * <ol>
 * <li><b>Error-maximising noise.</b> For each distinct label c of the forget set (ascending),
 * {@value #NOISE_ROWS} noise rows N are drawn from a standard normal and optimised by
 * {@code noiseSteps} Adam steps (rate {@code noiseLearningRate}) to minimise
 * {@code -(1/B) sum_n CE(f(N_n), c) + noiseRegularization (1/B) sum_n ||N_n||^2}, i.e. to maximise the
 * model's loss on label c with an L2 penalty on the noise. The input gradient comes from the
 * engine ({@link GradientRequest#WITH_INPUT}); the model is not changed.</li>
 * <li><b>Impair.</b> One epoch, batch {@value #IMPAIR_BATCH}, Adam at {@code impairLearningRate}, on
 * a sample of {@code D_r} (up to {@code retainPerClass} rows of each retained label, drawn without
 * replacement) together with {@code noiseCopies} copies of every noise block, labelled with its
 * forget label.</li>
 * <li><b>Repair.</b> One epoch, batch {@value #REPAIR_BATCH}, Adam at {@code repairLearningRate}, on
 * the same sample of {@code D_r}.</li>
 * </ol>
 *
 * <p>Several forget labels (a sub-class or random-sample forget set): one noise block per distinct
 * label, each optimised against its own label, all mixed into the impair epoch. UNSIR was designed
 * for class removal; with many labels it impairs every one of them, and the repair step must
 * restore the retained examples of those labels.
 *
 * <p>Randomness, all from the unlearning seed in this order: one {@link SplittableRandom} stream
 * per forget label's noise (ascending labels), then the retain sample, then the impair shuffle,
 * then the repair shuffle.
 *
 * <p>Defaults: noise 25 steps at rate 0.1, regularisation 0.1, {@value #NOISE_ROWS} rows per label
 * (the authors' code); 500 retain rows per label (the authors' code). The authors train
 * ResNet-18 with Adam at 1e-4 for both epochs (SSD authors' code); for the small MLPs here the
 * defaults are measured on the tests' fixture (10 Gaussian classes, MLP 32-64-10, full-class
 * forget, three training seeds): {@code noiseCopies = 10} (320 noise rows against 2,700 retain
 * rows, about the forget class's share), impair rate 1e-2, repair rate 1e-3 give forget accuracy
 * 1.00 -> 0.00 and retain accuracy 0.981-0.986 (original 0.984-0.987). Impair and repair at 1e-3
 * leave forget accuracy at 0.93-0.97; at 1e-4 nothing changes. A caveat measured on the same
 * fixture (two training seeds, impair epoch alone, on all of {@code D_r}): at 1e-2 the epoch
 * <em>without</em> noise already drives the forget class to 0.00-0.03 (a class that is never seen
 * is quickly suppressed in a small MLP), and at 1e-3 the noise, labelled with the forget class, even
 * slows forgetting (forget accuracy 1.00 with the noise vs 0.82-0.88 without). The noise itself
 * works as intended: the mean cross-entropy of the forget label on it rises from about 9 after one
 * step to 56-60 after 25.
 *
 * @param noiseSteps Adam steps on the noise, at least 1
 * @param noiseLearningRate Adam rate for the noise, positive
 * @param noiseRegularization weight of the L2 penalty on the noise, non-negative
 * @param noiseCopies copies of each noise block in the impair set, at least 1
 * @param retainPerClass retain rows sampled per label, at least 1
 * @param impairLearningRate Adam rate of the impair epoch, positive
 * @param repairLearningRate Adam rate of the repair epoch, positive
 */
public record Unsir(int noiseSteps, double noiseLearningRate, double noiseRegularization, int noiseCopies,
        int retainPerClass, double impairLearningRate, double repairLearningRate) implements UnlearningMethod {
    /** Registry id. */
    public static final String ID = "unsir";
    /** Noise rows per forget label (the authors' {@code noise_batch_size}). */
    public static final int NOISE_ROWS = 32;
    /** Batch size of the impair epoch (the authors' code). */
    public static final int IMPAIR_BATCH = 32;
    /** Batch size of the repair epoch (the authors' code). */
    public static final int REPAIR_BATCH = 128;

    /** Validates the hyperparameters. */
    public Unsir {
        Checks.atLeast(ID, "noiseSteps", noiseSteps, 1);
        Checks.positive(ID, "noiseLearningRate", noiseLearningRate);
        Checks.nonNegative(ID, "noiseRegularization", noiseRegularization);
        Checks.atLeast(ID, "noiseCopies", noiseCopies, 1);
        Checks.atLeast(ID, "retainPerClass", retainPerClass, 1);
        Checks.positive(ID, "impairLearningRate", impairLearningRate);
        Checks.positive(ID, "repairLearningRate", repairLearningRate);
    }

    /** @return the defaults described in the class comment */
    public static Unsir withDefaults() {
        return new Unsir(25, 0.1, 0.1, 10, 500, 1e-2, 1e-3);
    }

    /**
     * @param steps Adam steps on the noise
     * @return a copy with that many steps
     */
    public Unsir withNoiseSteps(int steps) {
        return new Unsir(steps, noiseLearningRate, noiseRegularization, noiseCopies, retainPerClass,
                impairLearningRate, repairLearningRate);
    }

    /**
     * @param rate Adam rate for the noise
     * @return a copy with that rate
     */
    public Unsir withNoiseLearningRate(double rate) {
        return new Unsir(noiseSteps, rate, noiseRegularization, noiseCopies, retainPerClass, impairLearningRate,
                repairLearningRate);
    }

    /**
     * @param weight L2 penalty weight on the noise
     * @return a copy with that weight
     */
    public Unsir withNoiseRegularization(double weight) {
        return new Unsir(noiseSteps, noiseLearningRate, weight, noiseCopies, retainPerClass, impairLearningRate,
                repairLearningRate);
    }

    /**
     * @param copies copies of each noise block in the impair set
     * @return a copy with that many copies
     */
    public Unsir withNoiseCopies(int copies) {
        return new Unsir(noiseSteps, noiseLearningRate, noiseRegularization, copies, retainPerClass,
                impairLearningRate, repairLearningRate);
    }

    /**
     * @param rows retain rows sampled per label
     * @return a copy with that sample size
     */
    public Unsir withRetainPerClass(int rows) {
        return new Unsir(noiseSteps, noiseLearningRate, noiseRegularization, noiseCopies, rows, impairLearningRate,
                repairLearningRate);
    }

    /**
     * @param rate Adam rate of the impair epoch
     * @return a copy with that rate
     */
    public Unsir withImpairLearningRate(double rate) {
        return new Unsir(noiseSteps, noiseLearningRate, noiseRegularization, noiseCopies, retainPerClass, rate,
                repairLearningRate);
    }

    /**
     * @param rate Adam rate of the repair epoch
     * @return a copy with that rate
     */
    public Unsir withRepairLearningRate(double rate) {
        return new Unsir(noiseSteps, noiseLearningRate, noiseRegularization, noiseCopies, retainPerClass,
                impairLearningRate, rate);
    }

    @Override
    public String name() {
        return ID;
    }

    @Override
    public Model unlearn(Model original, UnlearningContext context) {
        Examples forget = context.forget();
        SplittableRandom root = context.random();
        TreeSet<Integer> labels = new TreeSet<>();
        for (int y : forget.y()) {
            labels.add(y);
        }
        int n = NOISE_ROWS * noiseCopies;
        int f = forget.features();
        float[] noiseX = new float[labels.size() * n * f];
        int[] noiseY = new int[labels.size() * n];
        int block = 0;
        for (int label : labels) {
            float[] x = errorMaximisingNoise(context.engine(), original, label, root.nextLong());
            for (int copy = 0; copy < noiseCopies; copy++) {
                System.arraycopy(x, 0, noiseX, (block * n + copy * NOISE_ROWS) * f, x.length);
            }
            Arrays.fill(noiseY, block * n, (block + 1) * n, label);
            block++;
        }
        Examples noise = new Examples(noiseX, noiseY, f, forget.classes());
        Examples retainSample = sample(context.retain(), root.nextLong());
        Examples impairSet = retainSample.concat(noise);
        Model impaired = epoch(context.engine(), original, impairSet, IMPAIR_BATCH, impairLearningRate, root.nextLong());
        return epoch(context.engine(), impaired, retainSample, REPAIR_BATCH, repairLearningRate, root.nextLong());
    }

    /** Optimises {@value #NOISE_ROWS} noise rows against one label; see the class comment. */
    float[] errorMaximisingNoise(Engine engine, Model model, int label, long seed) {
        int d = model.architecture().inputs();
        int c = model.architecture().outputs();
        int n = NOISE_ROWS;
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        double[] m = new double[x.length];
        double[] v = new double[x.length];
        double beta1 = 0.9;
        double beta2 = 0.999;
        for (int step = 1; step <= noiseSteps; step++) {
            float[] probs = engine.predict(model, x, n).probs();
            float[] dLogits = new float[n * c];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < c; k++) {
                    dLogits[i * c + k] = (probs[i * c + k] - (k == label ? 1f : 0f)) / n;
                }
            }
            // d/dx of (1/n) sum CE: the engine's input gradient; the objective is its negation plus the penalty
            float[] ceGrad = engine.gradients(model, x, n, dLogits, GradientRequest.WITH_INPUT).input();
            double c1 = 1 - StrictMath.pow(beta1, step);
            double c2 = 1 - StrictMath.pow(beta2, step);
            for (int i = 0; i < x.length; i++) {
                double g = -ceGrad[i] + 2 * noiseRegularization * x[i] / n;
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                x[i] -= (float) (noiseLearningRate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8));
            }
        }
        return x;
    }

    /** Up to {@code retainPerClass} rows of each label, drawn without replacement, labels ascending. */
    private Examples sample(Examples retain, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<Integer>> byLabel = new ArrayList<>();
        for (int k = 0; k < retain.classes(); k++) {
            byLabel.add(new ArrayList<>());
        }
        for (int i = 0; i < retain.size(); i++) {
            byLabel.get(retain.y()[i]).add(i);
        }
        List<Integer> chosen = new ArrayList<>();
        for (List<Integer> rows : byLabel) {
            int take = Math.min(retainPerClass, rows.size());
            for (int i = 0; i < take; i++) {
                int j = i + random.nextInt(rows.size() - i);
                Integer t = rows.get(i);
                rows.set(i, rows.get(j));
                rows.set(j, t);
                chosen.add(rows.get(i));
            }
        }
        return retain.select(chosen.stream().mapToInt(Integer::intValue).toArray());
    }

    private static Model epoch(Engine engine, Model start, Examples data, int batch, double rate, long shuffleSeed) {
        TrainingConfig config = new TrainingConfig(1, batch, OptimizerSpec.Adam.withDefaults(rate), Schedule.constant());
        return new Trainer(engine, config).train(start, data, shuffleSeed, Losses.crossEntropy(data.y()), null).model();
    }
}
