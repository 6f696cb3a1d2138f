package org.seedscope.engine;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seedscope.engine.graph.Attributes;
import org.seedscope.engine.graph.OpRules;

/**
 * Reads a user's ONNX model for {@link ImportedGraph}: folds constants, checks what the engine
 * needs (opset, one float input with static dimensions but the batch, one output, supported
 * operators) and sorts the initializers into parameters, state and constants.
 */
final class GraphImport {
    static final int MIN_OPSET = 13;
    private static final Set<String> SUFFIXES = Set.of(".grad", ".sq", ".abs", ".new");
    private static final Set<String> RESERVED = Set.of(Layers.INPUT, "logits", "probs", "penultimate",
            Graphs.DLOGITS, Graphs.DX);

    private GraphImport() {}

    /**
     * One initializer the optimiser trains, or one running statistic.
     *
     * @param name its name in the user's graph
     * @param layer the layer it is reported under (e.g. {@code conv1} for {@code conv1.weight})
     * @param dims its shape
     * @param fanIn PyTorch's fan-in for {@code uniform(+-1/sqrt(fanIn))}, or 0 for a constant fill
     * @param fill the initial value when {@code fanIn} is 0
     */
    record Slot(String name, String layer, List<Long> dims, int fanIn, float fill) {}

    /**
     * What the engine runs.
     *
     * @param input the user's input name
     * @param inputShape one example's shape
     * @param output the user's output name
     * @param penultimate the value the last weighted node reads (or the output)
     * @param nodes the nodes, in the user's names
     * @param parameters trainable initializers, in the order the nodes first read them
     * @param state running statistics of batch normalisation
     * @param constants every other initializer (frozen, non-float, or in no weight position)
     * @param internal user value name to the engine's name, where they differ
     */
    record Parts(String input, List<Integer> inputShape, String output, String penultimate, List<NodeProto> nodes,
            List<Slot> parameters, List<Slot> state, List<TensorProto> constants, Map<String, String> internal) {}

