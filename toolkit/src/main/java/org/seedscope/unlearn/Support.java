package org.seedscope.unlearn;

import java.util.SplittableRandom;
import org.seedscope.data.Examples;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Loss;
import org.seedscope.engine.Model;
import org.seedscope.train.Losses;
import org.seedscope.train.Trainer;
import org.seedscope.train.TrainingConfig;

/** Helpers shared by the unlearning methods: relabelling, row samples, teacher outputs, losses. */
final class Support {
    private Support() {}

    /** @return an array of {@code n} copies of {@code value} */
    static float[] filled(int n, float value) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    /**
     * Relabels every example to a class drawn uniformly from the other {@code classes - 1} classes:
     * {@code y' = (y + 1 + U{0..C-2}) mod C}, one draw per row in row order.
     */
    static Examples randomOtherLabels(Examples forget, SplittableRandom random) {
        int c = forget.classes();
        int[] labels = new int[forget.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (forget.y()[i] + 1 + random.nextInt(c - 1)) % c;
        }
        return forget.relabel(labels, c);
    }

    /**
     * Trains the original with cross-entropy on {@code D_r} followed by {@code D_f} relabelled by
     * {@link #randomOtherLabels} (Random Labels; SalUn with a mask). Randomness from
     * the method stream {@link UnlearningContext#random()}: first draw = batch-order seed, second = relabelling seed.
     *
     * @param mask parameter update mask, or null for none
     */
    static Model trainOnRandomLabels(Model original, UnlearningContext context, TrainingConfig config,
            float[] mask) {
        SplittableRandom random = context.random();
        long shuffle = random.nextLong();
        Examples data = context.retain()
                .concat(randomOtherLabels(context.forget(), new SplittableRandom(random.nextLong())));
        return new Trainer(context.engine(), config)
                .train(original, data, shuffle, Losses.crossEntropy(data.y()), null, mask).model();
    }

    /**
     * @return {@code count} distinct rows of {@code [0, n)} in draw order: the first {@code count}
     *     positions of a Fisher-Yates shuffle run from the front
     */
    static int[] sampleRows(int n, int count, SplittableRandom random) {
        int[] all = java.util.stream.IntStream.range(0, n).toArray();
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        return java.util.Arrays.copyOf(all, count);
    }

    /** @return the model's softmax outputs on every row, row-major */
    static float[] probabilities(Engine engine, Model model, Examples data) {
        return engine.predict(model, data.x(), data.size()).probs();
    }

    /**
     * @return the loss {@code a + b}: values and logit gradients added
     */
    static Loss sum(Loss a, Loss b) {
        return (rows, logits, grad) -> {
            float[] other = new float[grad.length];
            double value = a.evaluate(rows, logits, grad) + b.evaluate(rows, logits, other);
            for (int i = 0; i < grad.length; i++) {
                grad[i] += other[i];
            }
            return value;
        };
    }
}
