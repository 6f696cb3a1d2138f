package org.seedscope.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inference, export and device selection. */
class EngineTest {

    private static float[] randomInputs(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n * d];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        return x;
    }

    @Test
    void inferenceMatchesTheReferenceForwardPass() {
        Architecture arch = new Architecture(6, List.of(5, 4), 3);
        Model model = Model.initialise(arch, 11);
        float[] x = randomInputs(2000, 6, 12); // more than one chunk
        try (Engine engine = Engine.cpu()) {
            Predictions p = engine.predict(model, x, 2000);
            double[] theta = Checks.toDouble(model.parameters().toArray());
            for (int row : new int[] {0, 1023, 1024, 1999}) {
                double[] xr = new double[6];
                for (int i = 0; i < 6; i++) {
                    xr[i] = x[row * 6 + i];
                }
                double[] z = ReferenceNet.logits(arch, theta, new double[0], xr, 1, false);
                double sum = 0;
                for (int c = 0; c < 3; c++) {
                    assertEquals(z[c], p.logits()[row * 3 + c], 1e-5, "logit " + c + " of row " + row);
                    sum += p.probs()[row * 3 + c];
                }
                assertEquals(1.0, sum, 1e-5, "probabilities of row " + row + " sum to 1");
            }
        }
    }

    @Test
    void exportedOnnxFileGivesTheSamePredictionsInAFreshSession(@TempDir Path dir) throws Exception {
        Architecture arch = new Architecture(8, List.of(7), 4);
        Model model = Model.initialise(arch, 5);
        float[] x = randomInputs(50, 8, 6);
        Path file = dir.resolve("model.onnx");
        Engine.exportOnnx(model, file);
        float[] expected;
        try (Engine engine = Engine.cpu()) {
            expected = engine.predict(model, x, 50).logits();
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(file.toString(), new OrtSession.SessionOptions());
                OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {50, 8});
                OrtSession.Result r = s.run(Map.of("x", in))) {
            float[] logits = new float[50 * 4];
            ((OnnxTensor) r.get("logits").orElseThrow()).getFloatBuffer().get(logits);
            assertArrayEquals(expected, logits, 0f);
        }
    }

    @Test
    void exportedImageNetworksTakeNchwInputsAndPredictAsTheEngineInAFreshSession(@TempDir Path dir) throws Exception {
        for (Network net : List.of(new Cnn(4, 6, 8), ResNet.parse("resnet-8"))) {
            Architecture arch = net.architecture(new int[] {3, 10, 9}, 5);
            Model model = Checks.model(arch, 8); // batch norm with non-trivial running statistics
            float[] x = randomInputs(7, arch.inputs(), 9);
            Path file = dir.resolve(net.id() + ".onnx");
            Engine.exportOnnx(model, file);
            Predictions expected;
            try (Engine engine = Engine.cpu()) {
                expected = engine.predict(model, x, 7);
            }
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                    OrtSession s = env.createSession(file.toString(), options);
                    OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {7, 3, 10, 9});
                    OrtSession.Result r = s.run(Map.of("x", in))) {
                long[] shape = ((ai.onnxruntime.TensorInfo) s.getInputInfo().get("x").getInfo()).getShape();
                assertArrayEquals(new long[] {-1, 3, 10, 9}, shape, net + ": input x is [batch, C, H, W]");
                assertEquals(List.of("logits", "penultimate", "probs"),
                        s.getOutputNames().stream().sorted().toList());
                float[] logits = new float[7 * 5];
                ((OnnxTensor) r.get("logits").orElseThrow()).getFloatBuffer().get(logits);
                assertArrayEquals(expected.logits(), logits, 1e-5f, net + ": logits of the exported file");
                int[] fresh = new Predictions(logits, logits, new float[0], 7, 5, 0).predictedClasses();
                assertArrayEquals(expected.predictedClasses(), fresh, net + ": predicted classes");
            }
        }
    }

    @Test
    void missingCudaFallsBackToCpuWithOneLineOnceOrFailsWhenStrict() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream warnings = new PrintStream(err, true, StandardCharsets.UTF_8);
        // device 7: no other test opens it, so this is the process's first fallback for it
        try (Engine engine = Engine.create(EngineOptions.defaults().withDevice("cuda:7"), warnings)) {
            if (engine.device().startsWith("cuda")) {
                return; // a machine with a working CUDA provider: nothing to fall back from
            }
            String line = err.toString(StandardCharsets.UTF_8).strip();
            assertEquals(1, line.lines().count(), line);
            assertTrue(line.contains("cuda:7") && line.contains("using cpu"), line);
            assertEquals("cpu", engine.device());
        }
        try (Engine again = Engine.create(EngineOptions.defaults().withDevice("cuda:7"), warnings)) {
            assertEquals("cpu", again.device());
            assertEquals(1, err.toString(StandardCharsets.UTF_8).strip().lines().count(), "the fallback is said once");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Engine.create(EngineOptions.defaults().withDevice("cuda").withStrict(true)));
        assertTrue(e.getMessage().startsWith("device cuda is not available"), e.getMessage());
    }

    @Test
    void badDeviceAndShapesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> EngineOptions.defaults().withDevice("gpu"));
        Model model = Model.initialise(new Architecture(3, List.of(), 2), 1);
        try (Engine engine = Engine.cpu()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> engine.predict(model, new float[5], 2));
            assertTrue(e.getMessage().contains("expects 2 x 3 = 6 feature values, got 5"), e.getMessage());
        }
    }
}