    /**
     * Folds {@code Constant} nodes and {@code Identity} copies of initializers (PyTorch's exporter
     * writes equal tensors once and copies them this way) into initializers of their own, drops
     * initializers listed as graph inputs and names unnamed nodes.
     */
    static ModelProto normalise(ModelProto model) {
        GraphProto g = model.getGraph();
        Map<String, TensorProto> init = new LinkedHashMap<>();
        g.getInitializerList().forEach(t -> init.put(t.getName(), t));
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto n : g.getNodeList()) {
            boolean standard = n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx");
            if (standard && n.getOpType().equals("Constant") && n.getAttributeCount() == 1
                    && n.getAttribute(0).getName().equals("value")) {
                init.put(n.getOutput(0), n.getAttribute(0).getT().toBuilder().setName(n.getOutput(0)).build());
            } else if (standard && n.getOpType().equals("Identity") && init.containsKey(n.getInput(0))) {
                init.put(n.getOutput(0), init.get(n.getInput(0)).toBuilder().setName(n.getOutput(0)).build());
            } else {
                nodes.add(n.getName().isEmpty() ? n.toBuilder().setName(n.getOpType() + "_" + nodes.size()).build() : n);
            }
        }
        GraphProto.Builder b = g.toBuilder().clearNode().addAllNode(nodes).clearInitializer()
                .addAllInitializer(init.values()).clearInput();
        g.getInputList().stream().filter(i -> !init.containsKey(i.getName())).forEach(b::addInput);
        return model.toBuilder().setGraph(b).build();
    }

    /** Checks a normalised model and sorts its initializers; every message names the input, node or initializer. */
    static Parts analyse(ModelProto model, Set<String> frozen) {
        checkOpset(model);
        GraphProto g = model.getGraph();
        Map<String, TensorProto> init = new LinkedHashMap<>();
        g.getInitializerList().forEach(t -> init.put(t.getName(), t));
        for (String f : frozen) {
            if (!init.containsKey(f)) {
                throw new IllegalArgumentException("frozen names '" + f + "', which is not an initializer of the graph; "
                        + "initializers: " + init.keySet());
            }
        }
        if (g.getInputCount() != 1) {
            throw new IllegalArgumentException("the graph has " + g.getInputCount() + " inputs "
                    + g.getInputList().stream().map(ValueInfoProto::getName).toList()
                    + ": SeedScope models take exactly one input tensor (images [batch, C, H, W] or features [batch, d])");
        }
        ValueInfoProto in = g.getInput(0);
        List<Integer> inputShape = inputShape(in);
        if (g.getOutputCount() != 1) {
            throw new IllegalArgumentException("the graph has " + g.getOutputCount() + " outputs "
                    + g.getOutputList().stream().map(ValueInfoProto::getName).toList()
                    + ": SeedScope needs exactly one output, the class scores [batch, classes]");
        }
        for (NodeProto n : g.getNodeList()) {
            checkNode(n);
        }
        Sorter s = new Sorter(init, frozen, g.getNodeList());
        String output = g.getOutput(0).getName();
        return new Parts(in.getName(), inputShape, output, penultimate(g.getNodeList(), output, init.keySet()),
                g.getNodeList(), s.parameters, s.state, s.constants(), internalNames(g, in.getName(), output));
    }

    private static void checkOpset(ModelProto model) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if ((o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx"))
                    && (o.getVersion() < MIN_OPSET || o.getVersion() > org.seedscope.engine.graph.Graph.OPSET)) {
                throw new IllegalArgumentException("opset " + o.getVersion() + " is not supported: export with "
                        + "opset_version " + MIN_OPSET + " to " + org.seedscope.engine.graph.Graph.OPSET);
            }
        }
    }

    private static List<Integer> inputShape(ValueInfoProto in) {
        String name = in.getName();
        if (!in.getType().hasTensorType()) {
            throw new IllegalArgumentException("input '" + name + "' is not a tensor");
        }
        int type = in.getType().getTensorType().getElemType();
        if (type != TensorProto.DataType.FLOAT_VALUE) {
            TensorProto.DataType t = TensorProto.DataType.forNumber(type);
            throw new IllegalArgumentException("input '" + name + "' has element type " + (t == null ? type : t)
                    + ": SeedScope feeds float32 tensors, export the model with a float input");
        }
        if (!in.getType().getTensorType().hasShape() || in.getType().getTensorType().getShape().getDimCount() < 2) {
            throw new IllegalArgumentException("input '" + name + "' has no shape of rank 2 or more: SeedScope needs "
                    + "[batch, C, H, W] or [batch, features]");
        }
        List<Integer> shape = new ArrayList<>();
        List<TensorShapeProto.Dimension> dims = in.getType().getTensorType().getShape().getDimList();
        for (int i = 1; i < dims.size(); i++) {
            TensorShapeProto.Dimension d = dims.get(i);
            if (!d.hasDimValue() || d.getDimValue() < 1 || d.getDimValue() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("input '" + name + "': dimension " + i + " is dynamic ("
                        + (d.hasDimParam() ? "'" + d.getDimParam() + "'" : "unknown")
                        + "); only the batch (dimension 0) may be: export with a fixed example shape");
            }
            shape.add((int) d.getDimValue());
        }
        return shape;
    }

    private static void checkNode(NodeProto n) {
        boolean standard = n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx");
        if (!standard || !OpRules.supported().contains(n.getOpType())) {
            throw new IllegalArgumentException("node '" + n.getName() + "' uses operator "
                    + (standard ? "" : n.getDomain() + ".") + n.getOpType()
                    + ", which SeedScope cannot differentiate; supported operators: "
                    + String.join(", ", OpRules.supported()));
        }
        if (n.getOpType().equals("BatchNormalization")
                && (Attributes.integer(n, "training_mode", 0) != 0 || n.getOutputCount() > 1)) {
            throw new IllegalArgumentException("node '" + n.getName() + "' is a training-mode BatchNormalization: "
                    + "export the model after model.eval() with training=TrainingMode.PRESERVE and do_constant_folding=False "
                    + "(TrainingMode.EVAL also works but folds every BatchNorm into the convolution before it)");
        }
    }

    /** Sorts initializers by the first weight position that reads them. */
    private static final class Sorter {
        final Map<String, TensorProto> init;
        final Set<String> frozen;
        final Set<String> sorted = new HashSet<>();
        final List<Slot> parameters = new ArrayList<>();
        final List<Slot> state = new ArrayList<>();
        final Map<String, NodeProto> producers = new HashMap<>();
        final Set<String> layers = new HashSet<>();

        Sorter(Map<String, TensorProto> init, Set<String> frozen, List<NodeProto> nodes) {
            this.init = init;
            this.frozen = frozen;
            for (NodeProto n : nodes) {
                String layer = null;
                for (int k = 0; k < n.getInputCount(); k++) {
                    String v = n.getInput(k);
                    if (!trainable(v)) {
                        continue;
                    }
                    Slot s = slot(n, k);
                    if (s != null) {
                        layer = layer == null ? layer(n, v) : layer;
                        sorted.add(v);
                        s = new Slot(s.name(), layer, s.dims(), s.fanIn(), s.fill());
                        (n.getOpType().equals("BatchNormalization") && k >= 3 ? state : parameters).add(s);
                    }
                }
                n.getOutputList().forEach(o -> producers.put(o, n));
            }
        }

        private boolean trainable(String v) {
            TensorProto t = init.get(v);
            return t != null && !frozen.contains(v) && !sorted.contains(v)
                    && t.getDataType() == TensorProto.DataType.FLOAT_VALUE;
        }

        /** @return the slot (layer not yet named) of input k of n, or null when that position holds no weight */
        private Slot slot(NodeProto n, int k) {
            String v = n.getInput(k);
            switch (n.getOpType()) {
                case "Conv", "Gemm", "MatMul":
                    boolean weight = k == 1 || (k == 2 && !n.getOpType().equals("MatMul"));
                    return weight && weighted(n) ? new Slot(v, "", dims(v), fanIn(n), 0) : null;
                case "BatchNormalization":
                    return k >= 1 ? new Slot(v, "", dims(v), 0, k == 1 || k == 4 ? 1f : 0f) : null;
                case "Add":
                    NodeProto before = k < 2 ? producers.get(n.getInput(1 - k)) : null;
                    return before != null && weighted(before) ? new Slot(v, "", dims(v), fanIn(before), 0) : null;
                default:
                    return null;
            }
        }

        /** @return true for a Conv, Gemm or MatMul node whose weight (input 1) is an initializer */
        private boolean weighted(NodeProto n) {
            return Set.of("Conv", "Gemm", "MatMul").contains(n.getOpType()) && n.getInputCount() > 1
                    && init.containsKey(n.getInput(1));
        }

        /** PyTorch's fan-in of the weight (input 1) of a Conv, Gemm or MatMul node. */
        private int fanIn(NodeProto n) {
            List<Long> w = dims(n.getInput(1));
            long fan;
            if (n.getOpType().equals("Conv")) {
                fan = 1;
                for (int i = 1; i < w.size(); i++) {
                    fan *= w.get(i);
                }
            } else if (n.getOpType().equals("Gemm")) {
                fan = w.get(Attributes.integer(n, "transB", 0) != 0 ? 1 : 0);
            } else {
                fan = w.get(Math.max(0, w.size() - 2));
            }
            return (int) Math.max(1, fan);
        }

        /** A readable, unique layer name: the weight's name up to its last dot, else the node's name. */
        private String layer(NodeProto n, String v) {
            int dot = v.lastIndexOf('.');
            String base = dot > 0 ? v.substring(0, dot) : n.getName();
            boolean continues = !parameters.isEmpty() && parameters.get(parameters.size() - 1).layer().equals(base);
            String name = continues || !layers.contains(base) ? base : base + " (" + n.getName() + ")";
            layers.add(name);
            return name;
        }

        private List<Long> dims(String v) {
            return init.get(v).getDimsList();
        }

        List<TensorProto> constants() {
            return init.values().stream().filter(t -> !sorted.contains(t.getName())).toList();
        }
    }

    /** Walks back from the output through biases and copies to the first Gemm, MatMul or Conv and takes its input. */
    private static String penultimate(List<NodeProto> nodes, String output, Set<String> constants) {
        Map<String, NodeProto> producers = new HashMap<>();
        nodes.forEach(n -> n.getOutputList().forEach(o -> producers.put(o, n)));
        String v = output;
        for (NodeProto p = producers.get(v); p != null; p = producers.get(v)) {
            switch (p.getOpType()) {
                case "Gemm", "MatMul", "Conv":
                    return p.getInput(0);
                case "Identity":
                    v = p.getInput(0);
                    break;
                case "Add":
                    if (constants.contains(p.getInput(1)) == constants.contains(p.getInput(0))) {
                        return output;
                    }
                    v = constants.contains(p.getInput(1)) ? p.getInput(0) : p.getInput(1);
                    break;
                default:
                    return output;
            }
        }
        return output;
    }

    /** The engine names the input x and the output logits; user names that clash with the engine's get a prefix. */
    private static Map<String, String> internalNames(GraphProto g, String input, String output) {
        Map<String, String> internal = new HashMap<>();
        internal.put(input, Layers.INPUT);
        internal.put(output, "logits");
        Set<String> values = new HashSet<>();
        g.getInitializerList().forEach(t -> values.add(t.getName()));
        g.getNodeList().forEach(n -> values.addAll(n.getOutputList()));
        for (String v : values) {
            boolean clash = RESERVED.contains(v) || SUFFIXES.stream().anyMatch(v::endsWith);
            if (clash && !internal.containsKey(v)) {
                String name = "onnx/" + v;
                while (values.contains(name)) {
                    name = "onnx/" + name;
                }
                internal.put(v, name);
            }
        }
        return internal;
    }

    /** @return the number of values of a tensor's shape */
    static int size(TensorProto t) {
        long n = 1;
        for (long d : t.getDimsList()) {
            n *= d;
        }
        return Math.toIntExact(n);
    }

    /** @return the values of a float initializer (raw little-endian or typed data) */
    static float[] floats(TensorProto t) {
        int n = size(t);
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new IllegalArgumentException("initializer '" + t.getName() + "' is stored in an external file: "
                    + "save the model as one file");
        }
        float[] v = new float[n];
        if (!t.getRawData().isEmpty()) {
            if (t.getRawData().size() != (long) n * Float.BYTES) {
                throw new IllegalArgumentException("initializer '" + t.getName() + "' holds "
                        + t.getRawData().size() + " bytes, not the " + (long) n * Float.BYTES + " of its shape "
                        + t.getDimsList());
            }
            t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        } else if (t.getFloatDataCount() == n) {
            for (int i = 0; i < n; i++) {
                v[i] = t.getFloatData(i);
            }
        } else {
            throw new IllegalArgumentException("initializer '" + t.getName() + "' holds " + t.getFloatDataCount()
                    + " values, not the " + n + " of its shape " + t.getDimsList());
        }
        return v;
    }

    /** @return {@code t} holding {@code values[offset, offset + size)} as raw little-endian data */
    static TensorProto withValues(TensorProto t, float[] values, int offset) {
        int n = size(t);
        ByteBuffer bytes = ByteBuffer.allocate(n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values, offset, n);
        return t.toBuilder().clearFloatData().setRawData(com.google.protobuf.ByteString.copyFrom(bytes.array())).build();
    }

    /** @return {@code t} without its values (type and shape kept), for an architecture's structure */
    static TensorProto withoutValues(TensorProto t) {
        return t.toBuilder().clearRawData().clearFloatData().build();
    }
}
