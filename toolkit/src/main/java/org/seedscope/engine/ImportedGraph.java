package org.seedscope.engine;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.seedscope.engine.graph.Attributes;
import org.seedscope.engine.graph.Graph;
import org.seedscope.engine.graph.OpRules;
import org.seedscope.engine.graph.Shape;

/**
 * A user's ONNX network (e.g. a PyTorch export) as an architecture's source: the engine runs the
 * user's own nodes, differentiates them with the same per-operator rules as its built-in networks
 * ({@link OpRules#supported()}) and writes batch normalisation in training mode itself. Give it to
 * {@link Architecture#Architecture(ImportedGraph)}.
 *
 * <p>Initializers are sorted by the first node position that reads them:
 * <ul>
 *   <li>parameters (trained, re-initialised as PyTorch does by default for the layer type): the
 *       weight and bias of Conv and Gemm, the weight of MatMul, an Add operand right after one of
 *       those (a bias), the scale (gamma, initially 1) and shift (beta, 0) of
 *       BatchNormalization. Weights and biases start {@code uniform(+-1/sqrt(fan_in))}
 *       (Kaiming-uniform with a = sqrt(5)): fan_in = {@code C/groups * kh * kw} for Conv, the
 *       input width of Gemm ({@code transB} respected) and MatMul;</li>
 *   <li>state: the running mean (initially 0) and variance (1) of BatchNormalization;</li>
 *   <li>constants: every other initializer, every non-float one and every one named {@code frozen};
 *       they keep the file's values.</li>
 * </ul>
 * {@code Constant} nodes and {@code Identity} copies of initializers become initializers of their
 * own first (PyTorch's exporter stores equal tensors, such as the ones of two fresh BatchNorm
 * layers, once and copies them by Identity nodes; each copy is its own parameter here, as in the
 * PyTorch model).
 *
 * <p>Requirements, checked by {@link #of} (each failure an {@link IllegalArgumentException} naming
 * the input, node or initializer): default-domain opset {@value GraphImport#MIN_OPSET} to
 * {@value Graph#OPSET}; exactly one graph input, float32, with static dimensions except the batch
 * (dimension 0); supported operators only; batch normalisation in evaluation form
 * ({@code training_mode} 0); exactly one output of shape {@code [batch, classes]}, classes at least
 * 2, not computed by a Softmax (the engine needs logits).
 *
 * <p>Immutable. Two imported graphs are equal when their structures (the normalised model without
 * parameter and state values) and frozen names are.
 */
public final class ImportedGraph {
    private final String description;
    private final ModelProto structure;
    private final Set<String> frozen;
    private final GraphImport.Parts parts;

    private ImportedGraph(String description, ModelProto structure, Set<String> frozen, GraphImport.Parts parts) {
        this.description = description;
        this.structure = structure;
        this.frozen = frozen;
        this.parts = parts;
    }

    /**
     * Reads and checks a model.
     *
     * @param name a short name for descriptions, e.g. the file name {@code net.onnx}
     * @param model the ONNX model
     * @param frozen initializer names that stay constant although they are weights
     * @return the graph; its description reads e.g. {@code onnx net.onnx 1x28x28->10}
     * @throws IllegalArgumentException naming the input, node, initializer or output that is not usable
     */
    public static ImportedGraph of(String name, ModelProto model, Set<String> frozen) {
        Set<String> f = new TreeSet<>(frozen);
        ModelProto normal = GraphImport.normalise(model);
        GraphImport.Parts parts = GraphImport.analyse(normal, f);
        Set<String> valued = new java.util.HashSet<>();
        parts.parameters().forEach(s -> valued.add(s.name()));
        parts.state().forEach(s -> valued.add(s.name()));
        GraphProto.Builder g = normal.getGraph().toBuilder().clearInitializer();
        for (TensorProto t : normal.getGraph().getInitializerList()) {
            g.addInitializer(valued.contains(t.getName()) ? GraphImport.withoutValues(t) : t);
        }
        ImportedGraph graph = new ImportedGraph("", normal.toBuilder().setGraph(g).build(), f, parts);
        int classes = graph.checkOutput();
        StringBuilder d = new StringBuilder("onnx ").append(name).append(' ');
        for (int i = 0; i < parts.inputShape().size(); i++) {
            d.append(i > 0 ? "x" : "").append(parts.inputShape().get(i));
        }
        return new ImportedGraph(d.append("->").append(classes).toString(), graph.structure, f, parts);
    }

    private int checkOutput() {
        Layers.Forward f = emit(Layers.Mode.EVALUATION);
        Shape out = f.graph().shape(f.logits());
        String producer = "";
        for (NodeProto n : parts.nodes()) {
            if (n.getOutputList().contains(parts.output())) {
                producer = n.getName();
                if (n.getOpType().equals("Softmax")) {
                    throw new IllegalArgumentException("output '" + parts.output() + "' is computed by Softmax node '"
                            + producer + "': SeedScope trains on logits, export the scores before the softmax");
                }
            }
        }
        if (out.rank() != 2 || !out.hasBatch() || out.dim(1) < 2) {
            throw new IllegalArgumentException("output '" + parts.output() + "'" + (producer.isEmpty() ? ""
                    : " (of node '" + producer + "')") + " has shape " + out + ": SeedScope needs class scores "
                    + "[batch, classes] with at least 2 classes");
        }
        return (int) out.dim(1);
    }

