package org.seedscope.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.seedscope.engine.graph.Shape;

/**
 * The shape of a network: the shape of one input example and a graph of {@link Layer}s ending in a
 * Dense layer that produces the logits. Built-in networks come from {@link Network}s ({@link Mlp},
 * {@link Cnn}, {@link ResNet}); any other feed-forward graph of the supported layers can be given
 * directly.
 *
 * <p>Parameters are one flat vector, tensor by tensor in layer order ({@link #parameterTensors()}):
 * for a Dense layer its weight {@code [in, units]} row-major, then its bias; for a convolution its
 * weight {@code [M, C/groups, k, k]}, then its bias; for batch normalisation gamma, then beta. The
 * running statistics of batch normalisation are not parameters: they form a second flat vector,
 * the state ({@link #stateTensors()}), which optimisers never touch. For an MLP the layout is
 * {@code W1 b1 W2 b2 ...} as it always was.
 *
 * <p>A user's ONNX network enters as an {@link ImportedGraph} instead of layers: its parameters are
 * the float initializers its operators use as weights, biases and batch-normalisation scale and
 * shift, in the order the graph first reads them, and its state the running statistics.
 *
 * <p>Two architectures are equal when their input shapes and layers (or imported graphs) are; the
 * description only names them.
 */
public final class Architecture {
    private final String description;
    private final List<Integer> inputShape;
    private final List<Layer> layers;
    private final List<Tensor> parameters;
    private final List<Tensor> state;
    private final int outputs;
    private final int penultimateWidth;
    private final Map<String, List<Integer>> shapes;
    private final long activations;
    private final long patches;
    private final int smallestBatch;
    private final ImportedGraph imported;

    /**
     * One tensor of the flat parameter (or state) vector.
     *
     * @param name e.g. {@code conv1.weight}
     * @param layer the layer it belongs to
     * @param shape its dimensions
     * @param offset index of its first value in the flat vector
     * @param fanIn the fan-in of PyTorch's default initialisation, {@code uniform(+-1/sqrt(fanIn))};
     *     0 when the tensor starts at the constant {@code fill} instead
     * @param fill the initial value when {@code fanIn} is 0 (batch normalisation: gamma 1, beta 0,
     *     running mean 0, running variance 1)
     */
    public record Tensor(String name, String layer, List<Integer> shape, int offset, int fanIn, float fill) {
        /** Copies the shape. */
        public Tensor {
            shape = List.copyOf(shape);
        }

        /** @return number of values */
        public int size() {
            int s = 1;
            for (int d : shape) {
                s *= d;
            }
            return s;
        }

        /** @return offset of the next tensor */
        public int end() {
            return offset + size();
        }
    }

    /**
     * The parameters of one layer: a contiguous range of the flat vector.
     *
     * @param layer the layer's name
     * @param offset first index
     * @param length number of parameters
     */
    public record LayerRange(String layer, int offset, int length) {}

    /**
     * A multilayer perceptron {@code inputs -> hidden[0] -> ... -> outputs}: Dense layers
     * {@code dense1, dense2, ...} with a ReLU ({@code relu1, ...}) after every hidden one.
     *
     * @param inputs number of input features, at least 1
     * @param hidden widths of the hidden layers, each at least 1 (empty: a linear model)
     * @param outputs number of classes, at least 2
     */
    public Architecture(int inputs, List<Integer> hidden, int outputs) {
        this(mlpName(inputs, hidden, outputs), List.of(inputs), mlpLayers(inputs, hidden, outputs));
    }

    /**
     * A network from its layers, checked: every layer reads {@code x} or earlier layers, shapes
     * fit, and the last layer is Dense with at least 2 outputs.
     *
     * @param description a short name for messages and result rows, e.g. {@code cnn 1x28x28->10}
     * @param inputShape shape of one example: {@code [features]} or {@code [C, H, W]}
     * @param layers the layers in a topological order
     * @throws IllegalArgumentException naming the layer that does not fit
     */
    public Architecture(String description, List<Integer> inputShape, List<Layer> layers) {
        this(description, inputShape, layers, null);
    }

    /**
     * A user's ONNX network ({@link ImportedGraph}): the engine runs its own graph, node by node,
     * so {@link #layers()} is empty and {@link #outputShape} takes the graph's value names.
     *
     * @param graph the validated graph
     */
    public Architecture(ImportedGraph graph) {
        this(graph.description(), graph.inputShape(), List.of(), graph);
    }

    private Architecture(String description, List<Integer> inputShape, List<Layer> layers, ImportedGraph imported) {
        this.description = Objects.requireNonNull(description, "description");
        this.inputShape = List.copyOf(inputShape);
        this.layers = List.copyOf(layers);
        this.imported = imported;
        if (this.inputShape.isEmpty() || this.inputShape.stream().anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("input shape must have positive dimensions, got " + inputShape);
        }
        Layers.Forward f = emit(Layers.Mode.EVALUATION);
        this.parameters = List.copyOf(f.parameters());
        this.state = List.copyOf(f.state());
        this.outputs = (int) f.graph().shape(f.logits()).dim(1);
        this.penultimateWidth = (int) f.graph().shape(f.penultimate()).perExample();
        java.util.Set<String> parameterNames = new java.util.HashSet<>();
        this.parameters.forEach(t -> parameterNames.add(t.name()));
        long act = f.graph().shape(Layers.INPUT).perExample();
        long patch = 0;
        int smallest = 1;
        Map<String, List<Integer>> sh = new LinkedHashMap<>();
        for (ai.onnx.proto.OnnxMl.NodeProto n : f.graph().nodes()) {
            Shape out = f.graph().shape(n.getOutput(0));
            long[] d = out.dims();
            List<Integer> perExample = new ArrayList<>();
            for (int i = 1; i < d.length; i++) {
                perExample.add((int) d[i]);
            }
            sh.put(n.getOutput(0), List.copyOf(perExample));
            act += out.perExample();
            if (n.getOpType().equals("Conv") && parameterNames.contains(n.getInput(1))) {
                Shape w = f.graph().shape(n.getInput(1));
                long k2 = w.dim(2) * w.dim(3);
                long in = f.graph().shape(n.getInput(0)).dim(1);
                patch += in * k2 * out.dim(2) * out.dim(3) + w.dim(1) * k2 * w.dim(0);
            }
            if (n.getOpType().equals("BatchNormalization") && out.perExample() / out.dim(1) < 2) {
                smallest = 2;
            }
        }
        this.shapes = java.util.Collections.unmodifiableMap(sh);
        this.activations = act;
        this.patches = patch;
        this.smallestBatch = smallest;
    }

