package org.seedscope.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.data.Examples;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Learner;
import org.seedscope.engine.Model;
import org.seedscope.engine.ModelFiles;
import org.seedscope.engine.OptimizerSpec;
import org.seedscope.engine.Predictions;
import org.seedscope.train.Losses;

/**
 * Importing, training, exporting and re-importing a user's network: bit-identical round trips,
 * files that plain ONNX Runtime runs with the user's names, PyTorch's default initialisation per
 * layer type, frozen initializers, and PyTorch's Identity-copied BatchNorm tensors.
 */
class OnnxModelTest {
    private static final long SEED = 11;
    private static Engine engine;
    private static Examples data;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        engine = Engine.cpu();
        SplittableRandom r = new SplittableRandom(SEED);
        int n = 32;
        float[] x = new float[n * 144];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(4);
        }
        data = new Examples(x, y, 144, 4).withShape(1, 12, 12);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    private Path fixture(String name) {
        try {
            Files.copy(OnnxModelTest.class.getResourceAsStream("/org/seedscope/onnx/" + name), dir.resolve(name));
            return dir.resolve(name);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A few SGD steps in training mode, so parameters and running statistics leave the file's values. */
    private static Model trained(Model m) {
        try (Learner learner = engine.learner(m, new OptimizerSpec.Sgd(0.1, 0.9, 0))) {
            for (int step = 0; step < 4; step++) {
                int[] rows = java.util.stream.IntStream.range(step * 8, step * 8 + 8).toArray();
                learner.step(data, rows, Losses.crossEntropy(data.y()), 0.1);
            }
        }
        return m;
    }

    @Test
    void importingExportingAndReimportingLeavesPredictionsBitIdentical() {
        OnnxModel net = OnnxModel.open(fixture("gradcheck-cnn.onnx"));
        Model before = net.model();
        Model m = trained(net.model());
        assertNotEquals(before.parameters().sha256(), m.parameters().sha256());
        assertNotEquals(before.state().sha256(), m.state().sha256());
        Path out = dir.resolve("unlearned.onnx");
        OnnxExport.network(m, out);
        OnnxModel again = OnnxModel.open(out);
        assertEquals(net.architecture(), again.architecture(), "the same graph");
        Model reimported = again.model();
        assertTrue(reimported.parameters().bitEquals(m.parameters()));
        assertTrue(reimported.state().bitEquals(m.state()));
        Predictions p = engine.predict(m, data.x(), data.size());
        Predictions q = engine.predict(reimported, data.x(), data.size());
        assertArrayEquals(p.logits(), q.logits());
        assertArrayEquals(p.probs(), q.probs());
        assertArrayEquals(p.penultimate(), q.penultimate());
        Path twice = dir.resolve("twice.onnx");
        OnnxExport.network(reimported, twice);
        assertEquals(again.file().sha256(), OnnxModel.open(twice).file().sha256(), "exporting is a fixed point");
    }

    @Test
    void theExportedFileRunsInPlainOnnxRuntimeWithTheUsersNames() throws IOException, OrtException {
        Path in = fixture("gradcheck-cnn.onnx");
        Model m = trained(OnnxModel.open(in).model());
        Path out = dir.resolve("unlearned.onnx");
        OnnxExport.network(m, out);
        ModelProto user = ModelProto.parseFrom(Files.readAllBytes(in));
        ModelProto exported = ModelProto.parseFrom(Files.readAllBytes(out));
        assertEquals(user.getOpsetImportList(), exported.getOpsetImportList());
        assertEquals(user.getGraph().getNodeList(), exported.getGraph().getNodeList());
        assertEquals(user.getGraph().getInputList(), exported.getGraph().getInputList());
        assertEquals(user.getGraph().getOutputList(), exported.getGraph().getOutputList());
        Predictions ours = engine.predict(m, data.x(), data.size());
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(out.toString(), new OrtSession.SessionOptions());
                OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(data.x()), new long[] {data.size(), 1, 12, 12});
                OrtSession.Result r = s.run(Map.of("image", x))) {
            assertEquals(List.of("scores"), List.copyOf(s.getOutputNames()));
            float[][] scores = (float[][]) r.get("scores").orElseThrow().getValue();
            double worst = 0;
            double scale = 0;
            for (int i = 0; i < scores.length; i++) {
                for (int c = 0; c < 4; c++) {
                    worst = Math.max(worst, Math.abs(scores[i][c] - ours.logits()[i * 4 + c]));
                    scale = Math.max(scale, Math.abs(ours.logits()[i * 4 + c]));
                }
            }
            assertTrue(worst <= 1e-5 * scale, "ONNX Runtime's own optimised session agrees to float rounding: " + worst);
        }
    }

    @Test
    void retrainingStartsFromPyTorchsDefaultInitialisationPerLayerType() {
        Architecture arch = OnnxModel.open(fixture("gradcheck-cnn.onnx")).architecture();
        Model init = Model.initialise(arch, SEED);
        float[] p = init.parameters().toArray();
        Map<String, Double> bounds = Map.of("conv1.weight", 1 / 3.0, "conv1.bias", 1 / 3.0, "conv2.weight",
                1 / Math.sqrt(72), "conv3.weight", 1 / Math.sqrt(72), "conv3.bias", 1 / Math.sqrt(72), "fc.weight", 0.25,
                "fc.bias", 0.25);
        for (Architecture.Tensor t : arch.parameterTensors()) {
            double max = 0;
            double min = Double.MAX_VALUE;
            for (int i = t.offset(); i < t.end(); i++) {
                max = Math.max(max, Math.abs(p[i]));
                min = Math.min(min, p[i]);
            }
            if (t.name().startsWith("bn")) {
                float fill = t.name().endsWith("weight") ? 1f : 0f;
                assertEquals(fill, min, t.name());
                assertEquals(Math.abs(fill), max, t.name());
            } else {
                double bound = bounds.get(t.name());
                assertTrue(max < bound && max > (t.size() >= 64 ? 0.9 : 0.3) * bound,
                        t.name() + ": uniform(+-" + bound + "), max |w| " + max);
            }
        }
        float[] s = init.state().toArray();
        for (Architecture.Tensor t : arch.stateTensors()) {
            for (int i = t.offset(); i < t.end(); i++) {
                assertEquals(t.name().endsWith("running_var") ? 1f : 0f, s[i], t.name());
            }
        }
        assertTrue(Model.initialise(arch, SEED).parameters().bitEquals(init.parameters()), "seeded");
        assertNotEquals(init.parameters().sha256(), Model.initialise(arch, SEED + 1).parameters().sha256());
    }

    @Test
    void frozenInitializersStayConstantThroughInitialisationAndTraining() throws IOException {
        Path in = fixture("gradcheck-cnn.onnx");
        OnnxModel all = OnnxModel.open(in);
        OnnxModel frozen = all.withFrozen("conv1.weight", "conv1.bias");
        assertEquals(all.architecture().parameterCount() - 80, frozen.architecture().parameterCount());
        assertTrue(frozen.architecture().parameterTensors().stream().noneMatch(t -> t.name().startsWith("conv1")));
        Model m = trained(Model.initialise(frozen.architecture(), SEED));
        Path out = dir.resolve("frozen.onnx");
        OnnxExport.network(m, out);
        ModelProto user = ModelProto.parseFrom(Files.readAllBytes(in));
        ModelProto exported = ModelProto.parseFrom(Files.readAllBytes(out));
        for (String name : List.of("conv1.weight", "conv1.bias", "conv2.weight")) {
            boolean same = user.getGraph().getInitializerList().stream().filter(t -> t.getName().equals(name))
                    .findFirst().orElseThrow().getRawData().equals(exported.getGraph().getInitializerList().stream()
                            .filter(t -> t.getName().equals(name)).findFirst().orElseThrow().getRawData());
            assertEquals(name.startsWith("conv1"), same, name + " keeps the file's values exactly when frozen");
        }
    }

    @Test
    void pyTorchsIdentityCopiesOfEqualTensorsBecomeParametersOfTheirOwn() {
        OnnxModel fresh = OnnxModel.open(fixture("fresh-cnn.onnx"));
        Architecture arch = fresh.architecture();
        assertEquals(OnnxModel.open(fixture("gradcheck-cnn.onnx")).architecture().parameterTensors(),
                arch.parameterTensors(), "the same parameters as the network exported with distinct values");
        assertEquals(List.of("bn1.running_mean", "bn1.running_var", "bn2.running_mean", "bn2.running_var"),
                arch.stateTensors().stream().map(Architecture.Tensor::name).toList());
        assertTrue(fresh.graph().structure().getGraph().getNodeList().stream().map(NodeProto::getOpType)
                .noneMatch("Identity"::equals));
        Model m = trained(fresh.model());
        float[] p = m.parameters().toArray();
        float[] s = m.state().toArray();
        Architecture.Tensor gamma = arch.parameterTensors().stream().filter(t -> t.name().equals("bn1.weight"))
                .findFirst().orElseThrow();
        Architecture.Tensor var = arch.stateTensors().stream().filter(t -> t.name().equals("bn1.running_var"))
                .findFirst().orElseThrow();
        assertNotEquals(p[gamma.offset()], s[var.offset()], "gamma and the running variance, once one tensor, now "
                + "move apart");
    }

    @Test
    void anImportedModelSavesAndLoadsAsTheModelCacheNeeds() {
        Model m = trained(OnnxModel.open(fixture("gradcheck-cnn.onnx")).model());
        Path folder = dir.resolve("saved");
        ModelFiles.save(m, folder);
        Model loaded = ModelFiles.load(folder);
        assertEquals(m.architecture(), loaded.architecture());
        assertEquals(m.architecture().toString(), loaded.architecture().toString());
        assertTrue(loaded.parameters().bitEquals(m.parameters()));
        assertTrue(loaded.state().bitEquals(m.state()));
        assertArrayEquals(engine.predict(m, data.x(), data.size()).logits(),
                engine.predict(loaded, data.x(), data.size()).logits());
    }
}
