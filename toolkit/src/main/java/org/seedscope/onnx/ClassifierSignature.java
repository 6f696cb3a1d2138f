package org.seedscope.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link OnnxClassifier} reads from a file: its one input and the example shape it takes, its
 * fixed batch size if any, and the outputs it reads as logits, probabilities and penultimate
 * activations (see that class's comment for the rules).
 *
 * @param input the input's name
 * @param exampleShape one example's shape after the batch dimension, symbolic dimensions filled
 * @param fixedBatch the input's fixed batch size, or -1 when symbolic
 * @param logits the output read as logits, or null
 * @param probabilities the output read as probabilities, or null
 * @param penultimate the output read as penultimate activations, or null
 */
record ClassifierSignature(String input, long[] exampleShape, long fixedBatch, String logits, String probabilities,
        String penultimate) {
    private static final Set<String> PROBABILITY_NAMES = Set.of("probs", "probabilities");

    /**
     * Reads and checks a session's input and outputs against the data's example shape and classes.
     *
     * @throws IllegalArgumentException naming the file and the problem when they do not fit
     */
    static ClassifierSignature read(Path file, ModelProto proto, OrtSession session, int[] example, int classes)
            throws OrtException {
        String expected = expectedInput(example);
        Map<String, NodeInfo> inputs = session.getInputInfo();
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("ONNX file " + file + " has " + inputs.size() + " inputs "
                    + inputs.keySet() + "; a classifier must have exactly one float input " + expected);
        }
        NodeInfo in = inputs.values().iterator().next();
        if (!(in.getInfo() instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT) {
            throw new IllegalArgumentException("ONNX file " + file + " input '" + in.getName() + "' is "
                    + describe(in) + "; expected a float tensor " + expected);
        }
        long[] shape = t.getShape();
        if (shape.length != example.length + 1) {
            throw new IllegalArgumentException("ONNX file " + file + " input '" + in.getName() + "' has shape "
                    + Arrays.toString(shape) + "; expected " + expected + (example.length == 1
                            ? " (one row of " + example[0] + " features per example); for an image model open it "
                                    + "with the data's example shape"
                            : " (one example of shape " + Arrays.toString(example) + " per row)"));
        }
        if (example.length == 1 && shape[1] != example[0]) {
            throw new IllegalArgumentException("ONNX file " + file + " input '" + in.getName() + "' has shape "
                    + Arrays.toString(shape) + ": it takes " + (shape[1] < 0 ? "a symbolic number of" : shape[1])
                    + " features per row, but the data has " + example[0]);
        }
        long[] exampleShape = new long[example.length];
        for (int i = 0; i < example.length; i++) {
            if (shape[i + 1] >= 0 && shape[i + 1] != example[i]) {
                throw new IllegalArgumentException("ONNX file " + file + " input '" + in.getName() + "' has shape "
                        + Arrays.toString(shape) + ": dimension " + (i + 1) + " is " + shape[i + 1] + ", but the "
                        + "data's examples have shape " + Arrays.toString(example));
            }
            exampleShape[i] = example[i];
        }
        Map<String, long[]> matrices = new LinkedHashMap<>();
        for (NodeInfo o : session.getOutputInfo().values()) {
            if (o.getInfo() instanceof TensorInfo ot && ot.type == OnnxJavaType.FLOAT && ot.getShape().length == 2) {
                matrices.put(o.getName(), ot.getShape());
            }
        }
        String logits = matrices.containsKey("logits") ? "logits" : null;
        String probs = null;
        for (String name : matrices.keySet()) {
            if (PROBABILITY_NAMES.contains(name)) {
                probs = name;
                break;
            }
        }
        if (logits == null && probs == null) {
            String chosen = matrices.containsKey("output") ? "output"
                    : matrices.size() == 1 ? matrices.keySet().iterator().next() : null;
            if (chosen == null) {
                throw new IllegalArgumentException("ONNX file " + file + " has no class-score output: expected a float "
                        + "output [batch, " + classes + "] named logits, probs, probabilities or output, or exactly "
                        + "one 2-D float output; its outputs are " + outputs(session));
            }
            if (producedBySoftmax(proto, chosen)) {
                probs = chosen;
            } else {
                logits = chosen;
            }
        }
        for (String name : new String[] {logits, probs}) {
            if (name != null && matrices.get(name)[1] >= 0 && matrices.get(name)[1] != classes) {
                throw new IllegalArgumentException("ONNX file " + file + " output '" + name + "' has shape "
                        + Arrays.toString(matrices.get(name)) + ": " + matrices.get(name)[1]
                        + " classes, but the data has " + classes);
            }
        }
        String penultimate = matrices.containsKey("penultimate") ? "penultimate" : null;
        return new ClassifierSignature(in.getName(), exampleShape, shape[0] > 0 ? shape[0] : -1, logits, probs,
                penultimate);
    }

    /** @return {@code [batch, d]} or {@code [batch, C, H, W]}: the input an example shape needs */
    static String expectedInput(int[] example) {
        StringBuilder b = new StringBuilder("[batch");
        for (int d : example) {
            b.append(", ").append(d);
        }
        return b.append(']').toString();
    }

    /** @return true when the value is a Softmax output, possibly through Identity nodes */
    private static boolean producedBySoftmax(ModelProto proto, String value) {
        Map<String, NodeProto> producer = new LinkedHashMap<>();
        for (NodeProto n : proto.getGraph().getNodeList()) {
            for (String out : n.getOutputList()) {
                producer.put(out, n);
            }
        }
        String current = value;
        Set<String> seen = new LinkedHashSet<>();
        while (producer.containsKey(current) && seen.add(current)) {
            NodeProto n = producer.get(current);
            if (n.getOpType().equals("Softmax")) {
                return true;
            }
            if (!n.getOpType().equals("Identity")) {
                return false;
            }
            current = n.getInput(0);
        }
        return false;
    }

    private static String outputs(OrtSession session) throws OrtException {
        List<String> list = new ArrayList<>();
        for (NodeInfo o : session.getOutputInfo().values()) {
            list.add(o.getName() + " " + describe(o));
        }
        return list.toString();
    }

    private static String describe(NodeInfo info) {
        if (info.getInfo() instanceof TensorInfo t) {
            return t.type + " tensor " + Arrays.toString(t.getShape());
        }
        return info.getInfo().toString();
    }
}
