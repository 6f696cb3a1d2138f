package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
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
 * <p>Operators are standard ONNX (opset {@value #OPSET}; 18 in graphs with Col2Im) but the engine's
 * own (domain {@value #DOMAIN}), which {@link #toModel()} lowers to standard operators, so every
 * file this class writes runs on a plain ONNX Runtime.
 */
public final class Graph {
    /** The ONNX operator set of the graphs (a training graph with Col2Im declares 18). */
    public static final int OPSET = 17;
    /** Domain of the engine's own operators, which never reach a written file. */
    public static final String DOMAIN = "org.seedscope";

    final String name;
    List<NodeProto> nodes = new ArrayList<>();
    final Map<String, Shape> inputs = new LinkedHashMap<>();
    final Map<String, TensorProto> constants = new LinkedHashMap<>();
    private final Map<String, String> constantKeys = new HashMap<>();
    final Map<String, Shape> shapes = new HashMap<>();
    final Set<String> names = new HashSet<>();
    final Set<String> bound = new HashSet<>();
    private final List<String> outputs = new ArrayList<>();
    boolean inferring = true;
    int counter;

    /** @param name the graph's name, written into the ONNX file */
    public Graph(String name) {
        this.name = name;
    }

    /** A copy sharing no mutable state with {@code g}. */
    Graph(Graph g) {
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
        constants.put(constant, Tensors.floats(constant, values, dims));
        shapes.put(constant, Shape.of(dims));
        return constant;
    }

    /**
     * @param tensor an initializer of any type to add as it is (an imported graph's constant); its name unused so far
     * @return its name
     */
    public String initializer(TensorProto tensor) {
        claim(tensor.getName());
        constants.put(tensor.getName(), tensor);
        shapes.put(tensor.getName(), Shape.of(tensor.getDimsList().stream().mapToLong(Long::longValue).toArray()));
        return tensor.getName();
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
        return shared("f" + Arrays.toString(dims) + Arrays.toString(values), () -> constant(fresh("const"), values, dims));
    }

    private String shared(String key, java.util.function.Supplier<String> make) {
        String existing = constantKeys.get(key);
        if (existing == null) {
            existing = make.get();
            constantKeys.put(key, existing);
        }
        return existing;
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
        return shared("i" + Arrays.toString(values), () -> {
            String n = fresh("const");
            claim(n);
            constants.put(n, Tensors.int64s(n, values));
            shapes.put(n, Shape.of(values.length));
            return n;
        });
    }

    /**
     * @param constant the name of an int64 constant
     * @return its values, or null when {@code constant} is not an int64 constant
     */
    public long[] int64Values(String constant) {
        TensorProto t = constants.get(constant);
        return t == null ? null : Tensors.int64Values(t);
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
        String out = fresh(op.toLowerCase(java.util.Locale.ROOT));
        node(op, in, List.of(out), attributes);
        return out;
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
        nodes.replaceAll(n -> Cuts.renamed(n, from, to));
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
        return Cuts.extract(this, graphName, from, to, outs);
    }

    /**
     * Writes the graph as an ONNX model: the engine's own operators lowered to standard ONNX, nodes
     * no output needs left out, inputs and outputs with their shapes (the batch as {@code "batch"}).
     *
     * @return the model
     */
    public ModelProto toModel() {
        return Cuts.toModel(this);
    }

    @Override
    public String toString() {
        return "Graph[" + name + ", " + inputs.size() + " inputs, " + nodes.size() + " nodes, " + outputs.size()
                + " outputs]";
    }
}
