package org.seedscope.train;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.seedscope.data.Examples;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Learner;
import org.seedscope.engine.Loss;
import org.seedscope.engine.Model;
import org.seedscope.engine.Softmax;
import org.seedscope.seed.SeedPurpose;

/**
 * Seeded mini-batch training. The initialisation and the batch order come from two separate
 * seeds ({@link #fit(Architecture, Examples, long, long)}); {@link #fit(Architecture, Examples, long)}
 * derives both from a training seed by purpose ({@link SeedPurpose}), so the same seed gives
 * bit-identical parameters. Every epoch visits a fresh permutation of the
 * rows (Fisher-Yates from the shuffle stream), in batches of the configured size, the last one
 * possibly smaller. The thread's interrupt flag is checked between steps.
 */
public final class Trainer {
    private final Engine engine;
    private final TrainingConfig config;

    /**
     * @param engine the engine that runs the steps
     * @param config epochs, batch size, optimiser and schedule
     */
    public Trainer(Engine engine, TrainingConfig config) {
        this.engine = engine;
        this.config = config;
    }

    /** @return the config */
    public TrainingConfig config() {
        return config;
    }

    /**
     * Trains a freshly initialised original with cross-entropy: initial weights from the
     * {@link SeedPurpose#ORIGINAL_INIT} stream and batch order from the
     * {@link SeedPurpose#ORIGINAL_ORDER} stream of the training seed.
     *
     * @param arch architecture
     * @param data training examples
     * @param trainSeed training seed s_t
     * @return the trained model and its log
     */
    public TrainingRun fit(Architecture arch, Examples data, long trainSeed) {
        return fit(arch, data, SeedPurpose.ORIGINAL_INIT.derive(trainSeed), SeedPurpose.ORIGINAL_ORDER.derive(trainSeed));
    }

    /**
     * Trains a freshly initialised model with cross-entropy from explicit stream seeds.
     *
     * @param arch architecture
     * @param data training examples
     * @param initSeed seed of {@link Model#initialise}
     * @param orderSeed seed of the batch order
     * @return the trained model and its log
     */
    public TrainingRun fit(Architecture arch, Examples data, long initSeed, long orderSeed) {
        return train(Model.initialise(arch, initSeed), data, orderSeed, Losses.crossEntropy(data.y()), null);
    }

    /**
     * Trains a copy of {@code start}; {@code start} itself is not modified.
     *
     * @param start the initial model
     * @param data the rows to iterate over
     * @param shuffleSeed seed of the batch order
     * @param loss the loss
     * @param hook optional step observer, may be null
     * @return the trained copy and its log
     * @throws TrainingDiverged when the loss becomes NaN or infinite
     * @throws CancellationException when the thread is interrupted (the flag is restored)
     */
    public TrainingRun train(Model start, Examples data, long shuffleSeed, Loss loss, StepHook hook) {
        return train(start, data, shuffleSeed, loss, hook, null);
    }

    /**
     * As {@link #train(Model, Examples, long, Loss, StepHook)}, updating only the parameters whose
     * mask entry is non-zero: the optimiser's update of parameter k is multiplied by {@code mask[k]}
     * (SalUn's saliency mask, Fan et al. 2024). Parameters with mask 0 keep their start values.
     *
     * @param start the initial model
     * @param data the rows to iterate over
     * @param shuffleSeed seed of the batch order
     * @param loss the loss
     * @param hook optional step observer, may be null
     * @param mask one value per parameter, or null for no mask; copied
     * @return the trained copy and its log
     * @throws IllegalArgumentException when the mask length differs from the parameter count
     * @throws TrainingDiverged when the loss becomes NaN or infinite
     * @throws CancellationException when the thread is interrupted (the flag is restored)
     */
    public TrainingRun train(Model start, Examples data, long shuffleSeed, Loss loss, StepHook hook, float[] mask) {
        if (mask != null && mask.length != start.architecture().parameterCount()) {
            throw new IllegalArgumentException("mask has " + mask.length + " values but " + start.architecture()
                    + " has " + start.architecture().parameterCount() + " parameters");
        }
        if (data.isEmpty()) {
            throw new IllegalArgumentException("cannot train on an empty data set");
        }
        long t0 = System.nanoTime();
        Model model = start.copy();
        SplittableRandom shuffle = new SplittableRandom(shuffleSeed);
        int n = data.size();
        int[] order = new int[n];
        List<EpochLog> log = new ArrayList<>();
        int classes = model.architecture().outputs();
        try (Learner learner = engine.learner(model, config.optimizer())) {
            learner.optimizer().setMask(mask);
            for (int epoch = 0; epoch < config.epochs(); epoch++) {
                permute(order, shuffle);
                long epochStart = System.nanoTime();
                double lr = config.optimizer().learningRate() * config.schedule().factor(epoch, config.epochs());
                double lossSum = 0;
                long correct = 0;
                int steps = 0;
                for (int from = 0; from < n; from += config.batchSize()) {
                    if (Thread.interrupted()) {
                        Thread.currentThread().interrupt();
                        throw new CancellationException("training interrupted at epoch " + (epoch + 1));
                    }
                    int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + config.batchSize()));
                    long[] hits = new long[1];
                    Loss counting = (r, logits, grad) -> {
                        hits[0] += countCorrect(r, logits, data.y(), classes);
                        return loss.evaluate(r, logits, grad);
                    };
                    if (hook != null) {
                        hook.beforeStep(rows, model);
                    }
                    double value = learner.step(data, rows, counting, lr);
                    if (!Double.isFinite(value)) {
                        throw new TrainingDiverged(epoch, steps, value);
                    }
                    if (hook != null) {
                        hook.afterStep(rows, model);
                    }
                    lossSum += value;
                    correct += hits[0];
                    steps++;
                }
                log.add(new EpochLog(epoch, lr, lossSum / steps, (double) correct / n,
                        (System.nanoTime() - epochStart) / 1e9));
            }
        }
        return new TrainingRun(model, log, (System.nanoTime() - t0) / 1e9);
    }

    static void permute(int[] order, SplittableRandom random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
    }

    private static int countCorrect(int[] rows, float[] logits, int[] labels, int c) {
        int hits = 0;
        for (int i = 0; i < rows.length; i++) {
            if (Softmax.argmax(logits, i * c, c) == labels[rows[i]]) {
                hits++;
            }
        }
        return hits;
    }
}
