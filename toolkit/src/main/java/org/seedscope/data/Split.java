package org.seedscope.data;

import java.util.List;
import java.util.Objects;

/**
 * The sets of one forget scenario, produced by {@link ForgetSpec#split(Dataset)}.
 *
 * <p>All sets use the training label space ({@link #classNames()}: the dataset's classes, or
 * the superclasses for sub-class forgetting) and keep the dataset's row order. {@code train}
 * is the whole training set (retain ∪ forget, the original model's data), partitioned exactly
 * by {@code retainTrain} and {@code forgetTrain}; {@code test} is partitioned by
 * {@code retainTest} and {@code forgetTest}. For random-fraction forgetting {@code forgetTest}
 * is empty and {@code retainTest} = {@code test}; measure forget accuracy on
 * {@code forgetTrain} then.
 *
 * @param dataset the dataset that was split
 * @param spec the forget spec
 * @param classNames names of the training labels
 * @param train every training example, in the training label space
 * @param retainTrain D_r: training examples kept
 * @param forgetTrain D_f: training examples to forget, never empty
 * @param test every test example
 * @param retainTest test examples of retained classes (PAPER.md "Metrics": retain accuracy)
 * @param forgetTest test examples of the forgotten class / sub-class (forget accuracy)
 * @param forgetRows indices into {@code train} of the forget examples, increasing (what a
 *     training-time recorder such as Amnesiac's needs)
 */
public record Split(Dataset dataset, ForgetSpec spec, List<String> classNames, Examples train, Examples retainTrain,
        Examples forgetTrain, Examples test, Examples retainTest, Examples forgetTest, int[] forgetRows) {

    /** Checks sizes and label spaces agree. */
    public Split {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(spec, "spec");
        classNames = List.copyOf(classNames);
        for (Examples e : new Examples[] {train, retainTrain, forgetTrain, test, retainTest, forgetTest}) {
            if (e.classes() != classNames.size()) {
                throw new IllegalArgumentException(spec.id() + ": a set has " + e.classes() + " classes but there are "
                        + classNames.size() + " class names " + classNames);
            }
        }
        if (retainTrain.size() + forgetTrain.size() != train.size()
                || retainTest.size() + forgetTest.size() != test.size()) {
            throw new IllegalArgumentException(spec.id() + ": retain and forget sets do not partition train/test");
        }
        if (forgetRows.length != forgetTrain.size()) {
            throw new IllegalArgumentException(spec.id() + ": " + forgetRows.length + " forget rows for "
                    + forgetTrain.size() + " forget examples");
        }
        forgetRows = forgetRows.clone();
        if (forgetTrain.isEmpty() || retainTrain.isEmpty()) {
            throw new IllegalArgumentException(spec.id() + " on " + dataset.name() + ": the "
                    + (forgetTrain.isEmpty() ? "forget" : "retain") + " training set is empty");
        }
    }

    /** @return a copy of the forget rows' indices into {@code train} */
    @Override
    public int[] forgetRows() {
        return forgetRows.clone();
    }

    /** @return e.g. {@code full:Shirt on fashion-mnist-subset: retain 10800 / forget 1200 train, ...} */
    @Override
    public String toString() {
        return spec.id() + " on " + dataset.name() + ": retain " + retainTrain.size() + " / forget "
                + forgetTrain.size() + " train, retain " + retainTest.size() + " / forget " + forgetTest.size()
                + " test, " + classNames.size() + " classes";
    }
}
