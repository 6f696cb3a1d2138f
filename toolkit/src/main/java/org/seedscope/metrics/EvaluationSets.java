package org.seedscope.metrics;

import java.util.Objects;
import org.seedscope.data.Examples;

/**
 * The five example sets a forget scenario is evaluated on (PAPER.md "Metrics").
 *
 * <p>All sets use the training label space: for sub-class forgetting the labels of
 * {@code forgetTest} are the superclass labels the model was trained on, so a model that predicts
 * the superclass of a forgotten fine class counts as correct.
 *
 * @param retainTrain the retain set D_r (the MIA's members); not empty
 * @param forgetTrain the forget set D_f (the MIA's and ZRF's targets); not empty
 * @param test the whole test set (the MIA's non-members); not empty
 * @param retainTest test examples of the retained classes (for random-sample forgetting: the whole
 *     test set); may be empty, then {@code retain_acc} is NaN
 * @param forgetTest test examples of the forgotten class or sub-class; empty for random-sample
 *     forgetting, in which case forget accuracy is measured on {@code forgetTrain} instead (see
 *     {@link #forgetAccuracySet()})
 */
public record EvaluationSets(Examples retainTrain, Examples forgetTrain, Examples test, Examples retainTest,
        Examples forgetTest) {

    /** Checks that the three sets the attacks need are non-empty and all five share one shape. */
    public EvaluationSets {
        Objects.requireNonNull(retainTrain, "retainTrain");
        Objects.requireNonNull(forgetTrain, "forgetTrain");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(retainTest, "retainTest");
        Objects.requireNonNull(forgetTest, "forgetTest");
        requireNonEmpty("retainTrain", retainTrain);
        requireNonEmpty("forgetTrain", forgetTrain);
        requireNonEmpty("test", test);
        requireSameShape("forgetTrain", forgetTrain, retainTrain);
        requireSameShape("test", test, retainTrain);
        requireSameShape("retainTest", retainTest, retainTrain);
        requireSameShape("forgetTest", forgetTest, retainTrain);
    }

    /**
     * The sets of random-sample forgetting, where every class is retained: {@code retainTest} is the
     * whole test set and {@code forgetTest} is empty.
     *
     * @param retainTrain the retain set
     * @param forgetTrain the randomly drawn forget set
     * @param test the test set
     * @return the five sets
     */
    public static EvaluationSets randomSample(Examples retainTrain, Examples forgetTrain, Examples test) {
        Objects.requireNonNull(test, "test");
        Examples none = new Examples(new float[0], new int[0], test.features(), test.classes());
        return new EvaluationSets(retainTrain, forgetTrain, test, test, none);
    }

    /**
     * @return the set {@code forget_acc} is measured on: {@code forgetTest}, or {@code forgetTrain}
     *     when {@code forgetTest} is empty (random-sample forgetting has no forget test examples)
     */
    public Examples forgetAccuracySet() {
        return forgetTest.isEmpty() ? forgetTrain : forgetTest;
    }

    private static void requireNonEmpty(String name, Examples set) {
        if (set.isEmpty()) {
            throw new IllegalArgumentException("evaluation set " + name + " is empty; retainTrain, forgetTrain "
                    + "and test must each hold at least one example");
        }
    }

    private static void requireSameShape(String name, Examples set, Examples reference) {
        if (set.features() != reference.features() || set.classes() != reference.classes()) {
            throw new IllegalArgumentException("evaluation set " + name + " has " + set.features() + " features and "
                    + set.classes() + " classes but retainTrain has " + reference.features() + " and "
                    + reference.classes() + "; all five sets must share one shape");
        }
    }

    @Override
    public String toString() {
        return "EvaluationSets[retainTrain " + retainTrain.size() + ", forgetTrain " + forgetTrain.size() + ", test "
                + test.size() + ", retainTest " + retainTest.size() + ", forgetTest " + forgetTest.size() + "]";
    }
}
