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
import org.seedscope.engine.Engine;
import org.seedscope.engine.Mlp;
import org.seedscope.engine.Model;
import org.seedscope.engine.Predictions;

/** The default MLP and schedule on the shipped Fashion-MNIST subset, end to end. */
class FashionMnistTrainingTest {

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

        Path file = dir.resolve("fashion.onnx");
        Engine.exportOnnx(model, file);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
                OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(data.test().x()),
                        new long[] {data.test().size(), 784});
                OrtSession.Result r = session.run(Map.of("x", x))) {
            float[] probs = new float[data.test().size() * 10];
            ((OnnxTensor) r.get("probs").orElseThrow()).getFloatBuffer().get(probs);
            int[] fresh = new Predictions(probs, probs, new float[0], data.test().size(), 10, 0).predictedClasses();
            assertArrayEquals(predictions.predictedClasses(), fresh, "predictions of a fresh ORT session");
        }
    }
}
