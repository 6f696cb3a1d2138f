package org.seedscope.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.data.Dataset;
import org.seedscope.data.Datasets;
import org.seedscope.engine.Cnn;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Mlp;
import org.seedscope.engine.Model;
import org.seedscope.engine.Predictions;

/** The default MLP and schedule on the shipped Fashion-MNIST subset, end to end. */
class FashionMnistTrainingTest {

    /**
     * The only long engine test (about 100 s on one free core): the default cnn with the default
     * schedule at batch 64 (10 epochs, SGD 0.05 with momentum 0.9 and weight decay 5e-4, cosine
     * decay; measured 0.907 test accuracy, against 0.8915 at batch 128), then its ONNX export in a
     * fresh plain session, input {@code [batch, 1, 28, 28]}.
     */
    @Test
    void defaultCnnReaches89PercentWithin10EpochsAndItsOnnxExportAgrees(@TempDir Path dir) throws Exception {
        Dataset data = Datasets.fashionMnist();
        Model model;
        Predictions predictions;
        try (Engine engine = Engine.cpu()) {
            model = new Trainer(engine, TrainingConfig.defaults().withBatchSize(64))
                    .fit(Cnn.DEFAULT.architecture(new int[] {1, 28, 28}, 10), data.train(), 1).model();
            predictions = engine.predict(model, data.test().x(), data.test().size());
        }
        double accuracy = predictions.accuracy(data.test().y());
        assertTrue(accuracy >= 0.89, "test accuracy " + accuracy + " after 10 epochs (seed 1)");
        assertArrayEquals(predictions.predictedClasses(), freshSession(model, dir, new long[] {data.test().size(), 1, 28, 28},
                data.test().x()), "predictions of a fresh ORT session");
    }

    /** @return the classes a plain ONNX Runtime session predicts from the exported file */
    private static int[] freshSession(Model model, Path dir, long[] shape, float[] x) throws Exception {
        Path file = dir.resolve("model.onnx");
        Engine.exportOnnx(model, file);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession session = env.createSession(file.toString(), options);
                OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), shape);
                OrtSession.Result r = session.run(Map.of("x", in))) {
            int n = (int) shape[0];
            int classes = model.architecture().outputs();
            float[] probs = new float[n * classes];
            ((OnnxTensor) r.get("probs").orElseThrow()).getFloatBuffer().get(probs);
            return new Predictions(probs, probs, new float[0], n, classes, 0).predictedClasses();
        }
    }

    @Test
    void defaultMlpReaches84PercentWithin10EpochsAndItsOnnxExportAgrees(@TempDir Path dir) throws Exception {
        Dataset data = Datasets.fashionMnist();
        Model model;
        Predictions predictions;
        try (Engine engine = Engine.cpu()) {
            model = new Trainer(engine, TrainingConfig.defaults()).fit(Mlp.hidden(256).architecture(784, 10),
                    data.train(), 1).model();
            predictions = engine.predict(model, data.test().x(), data.test().size());
        }
        double accuracy = predictions.accuracy(data.test().y());
        assertTrue(accuracy >= 0.84, "test accuracy " + accuracy + " after 10 epochs (seed 1)");

        assertArrayEquals(predictions.predictedClasses(), freshSession(model, dir, new long[] {data.test().size(), 784},
                data.test().x()), "predictions of a fresh ORT session");
    }
}