    /** @return e.g. {@code onnx net.onnx 1x28x28->10} */
    public String description() {
        return description;
    }

    /** @return the shape of one input example, e.g. {@code [1, 28, 28]} */
    public List<Integer> inputShape() {
        return parts.inputShape();
    }

    /** @return the name of the user's input */
    public String inputName() {
        return parts.input();
    }

    /** @return the name of the user's output (the class scores) */
    public String outputName() {
        return parts.output();
    }

    /** @return the frozen initializer names, sorted */
    public Set<String> frozen() {
        return java.util.Collections.unmodifiableSet(frozen);
    }

    /**
     * @return the normalised model with the values of parameters and state left out (their type and
     *     shape kept); {@link #of} reads it back to an equal graph
     */
    public ModelProto structure() {
        return structure;
    }

    /**
     * The parameter and state values of a model file with this graph.
     *
     * @param parameters in the architecture's flat layout
     * @param state running statistics in the state layout
     */
    public record Values(Parameters parameters, Parameters state) {}

    /**
     * Reads a model's parameters and state after checking that it has this graph: the same nodes,
     * the same initializers with the same shapes, and the same constant values.
     *
     * @param model a model, e.g. this graph's own file or one trained elsewhere under another seed
     * @return its values
     * @throws IllegalArgumentException naming the first initializer or node that differs
     */
    public Values values(ModelProto model) {
        GraphProto other = GraphImport.normalise(model).getGraph();
        Map<String, TensorProto> init = new HashMap<>();
        other.getInitializerList().forEach(t -> init.put(t.getName(), t));
        for (TensorProto t : structure.getGraph().getInitializerList()) {
            TensorProto o = init.get(t.getName());
            if (o == null) {
                throw new IllegalArgumentException("initializer '" + t.getName() + "' is missing");
            }
            if (!o.getDimsList().equals(t.getDimsList()) || o.getDataType() != t.getDataType()) {
                throw new IllegalArgumentException("initializer '" + t.getName() + "' has shape " + o.getDimsList()
                        + " (" + typeName(o) + "), the graph's has " + t.getDimsList() + " (" + typeName(t) + ")");
            }
        }
        if (init.size() != structure.getGraph().getInitializerCount()) {
            throw new IllegalArgumentException("it has " + init.size() + " initializers, the graph "
                    + structure.getGraph().getInitializerCount());
        }
        for (TensorProto c : parts.constants()) {
            if (!GraphImport.withoutValues(init.get(c.getName())).equals(GraphImport.withoutValues(c))
                    || !java.util.Arrays.equals(constantBytes(init.get(c.getName())), constantBytes(c))) {
                throw new IllegalArgumentException("constant initializer '" + c.getName() + "' holds other values; "
                        + "frozen and constant tensors must be equal in every file");
            }
        }
        List<NodeProto> mine = structure.getGraph().getNodeList();
        for (int i = 0; i < Math.max(mine.size(), other.getNodeCount()); i++) {
            NodeProto a = i < mine.size() ? mine.get(i).toBuilder().clearDocString().build() : null;
            NodeProto b = i < other.getNodeCount() ? other.getNode(i).toBuilder().clearDocString().build() : null;
            if (!Objects.equals(a, b)) {
                throw new IllegalArgumentException("node " + i + " differs: '" + (b == null ? "(none)" : b.getName())
                        + "' (" + (b == null ? "-" : b.getOpType()) + "), the graph's is '"
                        + (a == null ? "(none)" : a.getName()) + "' (" + (a == null ? "-" : a.getOpType()) + ")");
            }
        }
        return new Values(read(parts.parameters(), init), read(parts.state(), init));
    }

    private static String typeName(TensorProto t) {
        TensorProto.DataType type = TensorProto.DataType.forNumber(t.getDataType());
        return type == null ? "type " + t.getDataType() : type.name();
    }

    private static byte[] constantBytes(TensorProto t) {
        return t.getDataType() == TensorProto.DataType.FLOAT_VALUE ? floatBytes(GraphImport.floats(t)) : t.toByteArray();
    }

    private static byte[] floatBytes(float[] v) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(v.length * Float.BYTES);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    private static Parameters read(List<GraphImport.Slot> slots, Map<String, TensorProto> init) {
        List<float[]> parts = new ArrayList<>();
        int n = 0;
        for (GraphImport.Slot s : slots) {
            float[] v = GraphImport.floats(init.get(s.name()));
            parts.add(v);
            n += v.length;
        }
        float[] all = new float[n];
        int at = 0;
        for (float[] v : parts) {
            System.arraycopy(v, 0, all, at, v.length);
            at += v.length;
        }
        return Parameters.of(all);
    }