    /** @return the forward graph of this architecture in the given mode */
    Layers.Forward emit(Layers.Mode mode) {
        return imported != null ? imported.emit(mode) : Layers.emit(inputShape, layers, mode);
    }

    private static List<Layer> mlpLayers(int inputs, List<Integer> hidden, int outputs) {
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs must be at least 1, got " + inputs);
        }
        if (outputs < 2) {
            throw new IllegalArgumentException("outputs (classes) must be at least 2, got " + outputs);
        }
        List<Layer> layers = new ArrayList<>();
        String in = Layers.INPUT;
        for (int i = 0; i < hidden.size(); i++) {
            if (hidden.get(i) < 1) {
                throw new IllegalArgumentException("hidden layer " + i + " width must be at least 1, got " + hidden.get(i));
            }
            layers.add(new Layer.Dense("dense" + (i + 1), in, hidden.get(i), true));
            layers.add(new Layer.Relu("relu" + (i + 1), "dense" + (i + 1)));
            in = "relu" + (i + 1);
        }
        layers.add(new Layer.Dense("dense" + (hidden.size() + 1), in, outputs, true));
        return layers;
    }

    private static String mlpName(int inputs, List<Integer> hidden, int outputs) {
        StringBuilder sb = new StringBuilder("mlp ").append(inputs);
        for (int h : hidden) {
            sb.append('-').append(h);
        }
        return sb.append('-').append(outputs).toString();
    }

    /** @return shape of one input example, e.g. {@code [1, 28, 28]} or {@code [784]} */
    public List<Integer> inputShape() {
        return inputShape;
    }

    /** @return number of input features per example: the product of {@link #inputShape()} */
    public int inputs() {
        int p = 1;
        for (int d : inputShape) {
            p *= d;
        }
        return p;
    }

    /** @return number of classes (logits) */
    public int outputs() {
        return outputs;
    }

    /** @return the layers; empty for an imported graph */
    public List<Layer> layers() {
        return layers;
    }

    /**
     * @param layer a layer's name (of an imported graph: a value a node produces)
     * @return the shape of its output for one example, e.g. {@code [32, 28, 28]}
     */
    public List<Integer> outputShape(String layer) {
        List<Integer> s = shapes.get(layer);
        if (s == null) {
            throw new IllegalArgumentException(description + " has no layer '" + layer + "'; layers: " + shapes.keySet());
        }
        return s;
    }

    /** @return the parameter tensors in flat-layout order */
    public List<Tensor> parameterTensors() {
        return parameters;
    }

    /** @return the state tensors (batch-normalisation running statistics) in flat-layout order */
    public List<Tensor> stateTensors() {
        return state;
    }

    /** @return total number of parameters */
    public int parameterCount() {
        return parameters.isEmpty() ? 0 : parameters.get(parameters.size() - 1).end();
    }

    /** @return total number of state values (0 without batch normalisation) */
    public int stateCount() {
        return state.isEmpty() ? 0 : state.get(state.size() - 1).end();
    }

    /**
     * @return every layer that has parameters, with its contiguous parameter range, input side first
     *     (for an MLP: its Dense layers)
     */
    public List<LayerRange> parameterLayers() {
        Map<String, int[]> ranges = new LinkedHashMap<>();
        for (Tensor t : parameters) {
            ranges.computeIfAbsent(t.layer(), k -> new int[] {t.offset(), 0})[1] += t.size();
        }
        List<LayerRange> out = new ArrayList<>();
        ranges.forEach((layer, r) -> out.add(new LayerRange(layer, r[0], r[1])));
        return out;
    }

    /** @return width of the penultimate representation: the (flat) input of the last, Dense, layer */
    public int penultimateWidth() {
        return penultimateWidth;
    }

    /** @return true for a single Dense layer on the input features (a linear model, e.g. logistic regression) */
    public boolean isLinear() {
        return layers.size() == 1 && inputShape.size() == 1;
    }

    /** @return the imported ONNX graph this architecture runs, or empty for a layer graph */
    public java.util.Optional<ImportedGraph> imported() {
        return java.util.Optional.ofNullable(imported);
    }

    /**
     * @return the smallest batch a training step takes: 2 when a batch normalisation sees one value
     *     per channel and example (its unbiased variance needs two), else 1
     */
    int smallestBatch() {
        return smallestBatch;
    }

    /** @return floats of all layer outputs of one example (the input included), to size batches by memory */
    long activationsPerExample() {
        return activations;
    }

    /** @return floats of one example's convolution patches and per-example weight gradients */
    long patchesPerExample() {
        return patches;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Architecture a && a.inputShape.equals(inputShape) && a.layers.equals(layers)
                && Objects.equals(a.imported, imported);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputShape, layers, imported);
    }

    /** @return the description, e.g. {@code mlp 784-256-10} */
    @Override
    public String toString() {
        return description;
    }
}
