package org.seedscope.metrics;

import java.util.Objects;
import org.seedscope.data.Examples;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Model;
import org.seedscope.engine.Predictions;

/**
 * One model's predictions on the five evaluation sets, computed once and shared by every metric.
 * A study runner computes Retrain's outputs once per cell and reuses them for every method.
 *
 * @param model the model the predictions came from
 * @param sets the evaluation sets
 * @param retainTrain predictions on {@code sets.retainTrain()}
 * @param forgetTrain predictions on {@code sets.forgetTrain()}
 * @param test predictions on {@code sets.test()}
 * @param retainTest predictions on {@code sets.retainTest()}
 * @param forgetTest predictions on {@code sets.forgetTest()} (zero rows when that set is empty)
 */
public record ModelOutputs(Model model, EvaluationSets sets, Predictions retainTrain, Predictions forgetTrain,
        Predictions test, Predictions retainTest, Predictions forgetTest) {

    /** Checks that every prediction has one row per example of its set. */
    public ModelOutputs {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(sets, "sets");
        requireRows("retainTrain", retainTrain, sets.retainTrain());
        requireRows("forgetTrain", forgetTrain, sets.forgetTrain());
        requireRows("test", test, sets.test());
        requireRows("retainTest", retainTest, sets.retainTest());
        requireRows("forgetTest", forgetTest, sets.forgetTest());
    }

    /**
     * Runs the model on the five sets (once on the test set when retainTest is the same object, as
     * for random-sample forgetting).
     *
     * @param engine the engine
     * @param model the model; its inputs and outputs must match the sets' features and classes
     * @param sets the evaluation sets
     * @return the predictions
     */
    public static ModelOutputs of(Engine engine, Model model, EvaluationSets sets) {
        Examples reference = sets.retainTrain();
        if (model.architecture().inputs() != reference.features()
                || model.architecture().outputs() != reference.classes()) {
            throw new IllegalArgumentException("model " + model.architecture() + " does not fit evaluation sets with "
                    + reference.features() + " features and " + reference.classes() + " classes");
        }
        Predictions test = predict(engine, model, sets.test());
        Predictions retainTest = sets.retainTest() == sets.test() ? test : predict(engine, model, sets.retainTest());
        return new ModelOutputs(model, sets, predict(engine, model, sets.retainTrain()),
                predict(engine, model, sets.forgetTrain()), test, retainTest, predict(engine, model, sets.forgetTest()));
    }

    /**
     * @param sets the evaluation sets
     * @return how many examples {@link #of} predicts for them (the test set once when it is also
     *     the retain test set)
     */
    public static long predictedExamples(EvaluationSets sets) {
        long n = (long) sets.retainTrain().size() + sets.forgetTrain().size() + sets.test().size()
                + sets.forgetTest().size();
        return sets.retainTest() == sets.test() ? n : n + sets.retainTest().size();
    }

    /** @return {@code test_acc}: accuracy on the whole test set */
    public double testAccuracy() {
        return test.accuracy(sets.test().y());
    }

    /** @return {@code retain_acc}: accuracy on retainTest; NaN when it is empty */
    public double retainAccuracy() {
        return retainTest.accuracy(sets.retainTest().y());
    }

    /** @return {@code retain_train_acc}: accuracy on the retain set */
    public double retainTrainAccuracy() {
        return retainTrain.accuracy(sets.retainTrain().y());
    }

    /** @return {@code forget_train_acc}: accuracy on the forget set */
    public double forgetTrainAccuracy() {
        return forgetTrain.accuracy(sets.forgetTrain().y());
    }

    /**
     * @return {@code forget_acc}: accuracy on {@link EvaluationSets#forgetAccuracySet()}: on {@code forgetTest}, or on
     *     {@code forgetTrain} when {@code forgetTest} is empty
     */
    public double forgetAccuracy() {
        return sets.forgetTest().isEmpty() ? forgetTrainAccuracy() : forgetTest.accuracy(sets.forgetTest().y());
    }

    private static Predictions predict(Engine engine, Model model, Examples set) {
        return engine.predict(model, set.x(), set.size());
    }

    private static void requireRows(String name, Predictions predictions, Examples set) {
        Objects.requireNonNull(predictions, name);
        if (predictions.size() != set.size()) {
            throw new IllegalArgumentException("predictions for " + name + " have " + predictions.size()
                    + " rows but the set has " + set.size() + " examples");
        }
    }

    @Override
    public String toString() {
        return "ModelOutputs[" + model + ", " + sets + "]";
    }
}
