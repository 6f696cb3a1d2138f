package org.seedscope.unlearn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.seedscope.data.Examples;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Model;
import org.seedscope.train.Trainer;
import org.seedscope.train.TrainingConfig;

/**
 * A seeded synthetic full-class forgetting problem: {@value #CLASSES} Gaussian clusters in
 * {@value #FEATURES} dimensions (centres uniform in [0, 1], isotropic noise sd {@value #NOISE}),
 * {@value #TRAIN_PER_CLASS} training and {@value #TEST_PER_CLASS} test rows per class, rows in a
 * seeded random order (classes interleaved, as in a real data set file); an MLP
 * {@value #FEATURES}-{@value #HIDDEN}-{@value #CLASSES} trained with the toolkit's default schedule
 * ({@link TrainingConfig#defaults()}, training seed {@value #TRAINING_SEED}); class
 * {@value #FORGET_CLASS} is forgotten.
 */
final class ClassForgetFixture {
    static final int CLASSES = 10;
    static final int FEATURES = 32;
    static final int HIDDEN = 64;
    static final int TRAIN_PER_CLASS = 300;
    static final int TEST_PER_CLASS = 100;
    static final double NOISE = 0.35;
    static final int FORGET_CLASS = 3;
    static final long DATA_SEED = 20240611L;
    static final long TRAINING_SEED = 7L;

    final Engine engine;
    final Examples train;
    final Examples test;
    final Examples retain;
    final Examples forget;
    final Examples retainTest;
    final Examples forgetTest;
    final int[] forgetRows;
    final TrainingConfig training;
    final Architecture architecture;
    final Model original;

    ClassForgetFixture(Engine engine) {
        this(engine, TRAINING_SEED);
    }

    ClassForgetFixture(Engine engine, long trainingSeed) {
        this(engine, trainingSeed, false);
    }

    /**
     * The fixture with feature 0 set to 0 in every row outside the forget class (drawn as usual,
     * then zeroed), as a pixel that only the forgotten class ever lights: the weights leaving that
     * feature have retain importance exactly 0, so per-example SSD ties at {@code alpha = 1/p}.
     */
    static ClassForgetFixture withForgetOnlyFeature(Engine engine) {
        return new ClassForgetFixture(engine, TRAINING_SEED, true);
    }

    private ClassForgetFixture(Engine engine, long trainingSeed, boolean forgetOnlyFeature) {
        this.engine = engine;
        SplittableRandom random = new SplittableRandom(DATA_SEED);
        float[][] centres = new float[CLASSES][FEATURES];
        for (float[] c : centres) {
            for (int j = 0; j < FEATURES; j++) {
                c[j] = (float) random.nextDouble();
            }
        }
        this.train = sample(centres, TRAIN_PER_CLASS, random, forgetOnlyFeature);
        this.test = sample(centres, TEST_PER_CLASS, random, forgetOnlyFeature);
        this.forgetRows = rowsWhere(train, true);
        this.forget = train.select(forgetRows);
        this.retain = train.select(rowsWhere(train, false));
        this.forgetTest = test.select(rowsWhere(test, true));
        this.retainTest = test.select(rowsWhere(test, false));
        this.training = TrainingConfig.defaults();
        this.architecture = new Architecture(FEATURES, List.of(HIDDEN), CLASSES);
        this.original = new Trainer(engine, training).fit(architecture, train, trainingSeed).model();
    }

    UnlearningContext context(long seed) {
        return new UnlearningContext(retain, forget, seed, engine, training);
    }

    double forgetAccuracy(Model m) {
        return accuracy(m, forgetTest);
    }

    double retainAccuracy(Model m) {
        return accuracy(m, retainTest);
    }

    double accuracy(Model m, Examples e) {
        return engine.predict(m, e.x(), e.size()).accuracy(e.y());
    }

    private static Examples sample(float[][] centres, int perClass, SplittableRandom random,
            boolean forgetOnlyFeature) {
        int n = CLASSES * perClass;
        float[] x = new float[n * FEATURES];
        int[] y = new int[n];
        int[] classOf = new int[n];
        for (int i = 0; i < n; i++) {
            classOf[i] = i / perClass;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = classOf[i];
            classOf[i] = classOf[j];
            classOf[j] = t;
        }
        for (int i = 0; i < n; i++) {
            int c = classOf[i];
            y[i] = c;
            for (int j = 0; j < FEATURES; j++) {
                x[i * FEATURES + j] = (float) (centres[c][j] + NOISE * random.nextGaussian());
            }
            if (forgetOnlyFeature && c != FORGET_CLASS) {
                x[i * FEATURES] = 0;
            }
        }
        return new Examples(x, y, FEATURES, CLASSES);
    }

    private static int[] rowsWhere(Examples e, boolean forgetClass) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < e.size(); i++) {
            if ((e.y()[i] == FORGET_CLASS) == forgetClass) {
                rows.add(i);
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }
}
