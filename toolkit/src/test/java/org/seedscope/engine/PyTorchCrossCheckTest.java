package org.seedscope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seedscope.data.Examples;
import org.seedscope.train.Losses;

/**
 * An imported PyTorch CNN (Conv, BatchNorm, ReLU, MaxPool, a residual Add, a stride-2 Conv, global
 * average pooling, Flatten, Linear) against PyTorch autograd, the real peer: logits, loss and every
 * parameter gradient of the mean cross-entropy on a fixed batch, in evaluation mode (running
 * statistics, {@link Engine#gradients}) and training mode (batch statistics, the {@link Learner}),
 * plus the running statistics a training step leaves. The reference was computed in float64 by
 * PyTorch 1.13 (Debian python3-torch) from the file's float32 weights; regenerate the fixture
 * with {@code /usr/bin/python3 toolkit/src/test/python/onnx_fixtures.py}. Tolerance: 1e-4 relative
 * to the largest reference magnitude of each tensor.
 */
class PyTorchCrossCheckTest {
    static final String DIR = "/org/seedscope/onnx/";
    private static final double TOLERANCE = 1e-4;
    private static Engine engine;
    private static JsonNode reference;
    private static Model model;
    private static Examples batch;

    @BeforeAll
    static void load() throws IOException {
        engine = Engine.cpu();
        try (InputStream json = PyTorchCrossCheckTest.class.getResourceAsStream(DIR + "gradcheck-cnn.json");
                InputStream onnx = PyTorchCrossCheckTest.class.getResourceAsStream(DIR + "gradcheck-cnn.onnx")) {
            reference = new ObjectMapper().readTree(json);
            ModelProto file = ModelProto.parseFrom(onnx);
            ImportedGraph graph = ImportedGraph.of("gradcheck-cnn.onnx", file, Set.of());
            ImportedGraph.Values v = graph.values(file);
            model = new Model(new Architecture(graph), v.parameters(), v.state(), java.util.Map.of());
        }
        float[] x = floats(reference.get("x"));
        int[] y = new int[reference.get("y").size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = reference.get("y").get(i).asInt();
        }
        batch = new Examples(x, y, x.length / y.length, 4).withShape(1, 12, 12);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void theImportedGraphHasPyTorchsParametersStateAndLayers() {
        Architecture arch = model.architecture();
        List<String> names = arch.parameterTensors().stream().map(Architecture.Tensor::name).toList();
        List<String> expected = new java.util.ArrayList<>();
        reference.get("eval").get("grads").fieldNames().forEachRemaining(expected::add);
        assertEquals(expected, names, "parameters in PyTorch's named_parameters() order");
        assertEquals(List.of("bn1.running_mean", "bn1.running_var", "bn2.running_mean", "bn2.running_var"),
                arch.stateTensors().stream().map(Architecture.Tensor::name).toList());
        assertEquals(List.of("conv1", "bn1", "conv2", "bn2", "conv3", "fc"),
                arch.parameterLayers().stream().map(Architecture.LayerRange::layer).toList());
        assertEquals(List.of(1, 12, 12), arch.inputShape());
        assertEquals(4, arch.outputs());
        assertEquals(16, arch.penultimateWidth(), "the Linear layer reads the 16 pooled channels");
        assertEquals("onnx gradcheck-cnn.onnx 1x12x12->4", arch.toString());
    }

    @Test
    void evaluationModeLogitsAndGradientsEqualPyTorchAutograd() {
        JsonNode ref = reference.get("eval");
        int n = batch.size();
        Predictions p = engine.predict(model, batch.x(), n);
        assertClose("logits", doubles(ref.get("logits")), p.logits());
        float[] dLogits = new float[p.logits().length];
        double loss = Losses.crossEntropy(batch.y()).evaluate(java.util.stream.IntStream.range(0, n).toArray(),
                p.logits(), dLogits);
        assertEquals(ref.get("loss").asDouble(), loss, TOLERANCE * Math.abs(ref.get("loss").asDouble()));
        Gradients g = engine.gradients(model, batch.x(), n, dLogits, GradientRequest.PARAMETERS);
        assertGradients(ref.get("grads"), g.parameters());
    }

    @Test
    void trainingModeGradientsAndRunningStatisticsEqualPyTorchAutograd() {
        JsonNode ref = reference.get("train");
        Model m = model.copy();
        try (Learner learner = engine.learner(m, new OptimizerSpec.Sgd(0.1, 0, 0))) {
            double loss = learner.backpropagate(batch, java.util.stream.IntStream.range(0, batch.size()).toArray(),
                    Losses.crossEntropy(batch.y()));
            assertEquals(ref.get("loss").asDouble(), loss, TOLERANCE * Math.abs(ref.get("loss").asDouble()));
            assertGradients(ref.get("grads"), learner.gradient().toArray());
            float[] state = learner.nextState().toArray();
            for (Architecture.Tensor t : m.architecture().stateTensors()) {
                assertClose(t.name(), doubles(ref.get("running").get(t.name())),
                        java.util.Arrays.copyOfRange(state, t.offset(), t.end()));
            }
        }
    }

    /**
     * Every tensor within TOLERANCE of its largest reference value; a tensor whose gradient is zero
     * in exact arithmetic (in training mode, a convolution bias that a batch-statistics BatchNorm
     * subtracts again: PyTorch's float64 gives ~1e-17) within TOLERANCE of the network's largest
     * gradient instead.
     */
    private static void assertGradients(JsonNode grads, float[] all) {
        double network = 0;
        int nonZero = 0;
        for (Architecture.Tensor t : model.architecture().parameterTensors()) {
            double m = maxAbs(doubles(grads.get(t.name())));
            network = Math.max(network, m);
            nonZero += m > 1e-12 ? 1 : 0;
        }
        assertTrue(nonZero >= model.architecture().parameterTensors().size() - 1, "at most one zero tensor expected");
        for (Architecture.Tensor t : model.architecture().parameterTensors()) {
            double[] expected = doubles(grads.get(t.name()));
            float[] actual = java.util.Arrays.copyOfRange(all, t.offset(), t.end());
            double own = maxAbs(expected);
            assertClose(t.name() + " gradient", expected, actual, own > 1e-12 ? own : network);
        }
    }

    private static void assertClose(String what, double[] expected, float[] actual) {
        double scale = maxAbs(expected);
        assertTrue(scale > 0, what + ": the reference is all zeros, which checks nothing");
        assertClose(what, expected, actual, scale);
    }

    /** Max |actual - expected| at most TOLERANCE times {@code scale}. */
    private static void assertClose(String what, double[] expected, float[] actual, double scale) {
        assertEquals(expected.length, actual.length, what + ": size");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        assertTrue(worst <= TOLERANCE * scale, what + ": max error " + worst + " against scale " + scale);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }

    private static double[] doubles(JsonNode a) {
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asDouble();
        }
        return d;
    }

    private static float[] floats(JsonNode a) {
        float[] f = new float[a.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) a.get(i).asDouble();
        }
        return f;
    }
}
