package org.seedscope.unlearn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.seedscope.data.Examples;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Model;
import org.seedscope.engine.OptimizerSpec;
import org.seedscope.train.Schedule;
import org.seedscope.train.Trainer;
import org.seedscope.train.TrainingConfig;

/**
 * A seeded synthetic task standing in for an image data set: 10 Gaussian clusters in 32 dimensions
 * (centres uniform in [0, 1]^32, isotropic noise sd 0.5), 300 training and 100 test examples per
 * class, an MLP 32-48-10 trained 10 epochs. Class {@link #FORGET_CLASS} is forgotten in full.
 */
final class Fixture implements AutoCloseable {
    static final int CLASSES = 10;
    static final int FEATURES = 32;
    static final int FORGET_CLASS = 3;
    static final long DATA_SEED = 20240601L;
    static final long TRAINING_SEED = 7L;

    final Engine engine = Engine.cpu();
    final Examples train;
    final Examples test;
    final Examples retain;
    final Examples forget;
    final Examples testForget;
    final Examples testRetain;
    final TrainingConfig training = new TrainingConfig(10, 64, new OptimizerSpec.Sgd(0.05, 0.9, 5e-4),
            Schedule.cosine());
    final Model original;

    Fixture() {
        SplittableRandom random = new SplittableRandom(DATA_SEED);
        float[] centres = new float[CLASSES * FEATURES];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) random.nextDouble();
        }
        train = sample(centres, 300, random);
        test = sample(centres, 100, random);
        retain = train.select(rows(train, false));
        forget = train.select(rows(train, true));
        testForget = test.select(rows(test, true));
        testRetain = test.select(rows(test, false));
        original = new Trainer(engine, training)
                .fit(new Architecture(FEATURES, List.of(48), CLASSES), train, TRAINING_SEED).model();
    }

    UnlearningContext context(long seed) {
        return new UnlearningContext(retain, forget, seed, engine, training);
    }

    double accuracy(Model model, Examples data) {
        return engine.predict(model, data.x(), data.size()).accuracy(data.y());
    }

    private static Examples sample(float[] centres, int perClass, SplittableRandom random) {
        int n = perClass * CLASSES;
        float[] x = new float[n * FEATURES];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % CLASSES;
            for (int d = 0; d < FEATURES; d++) {
                x[i * FEATURES + d] = (float) (centres[y[i] * FEATURES + d] + 0.5 * random.nextGaussian());
            }
        }
        return new Examples(x, y, FEATURES, CLASSES);
    }

    private static int[] rows(Examples data, boolean forgetClass) {
        List<Integer> rows = new ArrayList<>();
        IntStream.range(0, data.size()).filter(i -> (data.y()[i] == FORGET_CLASS) == forgetClass).forEach(rows::add);
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public void close() {
        engine.close();
    }
}
