package org.seedscope.data;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A classification data set: a train and a test set over the same example shape and classes,
 * the class names, an optional class hierarchy and its provenance.
 *
 * <p>Load one with {@link Datasets}; print it for a one-line summary such as
 * {@code fashion-mnist-subset: 12000 train / 2000 test, 784 features (1x28x28), 10 classes}.
 * {@link #shape()} is the shape of one example ({@code [1, 28, 28]}, {@code [3, 32, 32]},
 * {@code [d]} for a table); {@link #subset}, {@link #withHierarchy}, forget splits
 * ({@link ForgetSpec#split}) and {@link Examples#concat} keep it.
 *
 * @param name short name, used in tables and cache keys
 * @param train training examples
 * @param test test examples (may be empty)
 * @param classNames one name per class, in label order
 * @param hierarchy coarse classes over {@code classNames}, if the data has them
 * @param provenance source, preprocessing, split rule and content hash
 */
public record Dataset(String name, Examples train, Examples test, List<String> classNames,
        Optional<ClassHierarchy> hierarchy, DataProvenance provenance) {

    /** Checks that train, test, class names and hierarchy agree. */
    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        classNames = List.copyOf(classNames);
        Objects.requireNonNull(hierarchy, "hierarchy (use Optional.empty())");
        Objects.requireNonNull(provenance, "provenance");
        if (!Arrays.equals(train.shape(), test.shape()) || train.classes() != test.classes()) {
            throw new IllegalArgumentException(name + ": train has shape " + Shapes.format(train.shape()) + " and "
                    + train.classes() + " classes but test has shape " + Shapes.format(test.shape()) + " and "
                    + test.classes());
        }
        if (classNames.size() != train.classes()) {
            throw new IllegalArgumentException(name + ": " + classNames.size() + " class names " + classNames
                    + " for " + train.classes() + " classes");
        }
        if (new HashSet<>(classNames).size() != classNames.size()) {
            throw new IllegalArgumentException(name + ": class names must be distinct, got " + classNames);
        }
        if (hierarchy.isPresent() && !hierarchy.get().fineNames().equals(classNames)) {
            throw new IllegalArgumentException(name + ": the hierarchy's fine classes "
                    + hierarchy.get().fineNames() + " differ from the class names " + classNames);
        }
    }

    /** @return features per example */
    public int features() {
        return train.features();
    }

    /** @return a copy of the shape of one example, e.g. {@code [1, 28, 28]}; its product is {@link #features()} */
    public int[] shape() {
        return train.shape();
    }

    /** @return number of classes */
    public int classes() {
        return train.classes();
    }

    /**
     * The same data with a class hierarchy attached (for sub-class forgetting on your own data).
     *
     * @param h hierarchy whose fine names equal {@link #classNames()}
     * @return a new dataset; examples and provenance unchanged
     */
    public Dataset withHierarchy(ClassHierarchy h) {
        return new Dataset(name, train, test, classNames, Optional.of(h), provenance);
    }

    /**
     * The same data viewed with another example shape, e.g. 8x8 grey images stored as 64 CSV
     * columns: {@code Datasets.csv(file, "label").withShape(1, 8, 8)}. Rows must already be in
     * C, H, W order (see {@link Examples}); nothing is moved.
     *
     * @param shape the shape of one example; its product must equal {@link #features()}
     * @return a new dataset; name, classes and hierarchy unchanged, the provenance's shape clause
     *     and hash updated
     * @throws IllegalArgumentException if the product differs or a dimension is below 1
     */
    public Dataset withShape(int... shape) {
        Examples newTrain = train.withShape(shape);
        Examples newTest = test.withShape(shape);
        return new Dataset(name, newTrain, newTest, classNames, hierarchy, provenance.reshaped(newTrain, newTest));
    }

    /**
     * A deterministic class-balanced subset: the first examples of each class, in file order.
     *
     * <p>{@code trainTotal} is split evenly over the classes; when it is not a multiple of the
     * class count, the first {@code trainTotal % classes} classes (in label order) get one
     * example more; the same for {@code testTotal}. Within each set the chosen examples keep
     * their original order. The name becomes {@code name[trainTotal/testTotal]}, the split
     * description and hash are updated. Example: {@code Datasets.fashionMnist().subset(10_000, 2_000)}
     * keeps the first 1,000 training and 200 test examples of each class.
     *
     * @param trainTotal number of training examples, at least the number of classes
     * @param testTotal number of test examples, at least 0
     * @return the subset
     * @throws IllegalArgumentException if a class has fewer examples than its share
     */
    public Dataset subset(int trainTotal, int testTotal) {
        if (trainTotal < classes()) {
            throw new IllegalArgumentException("subset of " + name + ": the training subset's size (trainSize) must be"
                    + " at least the number of classes (" + classes() + ") so every class is present, got " + trainTotal);
        }
        if (testTotal < 0) {
            throw new IllegalArgumentException("subset of " + name + ": the test subset's size (testSize) must be at"
                    + " least 0, got " + testTotal);
        }
        Examples subTrain = train.select(firstPerClass(train, trainTotal, "training"));
        Examples subTest = test.select(firstPerClass(test, testTotal, "test"));
        String rule = provenance.split() + "; class-balanced subset: first " + trainTotal + " train / " + testTotal
                + " test examples spread evenly over classes, in file order";
        return new Dataset(name + "[" + trainTotal + "/" + testTotal + "]", subTrain, subTest, classNames, hierarchy,
                new DataProvenance(provenance.source(), provenance.preprocessing(), rule,
                        DataProvenance.sha256(subTrain, subTest)));
    }

    private int[] firstPerClass(Examples set, int total, String which) {
        int k = classes();
        int[] quota = new int[k];
        int[] available = new int[k];
        for (int c = 0; c < k; c++) {
            quota[c] = total / k + (c < total % k ? 1 : 0);
        }
        for (int label : set.y()) {
            available[label]++;
        }
        for (int c = 0; c < k; c++) {
            if (available[c] < quota[c]) {
                throw new IllegalArgumentException("subset of " + name + ": class '" + classNames.get(c) + "' has "
                        + available[c] + " " + which + " examples, the request needs " + quota[c]);
            }
        }
        int[] rows = new int[total];
        int n = 0;
        for (int i = 0; i < set.size() && n < total; i++) {
            int label = set.y()[i];
            if (quota[label] > 0) {
                quota[label]--;
                rows[n++] = i;
            }
        }
        return rows;
    }

    /**
     * @return e.g. {@code fashion-mnist-subset: 12000 train / 2000 test, 784 features (1x28x28), 10 classes};
     *     the shape in brackets only when it is not flat
     */
    @Override
    public String toString() {
        int[] shape = shape();
        String layout = shape.length == 1 ? "" : " (" + Shapes.format(shape) + ")";
        return name + ": " + train.size() + " train / " + test.size() + " test, " + features() + " features"
                + layout + ", " + classes() + " classes";
    }
}
