package org.seedscope.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.seedscope.tribuo.TribuoData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.data.Datasets;
import org.seedscope.data.Examples;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Model;
import org.seedscope.engine.Predictions;
import org.seedscope.metrics.Distributions;
import org.seedscope.metrics.MembershipInference;
import org.seedscope.tribuo.FactorizationMachine;
import org.seedscope.tribuo.LinearClassifier;
import org.seedscope.tribuo.LogisticRegression;
import org.seedscope.tribuo.TribuoClassifier;

class OnnxRoundTripTest {
    static final long SEED = 4L;
    static Engine engine;
    static Examples train;
    static Examples test;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
        engine = Engine.cpu();
        var digits = Datasets.digits();
        train = digits.train().select(java.util.stream.IntStream.range(0, 500).toArray());
        test = digits.test();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void exportedMlpImportsWithIdenticalPredictions() {
        Model mlp = Model.initialise(new Architecture(64, List.of(32), 10), SEED);
        Path file = dir.resolve("mlp.onnx");
        OnnxExport.mlp(mlp, file);
        Predictions expected = engine.predict(mlp, test.x(), test.size());
        try (OnnxClassifier imported = OnnxClassifier.open(file, 64, 10)) {
            assertEquals("x", imported.inputName());
            assertEquals("logits", imported.logitsOutput());
            assertEquals("probs", imported.probabilitiesOutput());
            Predictions actual = imported.predict(test);
            assertArrayEquals(expected.predictedClasses(), actual.predictedClasses());
            assertArrayEquals(expected.logits(), actual.logits(), "bit-identical: the same graph and kernels, parameters as initializers");
            assertArrayEquals(expected.probs(), actual.probs());
            assertEquals(32, actual.width());
            assertArrayEquals(expected.penultimate(), actual.penultimate());
            assertEquals(expected.accuracy(test.y()), actual.accuracy(test.y()));
        }
    }

    @Test
    void exportedLinearClassifierImportsWithIdenticalPredictions() {
        LinearClassifier linear = LogisticRegression.withDefaults().fit(train, SEED).linear();
        Path file = dir.resolve("linear.onnx");
        OnnxExport.linear(linear, file);
        Predictions expected = engine.predict(linear.toModel(Map.of()), test.x(), test.size());
        try (OnnxClassifier imported = OnnxClassifier.open(file, 64, 10)) {
            Predictions actual = imported.predict(test);
            assertArrayEquals(expected.predictedClasses(), actual.predictedClasses());
            assertArrayEquals(expected.probs(), actual.probs());
            Predictions inDouble = linear.predict(test);
            assertArrayEquals(inDouble.predictedClasses(), actual.predictedClasses());
            assertArrayEquals(inDouble.probs(), actual.probs(), 1e-5f, "float32 parameters vs double");
        }
    }

    @Test
    void tribuoExportsMapLabelsToClassOrderAndRunTheMetrics() {
        // Names that Tribuo sorts differently from class order, so the label-to-class map matters.
        List<String> names = List.of("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
        for (TribuoClassifier model : List.of(LogisticRegression.withDefaults().fit(train, names, SEED),
                FactorizationMachine.withDefaults().withEpochs(2).fit(train, names, SEED))) {
            Path file = dir.resolve(model.model().getClass().getSimpleName() + ".onnx");
            OnnxExport.tribuo(model, file);
            Predictions expected = model.predict(test);
            try (OnnxClassifier imported = OnnxClassifier.open(file, 64, 10)) {
                assertEquals("x", imported.inputName());
                assertEquals("probs", imported.probabilitiesOutput());
                assertNull(imported.logitsOutput());
                Predictions actual = imported.predict(test);
                assertArrayEquals(expected.predictedClasses(), actual.predictedClasses(), model.toString());
                assertArrayEquals(expected.probs(), actual.probs(), 1e-5f, "Tribuo computes in double, ONNX in float");
                assertEquals(expected.accuracy(test.y()), actual.accuracy(test.y()), model.toString());
                double mia = MembershipInference.entropyAttack(Distributions.entropies(imported.predict(train)),
                        Distributions.entropies(actual), Distributions.entropies(actual), MembershipInference.Balancing.SUBSAMPLE, SEED);
                assertTrue(mia >= 0 && mia <= 1, "entropy MIA on an imported model: " + mia);
            }
        }
    }

    @Test
    void aTribuoModelMissingAClassExportsProbabilityZeroForIt() {
        // a model trained by Tribuo elsewhere, whose label domain lacks class 3 (SeedScope's own fits
        // always carry every class)
        int[] withoutThree = java.util.stream.IntStream.range(0, train.size()).filter(i -> train.y()[i] != 3).toArray();
        Examples rows = train.select(withoutThree);
        List<String> names = TribuoData.defaultClassNames(10);
        org.tribuo.MutableDataset<org.tribuo.classification.Label> lacking = new org.tribuo.MutableDataset<>(
                new org.tribuo.provenance.SimpleDataSourceProvenance("test", new org.tribuo.classification.LabelFactory()),
                new org.tribuo.classification.LabelFactory());
        TribuoData.toDataset(rows, names).forEach(lacking::add);
        TribuoClassifier model = new TribuoClassifier(LogisticRegression.withDefaults().trainer(SEED).train(lacking), 64,
                names);
        Path file = dir.resolve("no-three.onnx");
        OnnxExport.tribuo(model, file);
        try (OnnxClassifier imported = OnnxClassifier.open(file, 64, 10)) {
            Predictions actual = imported.predict(test);
            for (int i = 0; i < actual.size(); i++) {
                assertEquals(0f, actual.probs()[i * 10 + 3], "row " + i);
            }
            assertArrayEquals(model.predict(test).predictedClasses(), actual.predictedClasses());
        }
    }
}
