package org.seedscope.study;

import java.util.Arrays;
import org.seedscope.data.Examples;
import org.seedscope.engine.Engine;
import org.seedscope.engine.EngineOptions;
import org.seedscope.engine.Learner;
import org.seedscope.engine.Model;
import org.seedscope.metrics.EvaluationSets;
import org.seedscope.metrics.ModelOutputs;
import org.seedscope.train.Losses;
import org.seedscope.train.TrainingConfig;

/**
 * Measures what the models and cells of a study cost, from timed training steps and prediction
 * passes of its architecture on its first scenario (after untimed ones that warm ONNX Runtime and
 * the JIT up), in about a second.
 */
final class StepTimer {
    private static final double WARM_UP_SECONDS = 0.2;
    private static final int MIN_CALLS = 2;
    /** Examples of the timed prediction pass (fewer when the training set is smaller). */
    private static final int PREDICTED = 256;

    /**
     * @param epochSeconds seconds to train one epoch (steps per epoch x measured step time)
     * @param epochs epochs of a model's training
     * @param cellEvaluationSeconds seconds to evaluate one cell's model: every example of the
     *     scenario's evaluation sets predicted once, and the forget set once more (ZRF's random model)
     */
    record Costs(double epochSeconds, int epochs, double cellEvaluationSeconds) {
        /** What is known of a family the engine does not train step by step. */
        static final Costs UNKNOWN = new Costs(Double.NaN, 0, Double.NaN);

        /** @return seconds to train one model */
        double modelSeconds() {
            return epochSeconds * epochs;
        }
    }

    private StepTimer() {}

    /**
     * @param setup the study
     * @return the measured costs, or {@link Costs#UNKNOWN} for families the engine does not train
     *     step by step
     */
    static Costs measure(StudySetup setup) {
        if (!setup.spec().model().recordsTraining()) {
            return Costs.UNKNOWN;
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
            double stepSeconds = secondsPerCall(() -> learner.step(train, rows, Losses.crossEntropy(train.y()),
                    config.optimizer().learningRate()));
            int n = Math.min(PREDICTED, train.size());
            float[] x = Arrays.copyOf(train.x(), n * train.features());
            double predictionSeconds = secondsPerCall(() -> engine.predict(learner.model(), x, n)) / n;
            long steps = (long) Math.ceil((double) train.size() / config.batchSize());
            return new Costs(stepSeconds * steps, config.epochs(), predictionSeconds * evaluatedExamples(s.sets()));
        }
    }

    /**
     * Times a piece of work once it is warm: untimed calls for {@value #WARM_UP_SECONDS} s (so ONNX
     * Runtime's buffers exist and the optimiser's loop is compiled), then timed calls for as long again.
     *
     * @return mean seconds per timed call
     */
    private static double secondsPerCall(Runnable work) {
        callFor(work);
        long start = System.nanoTime();
        long calls = callFor(work);
        return (System.nanoTime() - start) / 1e9 / calls;
    }

    /** @return how often {@code work} ran: at least {@value #MIN_CALLS} times and {@value #WARM_UP_SECONDS} s */
    private static long callFor(Runnable work) {
        long start = System.nanoTime();
        long calls = 0;
        while (calls < MIN_CALLS || System.nanoTime() - start < WARM_UP_SECONDS * 1e9) {
            work.run();
            calls++;
        }
        return calls;
    }

    /** @return examples a cell's metrics predict: its {@link ModelOutputs}, and the forget set for ZRF */
    private static long evaluatedExamples(EvaluationSets sets) {
        return ModelOutputs.predictedExamples(sets) + sets.forgetTrain().size();
    }
}
