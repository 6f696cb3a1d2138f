package org.seedscope.engine;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seedscope.engine.graph.Attributes;
import org.seedscope.engine.graph.Autodiff;
import org.seedscope.engine.graph.Graph;
import org.seedscope.engine.graph.PhasePooling;
import org.seedscope.engine.graph.Shape;

/**
 * The ONNX graphs (opset {@value Graph#OPSET}) the engine runs, all from an architecture's forward
 * rules ({@link Layers}) and, for gradients, the reverse-mode pass of {@link Autodiff}:
 * <ul>
 *   <li>inference: batch normalisation with running statistics; outputs {@code logits},
 *       {@code probs}, {@code penultimate};</li>
 *   <li>gradient (evaluation mode, one run): inputs x, parameters, state and {@code dlogits};
 *       outputs {@code <param>.grad} and, when asked, {@code dx}, {@code <param>.sq},
 *       {@code <param>.abs};</li>
 *   <li>training: a forward graph (batch statistics) giving the logits, the new running statistics
 *       ({@code <state>.new}) and the forward values the backward rules read, and a backward graph
 *       taking those and {@code dlogits} and giving {@code <param>.grad}.</li>
 * </ul>
 * Parameters and state are graph inputs, so one session serves every model of an architecture; for
 * a stand-alone file they are embedded as initializers.
 */
final class Graphs {
    static final String DLOGITS = "dlogits";
    static final String DX = "dx";

    private Graphs() {}

    static String grad(String parameter) {
        return parameter + ".grad";
    }

    static String squared(String parameter) {
        return parameter + ".sq";
    }

    static String absolute(String parameter) {
        return parameter + ".abs";
    }

    /** @return the name of a state tensor's value after a training step, e.g. {@code bn1.running_mean.new} */
    static String next(String state) {
        return state + ".new";
    }

    /**
     * @param arch the architecture
     * @param embedded a model whose parameters and state become initializers, or null to take them as inputs
     */
    static ModelProto inference(Architecture arch, Model embedded) {
        Layers.Forward f = forward(arch, Layers.Mode.EVALUATION);
        Graph g = f.graph();
        g.assign("probs", "Softmax", List.of("logits"), Attributes.of("axis", 1));
        g.assign("penultimate", "Identity", List.of(f.penultimate()));
        g.output("logits");
        g.output("probs");
        g.output("penultimate");
        if (embedded != null) {
            embed(g, arch.parameterTensors(), embedded.parameters());
            embed(g, arch.stateTensors(), embedded.state());
        }
        return g.toModel();
    }

    private static void embed(Graph g, List<Architecture.Tensor> tensors, Parameters values) {
        float[] all = values.toArray();
        for (Architecture.Tensor t : tensors) {
            g.embed(t.name(), java.util.Arrays.copyOfRange(all, t.offset(), t.end()));
        }
    }

    static ModelProto gradient(Architecture arch, GradientRequest request) {
        Layers.Forward f = forward(arch, Layers.Mode.EVALUATION);
        Graph g = f.graph();
        g.input(DLOGITS, Shape.batched(arch.outputs()));
        List<String> wrt = names(arch.parameterTensors());
        Set<String> perExample = request.squared() || request.absolute() ? new HashSet<>(wrt) : Set.of();
        if (request.input()) {
            wrt.add(Layers.INPUT);
        }
        Autodiff.Result r = Autodiff.differentiate(g, Map.of("logits", DLOGITS), wrt, perExample);
        for (String p : names(arch.parameterTensors())) {
            bind(g, r.gradients().get(p), grad(p));
            if (request.squared()) {
                bind(g, r.squared().get(p), squared(p));
            }
            if (request.absolute()) {
                bind(g, r.absolute().get(p), absolute(p));
            }
        }
        if (request.input()) {
            bind(g, r.gradients().get(Layers.INPUT), DX);
        }
        return g.toModel();
    }

    /**
     * The two graphs of a training step.
     *
     * @param forward x, parameters, state -> logits, new state, saved values
     * @param backward x, parameters, saved values, dlogits -> parameter gradients
     * @param saved the forward values the backward graph reads, with their shapes
     */
    record Training(ModelProto forward, ModelProto backward, Map<String, Shape> saved) {}

    /**
     * @param arch the architecture
     * @param phasePooling whether convolution blocks ending in a ReLU and a 2x2 max-pool take the
     *     phase form ({@link PhasePooling}; CPU only)
     * @return the forward and backward graphs of a training step
     */
    static Training training(Architecture arch, boolean phasePooling) {
        Layers.Forward f = forward(arch, Layers.Mode.TRAINING);
        List<String> params = names(arch.parameterTensors());
        Graph g = phasePooling ? PhasePooling.rewrite(f.graph(), params) : f.graph();
        int forwardNodes = g.nodes().size();
        Set<String> declared = new HashSet<>(g.inputs().keySet());
        g.input(DLOGITS, Shape.batched(arch.outputs()));
        declared.add(DLOGITS);
        Autodiff.Result r = Autodiff.differentiate(g, Map.of("logits", DLOGITS), params, Set.of());
        List<String> grads = new ArrayList<>();
        for (String p : params) {
            bind(g, r.gradients().get(p), grad(p));
            grads.add(grad(p));
        }
        Graph backward = g.extract("seedscope_backward", forwardNodes, g.nodes().size(), grads);
        Map<String, Shape> saved = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> in : backward.inputs().entrySet()) {
            if (!declared.contains(in.getKey())) {
                saved.put(in.getKey(), in.getValue());
            }
        }
        List<String> outs = new ArrayList<>(List.of("logits"));
        outs.addAll(f.newState().values());
        outs.addAll(saved.keySet());
        Graph forward = g.extract("seedscope_training_forward", 0, forwardNodes, outs);
        return new Training(forward.toModel(), backward.toModel(), saved);
    }

    /** The forward graph with the last layer's value named {@code logits}. */
    private static Layers.Forward forward(Architecture arch, Layers.Mode mode) {
        Layers.Forward f = arch.emit(mode);
        if (!f.logits().equals("logits")) {
            f.graph().rename(f.logits(), "logits");
        }
        String penultimate = f.penultimate().equals(f.logits()) ? "logits" : f.penultimate();
        return new Layers.Forward(f.graph(), "logits", penultimate, f.newState(), f.parameters(), f.state());
    }

    /** Makes {@code value} an output named {@code name}: renamed when a node produces it, else copied. */
    private static void bind(Graph g, String value, String name) {
        if (g.producer(value) >= 0 && !g.outputs().contains(value) && !value.equals("logits")) {
            g.rename(value, name);
        } else {
            g.assign(name, "Identity", List.of(value));
        }
        g.output(name);
    }

    private static List<String> names(List<Architecture.Tensor> tensors) {
        List<String> n = new ArrayList<>();
        for (Architecture.Tensor t : tensors) {
            n.add(t.name());
        }
        return n;
    }
}
