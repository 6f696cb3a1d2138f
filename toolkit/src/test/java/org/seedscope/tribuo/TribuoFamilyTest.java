package org.seedscope.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.labs.mlrg.olcut.util.Pair;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seedscope.data.Examples;
import org.seedscope.engine.Predictions;
import org.tribuo.Model;
import org.tribuo.Dataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.la.Matrix;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.optimisers.AdaGrad;

class TribuoFamilyTest {
    static final long SEED = 11L;
    static DigitsFixture digits;
    static TribuoClassifier lr;

    @BeforeAll
    static void train() {
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
        digits = new DigitsFixture();
        lr = LogisticRegression.withDefaults().fit(digits.train, SEED);
    }

    @Test
    void familyLogisticRegressionMatchesTribuoTrainedDirectly() {
        // Tribuo's LogisticRegressionTrainer settings (LogMulticlass, AdaGrad(1.0, 0.1), 5 epochs,
        // minibatch 1) with the seed given explicitly.
        Dataset<Label> data = TribuoData.toDataset(digits.train);
        Model<Label> direct = new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(1.0, 0.1), 5, 1, SEED)
                .train(data);
        assertEquals(((LinearSGDModel) direct).getWeightsCopy(), ((LinearSGDModel) lr.model()).getWeightsCopy(),
                "weights, seed " + SEED);
        List<Prediction<Label>> expected = direct.predict(TribuoData.toDataset(digits.test));
        List<Prediction<Label>> actual = lr.model().predict(TribuoData.toDataset(digits.test));
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).getOutputScores().toString(), actual.get(i).getOutputScores().toString(),
                    "probabilities of test row " + i);
        }
        assertTrue(lr.predict(digits.test).accuracy(digits.test.y()) > 0.85, "digits test accuracy, seed " + SEED);
    }

    @Test
    void everyFitUsesAFreshTrainerSoTheSameSeedGivesTheSameModel() {
        TribuoClassifier again = LogisticRegression.withDefaults().fit(digits.train, SEED);
        assertEquals(lr.linear(), again.linear(), "same seed " + SEED);
        TribuoClassifier other = LogisticRegression.withDefaults().fit(digits.train, SEED + 1);
        assertFalse(lr.linear().equals(other.linear()), "seeds " + SEED + " and " + (SEED + 1));
        // Tribuo's own pitfall that fresh trainers avoid: a reused trainer's second fit differs.
        LinearSGDTrainer reused = LogisticRegression.withDefaults().trainer(SEED);
        Dataset<Label> data = TribuoData.toDataset(digits.train);
        LinearSGDModel first = reused.train(data);
        LinearSGDModel second = reused.train(data);
        assertEquals(first.getWeightsCopy(), ((LinearSGDModel) lr.model()).getWeightsCopy(), "first fit, seed " + SEED);
        assertNotEquals(first.getWeightsCopy(), second.getWeightsCopy(), "second fit of one trainer, seed " + SEED);
    }

    @Test
    void linearFormPredictsWhatTheTribuoModelPredicts() {
        Predictions tribuo = lr.predict(digits.test);
        Predictions linear = lr.linear().predict(digits.test);
        assertArrayEquals(tribuo.predictedClasses(), linear.predictedClasses());
        assertArrayEquals(tribuo.probs(), linear.probs(), 1e-6f, "double sums in another order, stored as float");
    }

    @Test
    void datasetConversionRoundTripsAndKeepsColumnOrder() {
        List<String> names = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
        Dataset<Label> data = TribuoData.toDataset(digits.test, names);
        assertEquals(digits.test.withShape(64), TribuoData.toExamples(data, 64, names), "Tribuo rows are flat");
        for (int j = 0; j < 64; j++) {
            assertEquals(j, data.getFeatureIDMap().getID(TribuoData.featureName(j, 64)), "feature id of column " + j);
        }
        assertEquals("f07", TribuoData.featureName(7, 64));
        assertEquals("f7", TribuoData.featureName(7, 10));
        assertThrows(IllegalArgumentException.class, () -> TribuoData.toDataset(digits.test, names.subList(0, 9)));
    }

    @Test
    void factorizationMachineTrainsDeterministicallyFromItsSeed() {
        Examples small = digits.train.select(DigitsFixture.range(400));
        FactorizationMachine fm = FactorizationMachine.withDefaults().withEpochs(3);
        Predictions a = fm.fit(small, SEED).predict(digits.test);
        Predictions b = fm.fit(small, SEED).predict(digits.test);
        assertArrayEquals(a.probs(), b.probs(), "same seed " + SEED);
        assertTrue(a.accuracy(digits.test.y()) > 0.7, "FM test accuracy " + a.accuracy(digits.test.y()));
    }

    @Test
    void closedFormGradientAndHessianMatchFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(3);
        Examples data = digits.train.select(DigitsFixture.range(30));
        double[] theta = new double[65 * 10];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = random.nextDouble(-0.5, 0.5);
        }
        LinearClassifier model = new LinearClassifier(64, 10, theta);
        double l2 = 0.01;
        double[] g = LogisticObjective.gradient(model, data, l2);
        double[] v = new double[theta.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextDouble(-1, 1);
        }
        double[] hv = LogisticObjective.hessianVector(model, data, l2, v);
        double h = 1e-5;
        for (int k : new int[] {0, 7, 123, 640, 649}) {
            double up = LogisticObjective.loss(shift(model, k, h), data, l2);
            double down = LogisticObjective.loss(shift(model, k, -h), data, l2);
            assertEquals((up - down) / (2 * h), g[k], 1e-7, "central difference of the loss, parameter " + k);
        }
        double[] up = LogisticObjective.gradient(LogisticObjective.step(model, v, h), data, l2);
        double[] down = LogisticObjective.gradient(LogisticObjective.step(model, v, -h), data, l2);
        for (int k = 0; k < v.length; k++) {
            assertEquals((up[k] - down[k]) / (2 * h), hv[k], 1e-6, "directional difference of the gradient, " + k);
        }
    }

    @Test
    void closedFormExampleGradientMatchesTribuosGradients() {
        // Tribuo's own per-example gradient: LogMulticlass gives (onehot - p) for the scores and
        // LinearParameters.gradients the outer product with the features (bias last): the negative
        // of d CE / d theta, in Tribuo's label and feature ids.
        LinearSGDModel model = (LinearSGDModel) lr.model();
        LinearParameters parameters = (LinearParameters) model.getModelParameters();
        LinearClassifier linear = lr.linear();
        Dataset<Label> data = TribuoData.toDataset(digits.test);
        double[] delta = new double[10];
        for (int i : new int[] {0, 17, 200}) {
            SparseVector x = SparseVector.createSparseVector(data.getExample(i), model.getFeatureIDMap(), true);
            int target = model.getOutputIDInfo().getID(data.getExample(i).getOutput());
            Pair<Double, SGDVector> score = new LogMulticlass().lossAndGradient(target, parameters.predict(x));
            Matrix tribuo = (Matrix) parameters.gradients(score, x)[0];
            LogisticObjective.exampleDelta(linear, digits.test, i, delta);
            for (int c = 0; c < 10; c++) {
                int row = model.getOutputIDInfo().getID(new Label(String.valueOf(c)));
                assertEquals(-delta[c], tribuo.get(row, 64), 1e-12, "bias gradient, row " + i + " class " + c);
                for (int j = 0; j < 64; j++) {
                    double expected = -delta[c] * digits.test.x()[i * 64 + j];
                    assertEquals(expected, tribuo.get(row, model.getFeatureIDMap().getID(TribuoData.featureName(j, 64))),
                            1e-12, "weight gradient, row " + i + " class " + c + " feature " + j);
                }
            }
        }
    }

    private static LinearClassifier shift(LinearClassifier m, int k, double h) {
        double[] p = m.parameters().clone();
        p[k] += h;
        return new LinearClassifier(m.features(), m.classes(), p);
    }
}
