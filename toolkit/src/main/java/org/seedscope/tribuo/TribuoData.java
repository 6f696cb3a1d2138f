package org.seedscope.tribuo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.seedscope.data.Examples;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableDataset;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Converts SeedScope {@link Examples} to Tribuo datasets and back.
 *
 * <p>Feature j is named {@code f} followed by j zero-padded to the width of {@code features - 1}
 * (64 features: {@code f00 .. f63}). The padding matters: Tribuo numbers features in the
 * lexicographic order of their names, so with padded names Tribuo's feature ids, its weight
 * columns and the inputs of its ONNX export follow SeedScope's column order. Every value, zeros
 * included, is stored in an {@link ArrayExample}, so every feature is known to the dataset.
 * Class c is the label {@code classNames.get(c)} (by default {@code "0", "1", ...}); Tribuo's label
 * ids need not follow class order, so every conversion maps labels by name, never by id.
 */
public final class TribuoData {
    private static final LabelFactory FACTORY = new LabelFactory();

    private TribuoData() {}

    /**
     * @param classes number of classes, at least 1
     * @return {@code "0", "1", ..., classes - 1}: the default label names
     */
    public static List<String> defaultClassNames(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be at least 1, got " + classes);
        }
        List<String> names = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            names.add(String.valueOf(c));
        }
        return List.copyOf(names);
    }

    /**
     * @param feature a column index in {@code [0, features)}
     * @param features the number of features, at least 1
     * @return the Tribuo feature name of that column, e.g. {@code f07} for column 7 of 64
     */
    public static String featureName(int feature, int features) {
        if (features < 1 || feature < 0 || feature >= features) {
            throw new IllegalArgumentException("feature " + feature + " is outside [0, " + features + ")");
        }
        int width = String.valueOf(features - 1).length();
        String digits = String.valueOf(feature);
        return "f" + "0".repeat(width - digits.length()) + digits;
    }

    /**
     * Converts examples with the default label names {@link #defaultClassNames}.
     *
     * @param data the examples; may be empty
     * @return a new Tribuo dataset, one {@link ArrayExample} of weight 1 per row, in row order
     */
    public static Dataset<Label> toDataset(Examples data) {
        return toDataset(data, defaultClassNames(data.classes()));
    }

    /**
     * Converts examples; row i becomes an example labelled {@code classNames.get(y[i])} holding all
     * {@code features} values by {@linkplain #featureName name}, in row order. The dataset's label
     * domain holds EVERY class name, also classes without a row (the forgotten class of a Retrain
     * on {@code D_r}), so a Tribuo trainer gives each class a weight row: an absent class's row sees
     * only the gradient pushing its scores down, as an engine-trained Retrain's would, instead of
     * having no scores at all.
     *
     * @param data the examples; may be empty
     * @param classNames one distinct name per class
     * @return a new Tribuo dataset
     */
    public static Dataset<Label> toDataset(Examples data, List<String> classNames) {
        requireNames(classNames, data.classes());
        SimpleDataSourceProvenance provenance = new SimpleDataSourceProvenance("seedscope", FACTORY);
        MutableDataset<Label> rows = new MutableDataset<>(provenance, FACTORY);
        int d = data.features();
        String[] names = featureNames(d);
        float[] x = data.x();
        double[] row = new double[d];
        for (int i = 0; i < data.size(); i++) {
            for (int j = 0; j < d; j++) {
                row[j] = x[i * d + j];
            }
            rows.add(new ArrayExample<>(new Label(classNames.get(data.y()[i])), names, row));
        }
        MutableDataset<Label> domain = new MutableDataset<>(provenance, FACTORY);
        for (String name : classNames) {
            domain.add(new ArrayExample<>(new Label(name), names, new double[d]));
        }
        return new ImmutableDataset<>(rows, provenance, FACTORY, rows.getFeatureMap(), domain.getOutputInfo(), false);
    }

    /**
     * Converts a Tribuo dataset back: column j is the feature named {@link #featureName(int, int)}
     * (absent features read as 0, as in Tribuo's sparse examples), the label is the index of its
     * name in {@code classNames}.
     *
     * @param data the Tribuo dataset
     * @param features number of columns
     * @param classNames one distinct name per class
     * @return the examples in dataset order
     * @throws IllegalArgumentException when an example has a feature name outside the columns or a
     *     label not in {@code classNames}
     */
    public static Examples toExamples(Dataset<Label> data, int features, List<String> classNames) {
        requireNames(classNames, classNames.size());
        Map<String, Integer> column = columns(features);
        Map<String, Integer> classIndex = indexOf(classNames);
        float[] x = new float[data.size() * features];
        int[] y = new int[data.size()];
        int i = 0;
        for (Example<Label> example : data) {
            String label = example.getOutput().getLabel();
            Integer c = classIndex.get(label);
            if (c == null) {
                throw new IllegalArgumentException("example " + i + " has label '" + label
                        + "', which is not one of the class names " + classNames);
            }
            y[i] = c;
            for (Feature f : example) {
                Integer j = column.get(f.getName());
                if (j == null) {
                    throw new IllegalArgumentException("example " + i + " has feature '" + f.getName()
                            + "', which is not one of f0.." + (features - 1) + " (zero-padded) for " + features
                            + " features");
                }
                x[i * features + j] = (float) f.getValue();
            }
            i++;
        }
        return new Examples(x, y, features, classNames.size());
    }

    /** @return the feature names of columns 0..features-1 */
    static String[] featureNames(int features) {
        String[] names = new String[features];
        for (int j = 0; j < features; j++) {
            names[j] = featureName(j, features);
        }
        return names;
    }

    /** @return feature name -> column */
    static Map<String, Integer> columns(int features) {
        String[] names = featureNames(features);
        Map<String, Integer> column = new HashMap<>();
        for (int j = 0; j < features; j++) {
            column.put(names[j], j);
        }
        return column;
    }

    /** @return name -> position in the list */
    static Map<String, Integer> indexOf(List<String> classNames) {
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < classNames.size(); c++) {
            index.put(classNames.get(c), c);
        }
        return index;
    }

    /** Checks that there are {@code classes} distinct non-null names. */
    static void requireNames(List<String> classNames, int classes) {
        Objects.requireNonNull(classNames, "classNames");
        if (classNames.size() != classes || classes < 2) {
            throw new IllegalArgumentException("classNames must hold one name per class (" + classes
                    + ", at least 2), got " + classNames.size() + ": " + classNames);
        }
        if (new HashSet<>(classNames).size() != classes || classNames.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("classNames must be distinct and non-null, got " + classNames);
        }
    }
}
