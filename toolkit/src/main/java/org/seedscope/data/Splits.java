package org.seedscope.data;

import java.util.Arrays;
import java.util.List;

/** Row selection shared by the {@link ForgetSpec} kinds. */
final class Splits {

    private Splits() {
    }

    static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank, got " + (name == null ? "null" : "'" + name + "'"));
        }
    }

    /** Index of a class name, or an error listing the valid names. */
    static int classIndex(List<String> names, String name, String dataset, String what) {
        int c = names.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("unknown " + what + " '" + name + "' for dataset " + dataset
                    + "; valid names: " + names);
        }
        return c;
    }

    /**
     * Forget rows are those whose original label is {@code forgetLabel}, in train and test;
     * {@code train}/{@code test} carry the labels of the training label space.
     */
    static Split byLabel(Dataset dataset, ForgetSpec spec, List<String> classNames, Examples train, Examples test,
            int[] originalTrainLabels, int[] originalTestLabels, int forgetLabel) {
        boolean[] forgetTest = mask(originalTestLabels, forgetLabel);
        if (!any(forgetTest)) {
            throw new IllegalArgumentException(spec.id() + " on " + dataset.name() + ": class '"
                    + dataset.classNames().get(forgetLabel) + "' has no test examples, so forget accuracy cannot be measured");
        }
        return byMask(dataset, spec, classNames, train, mask(originalTrainLabels, forgetLabel), test, forgetTest);
    }

    /** Splits by masks; a null test mask means: no forget test set, retainTest = test. */
    static Split byMask(Dataset dataset, ForgetSpec spec, List<String> classNames, Examples train,
            boolean[] forgetTrain, Examples test, boolean[] forgetTest) {
        if (!any(forgetTrain)) {
            throw new IllegalArgumentException(spec.id() + " on " + dataset.name()
                    + ": the forget set is empty (no training example matches)");
        }
        Examples retainTest = forgetTest == null ? test : test.select(rows(forgetTest, false));
        Examples forgetTestSet = forgetTest == null ? test.select(new int[0]) : test.select(rows(forgetTest, true));
        return new Split(dataset, spec, classNames, train, train.select(rows(forgetTrain, false)),
                train.select(rows(forgetTrain, true)), test, retainTest, forgetTestSet, rows(forgetTrain, true));
    }

    private static boolean[] mask(int[] labels, int label) {
        boolean[] m = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            m[i] = labels[i] == label;
        }
        return m;
    }

    private static boolean any(boolean[] m) {
        for (boolean b : m) {
            if (b) {
                return true;
            }
        }
        return false;
    }

    private static int[] rows(boolean[] mask, boolean value) {
        int[] out = new int[mask.length];
        int n = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] == value) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
