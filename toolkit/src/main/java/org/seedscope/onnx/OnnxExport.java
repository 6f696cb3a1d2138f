package org.seedscope.onnx;

import org.seedscope.files.AtomicFiles;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Model;
import org.seedscope.tribuo.LinearClassifier;
import org.seedscope.tribuo.TribuoClassifier;
import org.seedscope.tribuo.TribuoData;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.ONNXExportable;
import org.tribuo.classification.Label;

/**
 * Writes trained SeedScope models as standalone ONNX inference files that any ONNX Runtime (or
 * {@link OnnxClassifier}) can run. Every file takes one float input {@code x} of shape
 * {@code [batch, features]} in SeedScope column order and gives class scores {@code [batch, classes]}
 * in class order:
 * An imported network ({@link OnnxModel}) is written back in the user's own form ({@link #network}).
 * <ul>
 *   <li>{@link #mlp} and {@link #linear}: SeedScope's own graph (opset 17, Gemm/Relu/Softmax), outputs
 *       {@code logits}, {@code probs} and {@code penultimate} ({@link Engine#exportOnnx});</li>
 *   <li>{@link #tribuo}: Tribuo's own export ({@code ONNXExportable.exportONNXModel}, opset 13 as
 *       Tribuo 4.3.2 writes it, with its provenance in the metadata), renamed and remapped to input
 *       {@code x} and a single output {@code probs}.</li>
 * </ul>
 * Files are written atomically (temporary file, then move).
 */
public final class OnnxExport {
    /** Opset of SeedScope's own graphs ({@link #mlp}, {@link #linear}). */
    public static final int OPSET = 17;
    /** Opset Tribuo 4.3.2 writes ({@link #tribuo}). */
    public static final int TRIBUO_OPSET = 13;
    /** ONNX domain recorded in Tribuo exports. */
    static final String DOMAIN = "org.seedscope";

    private OnnxExport() {}

    /**
     * Exports an MLP (outputs {@code logits}, {@code probs}, {@code penultimate}; float32 as the engine
     * computes), exactly as {@link #network}.
     *
     * @param model the trained model
     * @param file destination
     */
    public static void mlp(Model model, Path file) {
        network(model, file);
    }

    /**
     * Exports any engine network ({@link Engine#exportOnnx}). A built-in one gets SeedScope's graph
     * (input {@code x}, outputs {@code logits}, {@code probs}, {@code penultimate}); an imported one
     * ({@link OnnxModel}), e.g. after unlearning, gets the user's own graph back with the model's
     * parameters and running statistics: the same nodes, input and output names, opset and
     * metadata, so the user's ONNX Runtime (or PyTorch-side) code runs it unchanged. Re-importing
     * the file gives bit-identical parameters and predictions.
     *
     * @param model the model
     * @param file destination; written atomically
     */
    public static void network(Model model, Path file) {
        Engine.exportOnnx(model, file);
    }

    /**
     * Exports a linear classifier as the engine's one-layer graph: {@code logits = x W + b},
     * {@code probs = softmax(logits)}, {@code penultimate = x}; parameters rounded to float32, so
     * outputs agree with {@link LinearClassifier#predict} to float rounding (about 1e-6 relative).
     *
     * @param model the classifier
     * @param file destination
     */
    public static void linear(LinearClassifier model, Path file) {
        Engine.exportOnnx(model.toModel(Map.of("family", "tribuo-lr")), file);
    }

    /**
     * Exports a Tribuo model through Tribuo's own ONNX writer, then adapts it to SeedScope's order:
     * the input is renamed {@code x}, and the probabilities (Tribuo's output, one column per Tribuo
     * label id) are multiplied by a 0/1 matrix that moves each label to its class's column (a class
     * the model never saw gets probability 0); the product is exact in float. Tribuo's feature ids
     * follow SeedScope's column order because of {@link TribuoData}'s zero-padded feature names; a
     * model whose feature map does not (trained on other data) is rejected.
     *
     * @param classifier the trained classifier; its model must be {@link ONNXExportable}
     * @param file destination
     */
    public static void tribuo(TribuoClassifier classifier, Path file) {
        if (!(classifier.model() instanceof ONNXExportable exportable)) {
            throw new IllegalArgumentException("Tribuo model " + classifier.model().getClass().getSimpleName()
                    + " cannot be exported to ONNX (it does not implement ONNXExportable)");
        }
        int d = classifier.features();
        var featureIds = classifier.model().getFeatureIDMap();
        for (int j = 0; j < d; j++) {
            String name = TribuoData.featureName(j, d);
            if (featureIds.getID(name) != j) {
                throw new IllegalArgumentException("Tribuo model's feature '" + name + "' has id "
                        + featureIds.getID(name) + ", not column " + j + "; train it on TribuoData.toDataset data");
            }
        }
        if (featureIds.size() != d) {
            throw new IllegalArgumentException("Tribuo model knows " + featureIds.size() + " features, expected " + d);
        }
        ModelProto tribuo = exportable.exportONNXModel(DOMAIN, 1);
        write(remap(tribuo, classifier.model().getOutputIDInfo(), classifier.classNames()), file);
    }

    /** Renames Tribuo's single input to {@code x} and maps its single output through a label-to-class matrix. */
    static ModelProto remap(ModelProto tribuo, ImmutableOutputInfo<Label> labels, List<String> classNames) {
        GraphProto g = tribuo.getGraph();
        String in = g.getInput(0).getName();
        String out = g.getOutput(0).getName();
        GraphProto.Builder b = g.toBuilder().clearNode().clearOutput();
        b.setInput(0, g.getInput(0).toBuilder().setName("x"));
        for (NodeProto n : g.getNodeList()) {
            NodeProto.Builder nb = n.toBuilder();
            for (int i = 0; i < nb.getInputCount(); i++) {
                if (nb.getInput(i).equals(in)) {
                    nb.setInput(i, "x");
                }
            }
            b.addNode(nb);
        }
        int l = labels.size();
        int k = classNames.size();
        TensorProto.Builder map = TensorProto.newBuilder().setName("seedscope_label_to_class")
                .setDataType(TensorProto.DataType.FLOAT_VALUE).addDims(l).addDims(k);
        float[] m = new float[l * k];
        for (int c = 0; c < k; c++) {
            int id = labels.getID(new Label(classNames.get(c)));
            if (id >= 0) {
                m[id * k + c] = 1f;
            }
        }
        for (float v : m) {
            map.addFloatData(v);
        }
        b.addInitializer(map);
        b.addNode(NodeProto.newBuilder().setOpType("MatMul").setName("seedscope_to_classes").addInput(out)
                .addInput("seedscope_label_to_class").addOutput("probs"));
        ValueInfoProto old = g.getOutput(0);
        var shape = old.getType().getTensorType().getShape().toBuilder();
        shape.setDim(1, shape.getDim(1).toBuilder().setDimValue(k));
        ValueInfoProto.Builder probs = old.toBuilder().setName("probs");
        probs.getTypeBuilder().getTensorTypeBuilder().setShape(shape);
        b.addOutput(probs);
        return tribuo.toBuilder().setGraph(b).build();
    }

    /** Writes the model atomically. */
    static void write(ModelProto model, Path file) {
        AtomicFiles.write(file, model.toByteArray());
    }
}
