package org.seedscope.study;

import org.seedscope.data.Examples;
import org.seedscope.engine.Engine;
import org.seedscope.engine.EngineOptions;
import org.seedscope.engine.Learner;
import org.seedscope.engine.Model;
import org.seedscope.train.Losses;
import org.seedscope.train.TrainingConfig;

/**
 * Measures how long training one model of a study takes, from a few timed training steps of its
 * architecture on its first scenario (the first steps warm ONNX Runtime up and are not counted).
 */
final class StepTimer {
    private static final int WARM_UP = 2;
    private static final int TIMED = 3;

    private StepTimer() {}

    /**
     * @param setup the study
     * @return estimated seconds to train one model (epochs x steps per epoch x measured step time),
     *     or NaN for families the engine does not train step by step
     */
    static double modelSeconds(StudySetup setup) {
        if (!setup.spec().model().recordsTraining()) {
            return Double.NaN;
        }
        StudySetup.Scenario s = setup.scenarios().values().iterator().next();
        Examples train = s.split().train();
        TrainingConfig config = setup.spec().training();
        int batch = Math.min(config.batchSize(), train.size());
        int[] rows = new int[batch];
        for (int i = 0; i < batch; i++) {
            rows[i] = i;
        }
        try (Engine engine = Engine.create(new EngineOptions(setup.spec().device(), 1, false));
                Learner learner = engine.learner(Model.initialise(s.arch(), 0), config.optimizer())) {
            long t0 = 0;
            for (int step = 0; step < WARM_UP + TIMED; step++) {
                if (step == WARM_UP) {
                    t0 = System.nanoTime();
                }
                learner.step(train, rows, Losses.crossEntropy(train.y()), config.optimizer().learningRate());
            }
            double stepSeconds = (System.nanoTime() - t0) / 1e9 / TIMED;
            long steps = (long) Math.ceil((double) train.size() / config.batchSize()) * config.epochs();
            return stepSeconds * steps;
        }
    }
}
