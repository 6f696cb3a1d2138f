package org.seedscope.tribuo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.seedscope.data.Examples;
import org.seedscope.engine.Predictions;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.impl.ArrayExample;

/**
 * A trained Tribuo classifier with the column count and class names that map SeedScope
 * {@link Examples} onto it.
 *
 * @param model the Tribuo model (a {@link LinearSGDModel} or an FM model)
 * @param features number of SeedScope feature columns
 * @param classNames Tribuo label name of each class, in class order
 */
public record TribuoClassifier(Model<Label> model, int features, List<String> classNames) {

    /** Validates the names and copies the list. */
    public TribuoClassifier {
        Objects.requireNonNull(model, "model");
        TribuoData.requireNames(classNames, classNames.size());
        classNames = List.copyOf(classNames);
        if (features < 1) {
            throw new IllegalArgumentException("features must be at least 1, got " + features);
        }
    }

    /** @return number of classes */
    public int classes() {
        return classNames.size();
    }

    /**
     * Runs Tribuo's prediction on every row. Tribuo gives normalised scores (softmax probabilities)
     * per label; a class the model does not know gets probability 0. Logits are {@code ln p} with
     * p floored at {@link Float#MIN_VALUE} so they stay finite: they differ from the model's raw
     * scores by a per-row constant, which leaves the softmax and the predicted class unchanged.
     * Penultimate activations are the inputs (the family has no hidden layer).
     *
     * @param data examples with {@link #features()} features and {@link #classes()} classes
     * @return the predictions; empty arrays for no examples
     */
    public Predictions predict(Examples data) {
        if (data.features() != features || data.classes() != classes()) {
            throw new IllegalArgumentException("a Tribuo classifier for " + features + " features and " + classes()
                    + " classes cannot run on " + data);
        }
        int n = data.size();
        int k = classes();
        String[] names = TribuoData.featureNames(features);
        Label unknown = new LabelFactory().getUnknownOutput();
        List<Example<Label>> rows = new ArrayList<>(n);
        double[] row = new double[features];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < features; j++) {
                row[j] = data.x()[i * features + j];
            }
            rows.add(new ArrayExample<>(unknown, names, row));
        }
        float[] probs = new float[n * k];
        float[] logits = new float[n * k];
        List<Prediction<Label>> predictions = model.predict(rows);
        for (int i = 0; i < n; i++) {
            Map<String, Label> scores = predictions.get(i).getOutputScores();
            for (int c = 0; c < k; c++) {
                Label score = scores.get(classNames.get(c));
                double p = score == null ? 0 : score.getScore();
                probs[i * k + c] = (float) p;
                logits[i * k + c] = (float) Math.log(Math.max(p, Float.MIN_VALUE));
            }
        }
        return new Predictions(logits, probs, data.x().clone(), n, k, features);
    }

    /**
     * @return the model's parameters as a {@link LinearClassifier} ({@link LinearClassifier#fromTribuo})
     * @throws IllegalStateException when the model is not a linear (logistic-regression) model
     */
    public LinearClassifier linear() {
        if (!(model instanceof LinearSGDModel linear)) {
            throw new IllegalStateException("only a Tribuo linear SGD model has a linear form, this is a "
                    + model.getClass().getSimpleName());
        }
        return LinearClassifier.fromTribuo(linear, features, classNames);
    }

    @Override
    public String toString() {
        return "TribuoClassifier[" + model.getClass().getSimpleName() + ", " + features + " features, " + classes()
                + " classes]";
    }
}
