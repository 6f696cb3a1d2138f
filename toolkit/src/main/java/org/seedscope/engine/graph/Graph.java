package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A mutable ONNX graph under construction: float inputs with static shapes (the batch excepted),
 * constant initializers, nodes in topological order (the order they are added) and outputs. Nodes
 * of the operators {@link OpRules} knows get their output shapes inferred as they are added, which
 * is what {@link Autodiff} and {@link #extract} rely on.
 *
 * <p>Operators are standard ONNX (opset {@value #OPSET}) except the engine's own
 * {@code BatchNormalizationTraining} (domain {@value #DOMAIN}), which {@link #toModel()} lowers to
 * standard operators, so every file this class writes runs on a plain ONNX Runtime.
 */
public final class Graph {
    /** The ONNX operator set of every graph. */
    public static final int OPSET = 17;
    /** Domain of the engine's own operators, which never reach a written file. */
    public static final String DOMAIN = "org.seedscope";
    private static final long IR_VERSION = 8;

    private final String name;
    private List<NodeProto> nodes = new ArrayList<>();
    private final Map<String, Shape> inputs = new LinkedHashMap<>();
    private final Map<String, TensorProto> constants = new LinkedHashMap<>();
    private final Map<String, String> constantKeys = new HashMap<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private final Set<String> names = new HashSet<>();
    private final Set<String> bound = new HashSet<>();
    private final List<String> outputs = new ArrayList<>();
    private boolean inferring = true;
    private int counter;

    /** @param name the graph's name, written into the ONNX file */
    public Graph(String name) {
        this.name = name;
    }

    private Graph(Graph g) {
        this.name = g.name;
        this.nodes = new ArrayList<>(g.nodes);
        this.inputs.putAll(g.inputs);
        this.constants.putAll(g.constants);
        this.constantKeys.putAll(g.constantKeys);
        this.shapes.putAll(g.shapes);
        this.names.addAll(g.names);
        this.bound.addAll(g.bound);
        this.outputs.addAll(g.outputs);
        this.counter = g.counter;
    }

    /**
     * Declares a float input.
     *
     * @param input its name, unused so far
     * @param shape its shape
     * @return the name
     */
    public String input(String input, Shape shape) {
        claim(input);
        inputs.put(input, shape);
        shapes.put(input, shape);
        return input;
    }

    /**
     * Adds a named float constant (an initializer), e.g. a parameter embedded for export.
     *
     * @param constant its name, unused so far
     * @param values row-major values
     * @param dims its shape
     * @return the name
     */
    public String constant(String constant, float[] values, long... dims) {
        claim(constant);
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(constant).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        constants.put(constant, t.build());
        shapes.put(constant, Shape.of(dims));
        return constant;
    }

    /**
     * Turns a declared input into a constant holding the given values (used to embed parameters).
     *
     * @param input a declared input
     * @param values its values, as many as its shape holds
     */
    public void embed(String input, float[] values) {
        Shape s = inputs.remove(input);
        if (s == null || s.hasBatch() || s.perExample() != values.length) {
            throw new IllegalArgumentException("cannot embed " + values.length + " values as input '" + input
                    + "' of shape " + s);
        }
        bound.remove(input);
        constant(input, values, s.dims());
    }

    /**
     * @param values row-major values
     * @param dims shape
     * @return a float constant holding them; equal constants are shared
     */
    public String floats(float[] values, long... dims) {
        String key = "f" + Arrays.toString(dims) + Arrays.toString(values);
        String existing = constantKeys.get(key);
        if (existing != null) {
            return existing;
        }
        String n = constant(fresh("const"), values, dims);
        constantKeys.put(key, n);
        return n;
    }

    /**
     * @param value a value
     * @return a float scalar constant (shape {@code []}) holding it
     */
    public String scalar(float value) {
        return floats(new float[] {value});
    }

    /**
     * @param values values
     * @return a one-dimensional int64 constant holding them (axes, shapes, indices); shared when equal
     */
    public String int64s(long... values) {
        String key = "i" + Arrays.toString(values);
        String existing = constantKeys.get(key);
        if (existing != null) {
            return existing;
        }
        String n = fresh("const");
        claim(n);
        TensorProto.Builder t = TensorProto.newBuilder().setName(n).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        constants.put(n, t.build());
        shapes.put(n, Shape.of(values.length));
        constantKeys.put(key, n);
        return n;
    }

    /**
     * @param constant the name of an int64 constant
     * @return its values, or null when {@code constant} is not an int64 constant
     */
    public long[] int64Values(String constant) {
        TensorProto t = constants.get(constant);
        if (t == null || t.getDataType() != TensorProto.DataType.INT64_VALUE) {
            return null;
        }
        if (!t.getRawData().isEmpty()) {
            long[] v = new long[t.getRawData().size() / Long.BYTES];
            ByteBuffer.wrap(t.getRawData().toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(v);
            return v;
        }
        return t.getInt64DataList().stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Adds a node with one output.
     *
     * @param op operator type
     * @param in input value names (an empty name is an omitted optional input)
     * @param attributes attributes
     * @return the output's name
     */
    public String op(String op, List<String> in, AttributeProto... attributes) {
        return node(op, in, 1, attributes).get(0);
    }

    /**
     * @param op operator type of a one-input node
     * @param a its input
     * @param attributes attributes
     * @return the output's name
     */
    public String op(String op, String a, AttributeProto... attributes) {
        return op(op, List.of(a), attributes);
    }

    /**
     * @param op operator type of a two-input node
     * @param a first input
     * @param b second input
     * @param attributes attributes
     * @return the output's name
     */
    public String op(String op, String a, String b, AttributeProto... attributes) {
        return op(op, List.of(a, b), attributes);
    }

    /**
     * Adds a one-output node whose output gets the given (unused) name.
     *
     * @param output the output's name
     * @param op operator type
     * @param in input value names
     * @param attributes attributes
     */
    public void assign(String output, String op, List<String> in, AttributeProto... attributes) {
        node(op, in, List.of(output), attributes);
    }

    /**
     * Adds a node whose outputs get the given (unused) names.
     *
     * @param op operator type
     * @param in input value names
     * @param outs output names
     * @param attributes attributes
     */
    public void node(String op, List<String> in, List<String> outs, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(fresh(op)).addAllInput(in).addAllOutput(outs)
                .addAllAttribute(Arrays.asList(attributes));
        if (OpRules.isCustom(op)) {
            n.setDomain(DOMAIN);
        }
        add(n.build());
    }

    /**
     * Adds a node with fresh output names.
     *
     * @param op operator type
     * @param in input value names
     * @param outputCount number of outputs
     * @param attributes attributes
     * @return the output names
     */
    public List<String> node(String op, List<String> in, int outputCount, AttributeProto... attributes) {
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < outputCount; i++) {
            outs.add(fresh(op.toLowerCase(java.util.Locale.ROOT)));
        }
        node(op, in, outs, attributes);
        return outs;
    }

    /**
     * Adds a node as given (its output names must be unused), inferring its output shapes when its
     * operator is one {@link OpRules} knows, its input shapes are known and shape inference is on.
     *
     * @param node the node
     */
    public void add(NodeProto node) {
        for (String out : node.getOutputList()) {
            if (!out.isEmpty()) {
                claim(out);
            }
        }
        names.add(node.getName());
        nodes.add(node);
        boolean known = node.getInputList().stream().allMatch(i -> i.isEmpty() || shapes.containsKey(i));
        if (inferring && known && OpRules.has(node.getOpType())) {
            List<Shape> in = new ArrayList<>();
            for (String i : node.getInputList()) {
                in.add(i.isEmpty() ? null : shape(i));
            }
            List<Shape> out;
            try {
                out = OpRules.get(node.getOpType()).infer(node, in, this);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("node '" + node.getName() + "' (" + node.getOpType() + " of "
                        + node.getInputList() + " with shapes " + in + "): " + e.getMessage(), e);
            }
            for (int i = 0; i < out.size() && i < node.getOutputCount(); i++) {
                if (!node.getOutput(i).isEmpty()) {
                    shapes.put(node.getOutput(i), out.get(i));
                }
            }
        }
    }

    /**
     * @param on whether nodes added from now on get their output shapes inferred (off while the
     *     backward pass is written: its values need no shapes)
     */
    void inferShapes(boolean on) {
        this.inferring = on;
    }

    /**
     * @param hint a readable stem
     * @return a value name not used yet in this graph
     */
    public String fresh(String hint) {
        String n = hint;
        while (names.contains(n)) {
            n = hint + "_" + (++counter);
        }
        names.add(n);
        return n;
    }

    /** Binds a value name (reserved by {@link #fresh} or chosen by the caller); each name is bound once. */
    private void claim(String value) {
        if (value.isEmpty() || !bound.add(value)) {
            throw new IllegalArgumentException("value name '" + value + "' is empty or already used in graph " + name);
        }
        names.add(value);
    }

    /**
     * @param value a value name
     * @return its static shape
     * @throws IllegalArgumentException when the shape is not known
     */
    public Shape shape(String value) {
        Shape s = shapes.get(value);
        if (s == null) {
            throw new IllegalArgumentException("the shape of value '" + value + "' is not known in graph " + name);
        }
        return s;
    }

    /**
     * @param value a value name
     * @return true when its shape is known
     */
    public boolean hasShape(String value) {
        return shapes.containsKey(value);
    }

    /**
     * @param value a value name
     * @return true when it is a constant (initializer)
     */
    public boolean isConstant(String value) {
        return constants.containsKey(value);
    }

    /** @return the declared inputs and their shapes, in declaration order */
    public Map<String, Shape> inputs() {
        return Collections.unmodifiableMap(inputs);
    }

    /** @return the nodes in order */
    public List<NodeProto> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    /** @return the outputs in order */
    public List<String> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    /**
     * Declares an output.
     *
     * @param value a value of the graph
     */
    public void output(String value) {
        if (!inputs.containsKey(value) && !constants.containsKey(value) && producer(value) < 0) {
            throw new IllegalArgumentException("graph " + name + " has no value '" + value + "' to output");
        }
        outputs.add(value);
    }

    /**
     * Renames a value produced by a node (every reference follows), e.g. to give a gradient its
     * output name without an Identity copy.
     *
     * @param from a value produced by a node of this graph
     * @param to an unused name
     */
    public void rename(String from, String to) {
        if (producer(from) < 0) {
            throw new IllegalArgumentException("value '" + from + "' is not produced by a node of graph " + name);
        }
        claim(to);
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto n = nodes.get(i);
            if (n.getInputList().contains(from) || n.getOutputList().contains(from)) {
                NodeProto.Builder b = n.toBuilder();
                for (int k = 0; k < b.getInputCount(); k++) {
                    if (b.getInput(k).equals(from)) {
                        b.setInput(k, to);
                    }
                }
                for (int k = 0; k < b.getOutputCount(); k++) {
                    if (b.getOutput(k).equals(from)) {
                        b.setOutput(k, to);
                    }
                }
                nodes.set(i, b.build());
            }
        }
        outputs.replaceAll(o -> o.equals(from) ? to : o);
        Shape s = shapes.remove(from);
        if (s != null) {
            shapes.put(to, s);
        }
    }

    /**
     * @param value a value name
     * @return index of the node producing it, or -1
     */
    public int producer(String value) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i).getOutputList().contains(value)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A stand-alone graph of the nodes {@code [from, to)} that the given outputs need. Its inputs are
     * the values those nodes read that are neither produced among them nor constants (their shapes
     * must be known); constants are copied.
     *
     * @param graphName name of the new graph
     * @param from first node index
     * @param to end node index (exclusive)
     * @param outs outputs of the new graph
     * @return the graph
     */
    public Graph extract(String graphName, int from, int to, List<String> outs) {
        Set<String> needed = new HashSet<>(outs);
        boolean[] keep = new boolean[to];
        for (int i = to - 1; i >= from; i--) {
            NodeProto n = nodes.get(i);
            if (n.getOutputList().stream().anyMatch(needed::contains)) {
                keep[i] = true;
                needed.addAll(n.getInputList());
            }
        }
        Graph g = new Graph(graphName);
        g.counter = counter;
        g.names.addAll(names);
        Set<String> produced = new HashSet<>();
        for (int i = from; i < to; i++) {
            if (keep[i]) {
                produced.addAll(nodes.get(i).getOutputList());
            }
        }
        for (Map.Entry<String, Shape> in : inputs.entrySet()) {
            if (needed.contains(in.getKey())) {
                g.input(in.getKey(), in.getValue());
            }
        }
        for (String v : sortedNeeded(needed, from)) {
            if (!produced.contains(v) && !constants.containsKey(v) && !inputs.containsKey(v) && !v.isEmpty()) {
                g.input(v, shape(v));
            }
        }
        for (Map.Entry<String, TensorProto> c : constants.entrySet()) {
            if (needed.contains(c.getKey())) {
                g.constants.put(c.getKey(), c.getValue());
                g.bound.add(c.getKey());
                g.shapes.put(c.getKey(), shapes.get(c.getKey()));
            }
        }
        for (int i = from; i < to; i++) {
            if (keep[i]) {
                g.nodes.add(nodes.get(i));
                g.bound.addAll(nodes.get(i).getOutputList());
            }
        }
        for (String v : produced) {
            if (shapes.containsKey(v)) {
                g.shapes.put(v, shapes.get(v));
            }
        }
        for (String o : outs) {
            g.output(o);
        }
        return g;
    }

    /** Values read across the cut in the order their producers appear, so extracted inputs are stable. */
    private List<String> sortedNeeded(Set<String> needed, int before) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < before; i++) {
            for (String o : nodes.get(i).getOutputList()) {
                if (needed.contains(o)) {
                    out.add(o);
                }
            }
        }
        return out;
    }

    /**
     * Writes the graph as an ONNX model: the engine's own operators lowered to standard ONNX, nodes
     * no output needs left out, inputs and outputs with their shapes (the batch as {@code "batch"}).
     *
     * @return the model
     */
    public ModelProto toModel() {
        Graph g = new Graph(this);
        g.nodes = new ArrayList<>();
        g.inferring = false;
        for (NodeProto n : nodes) {
            if (OpRules.isCustom(n.getOpType())) {
                g.bound.removeAll(n.getOutputList());
                OpRules.get(n.getOpType()).lower(n, g);
            } else {
                g.nodes.add(n);
            }
        }
        Set<String> needed = new HashSet<>(outputs);
        List<NodeProto> kept = new ArrayList<>();
        for (int i = g.nodes.size() - 1; i >= 0; i--) {
            NodeProto n = g.nodes.get(i);
            if (n.getOutputList().stream().anyMatch(needed::contains)) {
                kept.add(n);
                needed.addAll(n.getInputList());
            }
        }
        Collections.reverse(kept);
        GraphProto.Builder b = GraphProto.newBuilder().setName(name).addAllNode(kept);
        for (Map.Entry<String, Shape> in : inputs.entrySet()) {
            b.addInput(valueInfo(in.getKey(), in.getValue()));
        }
        for (Map.Entry<String, TensorProto> c : g.constants.entrySet()) {
            if (needed.contains(c.getKey())) {
                b.addInitializer(c.getValue());
            }
        }
        for (String o : outputs) {
            b.addOutput(valueInfo(o, shapes.get(o)));
        }
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("seedscope")
                .setProducerVersion(org.seedscope.Version.toolkit())
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(b).build();
    }

    private static ValueInfoProto valueInfo(String value, Shape shape) {
        TypeProto.Tensor.Builder t = TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE);
        if (shape != null) {
            TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
            for (int i = 0; i < shape.rank(); i++) {
                long d = shape.dim(i);
                s.addDim(d == Shape.BATCH ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                        : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
            }
            t.setShape(s);
        }
        return ValueInfoProto.newBuilder().setName(value).setType(TypeProto.newBuilder().setTensorType(t)).build();
    }

    @Override
    public String toString() {
        return "Graph[" + name + ", " + inputs.size() + " inputs, " + nodes.size() + " nodes, " + outputs.size()
                + " outputs]";
    }
}
