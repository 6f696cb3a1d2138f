package org.seedscope.tribuo;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.seedscope.data.Examples;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Model;
import org.seedscope.engine.Parameters;
import org.seedscope.engine.Predictions;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.math.la.DenseMatrix;

/**
 * A multinomial logistic-regression (linear softmax) classifier held as plain parameters in double
 * precision: {@code logits = x W + b}, {@code p = softmax(logits)}.
 *
 * <p>This is the form certified removal works on in double precision. Tribuo 4.3.2 has no public
 * way to build a {@code LinearSGDModel} from given weights (its constructor is package-private and
 * {@code getModelParameters()} returns a copy), so {@link #fromTribuo} extracts one from a trained
 * Tribuo model (it predicts what the Tribuo model predicts: same double arithmetic, up to summation
 * order), and {@link #toModel} / {@link #fromModel} convert to and from the engine's linear model,
 * on which every engine method (Finetune, SSD, ...) runs.
 *
 * <p>Layout, as the engine's one-layer {@link Architecture} ({@code inputs = features}, no hidden
 * layer): {@code parameters[j * classes + c]} is the weight of feature j for class c, followed by
 * the {@code classes} biases at {@code features * classes + c}. The array is not copied (treat it as
 * immutable). A bias of {@code -infinity} marks a class the model never saw (see {@link #fromTribuo}).
 *
 * @param features number of input features, at least 1
 * @param classes number of classes, at least 2
 * @param parameters {@code (features + 1) * classes} values in the layout above
 */
public record LinearClassifier(int features, int classes, double[] parameters) {

    /** Validates the shape. */
    public LinearClassifier {
        Objects.requireNonNull(parameters, "parameters");
        if (features < 1) {
            throw new IllegalArgumentException("features must be at least 1, got " + features);
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be at least 2, got " + classes);
        }
        if (parameters.length != (long) (features + 1) * classes) {
            throw new IllegalArgumentException("a linear classifier with " + features + " features and " + classes
                    + " classes has " + (long) (features + 1) * classes + " parameters, got " + parameters.length);
        }
    }

    /**
     * @param features number of features
     * @param classes number of classes
     * @return the all-zero classifier (uniform probabilities)
     */
    public static LinearClassifier zeros(int features, int classes) {
        return new LinearClassifier(features, classes, new double[(features + 1) * classes]);
    }

    /**
     * Extracts the weights of a trained Tribuo linear model ({@link LinearSGDModel#getWeightsCopy()}:
     * one row per Tribuo label id, one column per Tribuo feature id, the bias last), mapping labels
     * and features by name ({@link TribuoData}). A feature the model does not know gets weight 0
     * (Tribuo ignores it); a class the model does not know (absent from its label domain; datasets
     * from {@link TribuoData#toDataset(org.seedscope.data.Examples, List)} name every class, so their
     * fits know them all) gets weights 0 and bias {@code -infinity}, so its probability is 0 as in
     * Tribuo, which has no score for it.
     *
     * @param model the Tribuo model
     * @param features number of SeedScope columns
     * @param classNames class names in class order
     * @return the classifier
     */
    public static LinearClassifier fromTribuo(LinearSGDModel model, int features, List<String> classNames) {
        TribuoData.requireNames(classNames, classNames.size());
        int k = classNames.size();
        DenseMatrix w = model.getWeightsCopy();
        ImmutableFeatureMap featureIds = model.getFeatureIDMap();
        ImmutableOutputInfo<Label> labelIds = model.getOutputIDInfo();
        int biasColumn = w.getDimension2Size() - 1;
        double[] p = new double[(features + 1) * k];
        String[] names = TribuoData.featureNames(features);
        for (int c = 0; c < k; c++) {
            int row = labelIds.getID(new Label(classNames.get(c)));
            if (row < 0) {
                p[features * k + c] = Double.NEGATIVE_INFINITY;
                continue;
            }
            for (int j = 0; j < features; j++) {
                int col = featureIds.getID(names[j]);
                p[j * k + c] = col < 0 ? 0 : w.get(row, col);
            }
            p[features * k + c] = w.get(row, biasColumn);
        }
        for (Label label : labelIds.getDomain()) {
            if (!classNames.contains(label.getLabel())) {
                throw new IllegalArgumentException("the Tribuo model knows label '" + label.getLabel()
                        + "', which is not one of the class names " + classNames);
            }
        }
        return new LinearClassifier(features, k, p);
    }