    /**
     * @param values parameters and state in the architecture's layouts
     * @return the user's model (nodes, input and output names, opset, metadata) holding these values,
     *     a file any ONNX Runtime runs
     */
    public ModelProto withValues(Values values) {
        Map<String, float[]> arrays = new HashMap<>();
        Map<String, Integer> offsets = new HashMap<>();
        place(parts.parameters(), values.parameters(), arrays, offsets);
        place(parts.state(), values.state(), arrays, offsets);
        GraphProto.Builder g = structure.getGraph().toBuilder().clearInitializer();
        for (TensorProto t : structure.getGraph().getInitializerList()) {
            float[] v = arrays.get(t.getName());
            g.addInitializer(v == null ? t : GraphImport.withValues(t, v, offsets.get(t.getName())));
        }
        return structure.toBuilder().setGraph(g).build();
    }

    private static void place(List<GraphImport.Slot> slots, Parameters values, Map<String, float[]> arrays,
            Map<String, Integer> offsets) {
        float[] all = values.toArray();
        int at = 0;
        for (GraphImport.Slot s : slots) {
            arrays.put(s.name(), all);
            offsets.put(s.name(), at);
            at += s.dims().stream().reduce(1L, (a, b) -> a * b);
        }
        if (at != all.length) {
            throw new IllegalArgumentException("expected " + at + " values, got " + all.length);
        }
    }

    /** The forward graph in the engine's names: input {@code x}, output {@code logits}. */
    Layers.Forward emit(Layers.Mode mode) {
        Graph g = new Graph(mode == Layers.Mode.TRAINING ? "seedscope_training" : "seedscope_forward");
        g.input(Layers.INPUT, Shape.batched(parts.inputShape().stream().mapToLong(Integer::longValue).toArray()));
        List<Architecture.Tensor> params = declare(g, parts.parameters());
        List<Architecture.Tensor> state = declare(g, parts.state());
        for (TensorProto c : parts.constants()) {
            g.initializer(c.toBuilder().setName(internal(c.getName())).build());
        }
        Set<String> stateNames = new java.util.HashSet<>();
        state.forEach(t -> stateNames.add(t.name()));
        Map<String, String> newState = new LinkedHashMap<>();
        for (NodeProto user : parts.nodes()) {
            NodeProto n = renamed(user);
            if (mode == Layers.Mode.TRAINING && n.getOpType().equals("BatchNormalization")) {
                List<String> outs = new ArrayList<>(List.of(n.getOutput(0)));
                for (int k = 3; k < 5; k++) {
                    String next = stateNames.contains(n.getInput(k)) ? Graphs.next(n.getInput(k))
                            : g.fresh(n.getName() + ".unused");
                    outs.add(next);
                    if (stateNames.contains(n.getInput(k))) {
                        newState.put(n.getInput(k), next);
                    }
                }
                float momentum = (float) (1 - (double) Attributes.real(n, "momentum", 0.9f));
                g.node("BatchNormalizationTraining", n.getInputList(), outs,
                        Attributes.of("epsilon", Attributes.real(n, "epsilon", 1e-5f)), Attributes.of("momentum", momentum));
            } else {
                g.add(n);
            }
        }
        return new Layers.Forward(g, internal(parts.output()), internal(parts.penultimate()), newState, params, state);
    }

    private List<Architecture.Tensor> declare(Graph g, List<GraphImport.Slot> slots) {
        List<Architecture.Tensor> out = new ArrayList<>();
        int offset = 0;
        for (GraphImport.Slot s : slots) {
            List<Integer> shape = s.dims().stream().map(Long::intValue).toList();
            Architecture.Tensor t = new Architecture.Tensor(internal(s.name()), s.layer(), shape, offset, s.fanIn(),
                    s.fill());
            offset = Math.addExact(offset, t.size());
            out.add(t);
            g.input(t.name(), Shape.of(s.dims().stream().mapToLong(Long::longValue).toArray()));
        }
        return out;
    }

    private String internal(String value) {
        return parts.internal().getOrDefault(value, value);
    }

    private NodeProto renamed(NodeProto n) {
        NodeProto.Builder b = n.toBuilder();
        for (int k = 0; k < b.getInputCount(); k++) {
            b.setInput(k, b.getInput(k).isEmpty() ? "" : internal(b.getInput(k)));
        }
        for (int k = 0; k < b.getOutputCount(); k++) {
            b.setOutput(k, b.getOutput(k).isEmpty() ? "" : internal(b.getOutput(k)));
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImportedGraph g && g.structure.equals(structure) && g.frozen.equals(frozen);
    }

    @Override
    public int hashCode() {
        return Objects.hash(structure, frozen);
    }

    @Override
    public String toString() {
        return description + " (" + parts.nodes().size() + " nodes, " + parts.parameters().size() + " parameter tensors"
                + (frozen.isEmpty() ? "" : ", frozen " + frozen) + ")";
    }
}