    /**
     * Reads an engine model without hidden layers ({@link #toModel}'s form) as a classifier: the
     * layouts agree, so the float parameters are widened to double in place.
     *
     * @param model an engine model of architecture {@code features -> classes}
     * @return the classifier
     * @throws IllegalArgumentException when the model has hidden layers
     */
    public static LinearClassifier fromModel(Model model) {
        Architecture a = model.architecture();
        if (!a.isLinear()) {
            throw new IllegalArgumentException("a linear classifier needs a model without hidden layers, got " + a
                    + "; use the tribuo-lr family or a linear model in the study");
        }
        float[] p = model.parameters().toArray();
        double[] d = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = p[i];
        }
        return new LinearClassifier(a.inputs(), a.outputs(), d);
    }

    /** @return {@code (features + 1) * classes} */
    public int parameterCount() {
        return parameters.length;
    }

    /**
     * Writes the logits of one row: {@code z_c = b_c + sum_j x_j W[j][c]}, summed in double.
     *
     * @param x row-major features
     * @param row the row index
     * @param out destination of length at least {@code classes}
     */
    void logits(float[] x, int row, double[] out) {
        int base = row * features;
        int biases = features * classes;
        System.arraycopy(parameters, biases, out, 0, classes);
        for (int j = 0; j < features; j++) {
            double v = x[base + j];
            if (v != 0) {
                int w = j * classes;
                for (int c = 0; c < classes; c++) {
                    out[c] += v * parameters[w + c];
                }
            }
        }
    }

    /**
     * Replaces logits by softmax probabilities in place (max-shifted; classes with logit
     * {@code -infinity} get probability 0).
     */
    static void softmaxInPlace(double[] z, int classes) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            z[c] = Math.exp(z[c] - max);
            sum += z[c];
        }
        for (int c = 0; c < classes; c++) {
            z[c] /= sum;
        }
    }

    /**
     * Runs the classifier on examples (computed in double, stored as float).
     *
     * @param data examples with {@link #features()} features
     * @return logits, softmax probabilities, and as penultimate activations the inputs themselves
     *     (a linear model has no hidden layer, as the engine's one-layer architecture); empty
     *     arrays for no examples
     */
    public Predictions predict(Examples data) {
        requireFeatures(data);
        int n = data.size();
        float[] logits = new float[n * classes];
        float[] probs = new float[n * classes];
        double[] z = new double[classes];
        for (int i = 0; i < n; i++) {
            logits(data.x(), i, z);
            for (int c = 0; c < classes; c++) {
                logits[i * classes + c] = (float) z[c];
            }
            softmaxInPlace(z, classes);
            for (int c = 0; c < classes; c++) {
                probs[i * classes + c] = (float) z[c];
            }
        }
        return new Predictions(logits, probs, data.x().clone(), n, classes, features);
    }

    /**
     * The same classifier as an engine model with no hidden layer ({@code Mlp} of architecture
     * {@code features -> classes}), parameters rounded to float; the engine, its ONNX export and
     * the MLP metrics then apply to it.
     *
     * @param provenance facts to record on the model
     * @return the engine model
     */
    public Model toModel(Map<String, String> provenance) {
        float[] f = new float[parameters.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) parameters[i];
        }
        return new Model(new Architecture(features, List.of(), classes), Parameters.of(f), provenance);
    }

    /**
     * @param other a classifier of the same shape
     * @return the Euclidean distance {@code ||theta - theta'||_2} between the parameter vectors
     *     (infinite or NaN when either holds an infinite bias)
     */
    public double distance(LinearClassifier other) {
        requireSameShape(other);
        double sum = 0;
        for (int i = 0; i < parameters.length; i++) {
            double d = parameters[i] - other.parameters[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    void requireFeatures(Examples data) {
        if (data.features() != features || data.classes() != classes) {
            throw new IllegalArgumentException("a linear classifier for " + features + " features and " + classes
                    + " classes cannot run on " + data);
        }
    }

    void requireSameShape(LinearClassifier other) {
        if (other.features != features || other.classes != classes) {
            throw new IllegalArgumentException("classifiers differ in shape: " + this + " vs " + other);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearClassifier l && l.features == features && l.classes == classes
                && Arrays.equals(l.parameters, parameters);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * features + classes) + Arrays.hashCode(parameters);
    }

    @Override
    public String toString() {
        return "LinearClassifier[" + features + " features -> " + classes + " classes]";
    }
}
