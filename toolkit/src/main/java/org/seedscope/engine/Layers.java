package org.seedscope.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seedscope.engine.graph.Attributes;
import org.seedscope.engine.graph.Graph;
import org.seedscope.engine.graph.Shape;

/**
 * Writes a layer graph as ONNX nodes (the forward rule of each layer) and checks it: every layer
 * reads earlier layers, names are unique, shapes fit, the last layer is a Dense one producing the
 * logits. Parameters and state become graph inputs named {@code <layer>.weight}, {@code .bias},
 * {@code .running_mean}, {@code .running_var}, declared in layer order (the flat layout).
 */
final class Layers {
    static final String INPUT = "x";
    private static final Set<String> RESERVED = Set.of(INPUT, "logits", "probs", "penultimate", "dlogits", "dx");

    private Layers() {}

    /** Batch normalisation with batch statistics (training) or running statistics (evaluation). */
    enum Mode { EVALUATION, TRAINING }

    /**
     * The forward graph of a layer graph.
     *
     * @param graph the graph: input x, parameter and state inputs, one value per layer
     * @param logits the last layer's value
     * @param penultimate the value the last layer reads
     * @param newState state tensor name -> its updated value (training mode)
     * @param parameters parameter tensors in layout order
     * @param state state tensors in layout order
     */
    record Forward(Graph graph, String logits, String penultimate, Map<String, String> newState,
            List<Architecture.Tensor> parameters, List<Architecture.Tensor> state) {}

    static Forward emit(List<Integer> inputShape, List<Layer> layers, Mode mode) {
        Graph g = new Graph(mode == Mode.TRAINING ? "seedscope_training" : "seedscope_forward");
        long[] in = inputShape.stream().mapToLong(Integer::longValue).toArray();
        g.input(INPUT, Shape.batched(in));
        Emitter e = new Emitter(g, mode);
        Set<String> seen = new HashSet<>(Set.of(INPUT));
        for (Layer layer : layers) {
            if (RESERVED.contains(layer.name()) || layer.name().isBlank() || !seen.add(layer.name())) {
                throw new IllegalArgumentException("layer name '" + layer.name() + "' is empty, reserved or used twice");
            }
            for (String input : layer.inputs()) {
                if (!seen.contains(input) || input.equals(layer.name())) {
                    throw new IllegalArgumentException("layer " + layer.name() + " reads '" + input
                            + "', which is neither x nor an earlier layer");
                }
            }
            try {
                e.emit(layer);
            } catch (IllegalArgumentException ex) {
                throw ex.getMessage().startsWith("layer ") ? ex
                        : new IllegalArgumentException("layer " + layer.name() + ": " + ex.getMessage(), ex);
            }
        }
        if (layers.isEmpty() || !(layers.get(layers.size() - 1) instanceof Layer.Dense last)) {
            throw new IllegalArgumentException("the last layer must be Dense (it produces the logits)");
        }
        if (g.shape(last.name()).dim(1) < 2) {
            throw new IllegalArgumentException("the last layer must produce at least 2 classes, got " + last.units());
        }
        return new Forward(g, last.name(), last.input(), e.newState, e.parameters, e.state);
    }

    /** Declares parameters and writes nodes, one layer at a time. */
    private static final class Emitter {
        final Graph g;
        final Mode mode;
        final List<Architecture.Tensor> parameters = new ArrayList<>();
        final List<Architecture.Tensor> state = new ArrayList<>();
        final Map<String, String> newState = new LinkedHashMap<>();

        Emitter(Graph g, Mode mode) {
            this.g = g;
            this.mode = mode;
        }

        void emit(Layer layer) {
            String n = layer.name();
            if (layer instanceof Layer.Dense d) {
                Shape in = g.shape(d.input());
                if (in.rank() != 2) {
                    throw new IllegalArgumentException("layer " + n + ": Dense needs a vector input, got " + perExample(in)
                            + "; add a Flatten layer");
                }
                int k = (int) in.dim(1);
                List<String> args = new ArrayList<>(List.of(d.input(), parameter(n, "weight", k, 0, k, d.units())));
                if (d.bias()) {
                    args.add(parameter(n, "bias", k, 0, d.units()));
                }
                g.assign(n, "Gemm", args);
            } else if (layer instanceof Layer.Conv2d c) {
                long channels = image(n, c.input()).dim(1);
                if (channels % c.groups() != 0 || c.channels() % c.groups() != 0) {
                    throw new IllegalArgumentException("layer " + n + ": groups " + c.groups() + " must divide the "
                            + channels + " input and " + c.channels() + " output channels");
                }
                int perGroup = (int) channels / c.groups();
                int fanIn = perGroup * c.kernel() * c.kernel();
                List<String> args = new ArrayList<>(List.of(c.input(),
                        parameter(n, "weight", fanIn, 0, c.channels(), perGroup, c.kernel(), c.kernel())));
                if (c.bias()) {
                    args.add(parameter(n, "bias", fanIn, 0, c.channels()));
                }
                g.assign(n, "Conv", args, square("kernel_shape", c.kernel()), square("strides", c.stride()),
                        pads(c.padding()), square("dilations", c.dilation()), Attributes.of("group", c.groups()));
            } else if (layer instanceof Layer.BatchNorm2d b) {
                batchNorm(b);
            } else if (layer instanceof Layer.Relu r) {
                g.assign(n, "Relu", r.inputs());
            } else if (layer instanceof Layer.MaxPool2d p) {
                image(n, p.input());
                g.assign(n, "MaxPool", p.inputs(), square("kernel_shape", p.kernel()), square("strides", p.stride()),
                        pads(p.padding()));
            } else if (layer instanceof Layer.AvgPool2d p) {
                image(n, p.input());
                g.assign(n, "AveragePool", p.inputs(), square("kernel_shape", p.kernel()),
                        square("strides", p.stride()), pads(p.padding()),
                        Attributes.of("count_include_pad", p.countIncludePad() ? 1 : 0));
            } else if (layer instanceof Layer.GlobalAvgPool p) {
                image(n, p.input());
                g.assign(n, "GlobalAveragePool", p.inputs());
            } else if (layer instanceof Layer.Flatten f) {
                g.assign(n, "Flatten", f.inputs());
            } else if (layer instanceof Layer.Add a) {
                if (!g.shape(a.a()).equals(g.shape(a.b()))) {
                    throw new IllegalArgumentException("layer " + n + ": Add needs equal shapes, got "
                            + perExample(g.shape(a.a())) + " and " + perExample(g.shape(a.b())));
                }
                g.assign(n, "Add", a.inputs());
            } else if (layer instanceof Layer.Shortcut s) {
                shortcut(s);
            }
        }

        private void batchNorm(Layer.BatchNorm2d b) {
            String n = b.name();
            long channels = image(n, b.input()).dim(1);
            List<String> args = List.of(b.input(), parameter(n, "weight", 0, 1, channels),
                    parameter(n, "bias", 0, 0, channels), state(n, "running_mean", 0, channels),
                    state(n, "running_var", 1, channels));
            if (mode == Mode.EVALUATION) {
                g.assign(n, "BatchNormalization", args, Attributes.of("epsilon", (float) b.epsilon()));
            } else {
                String mean = Graphs.next(args.get(3));
                String var = Graphs.next(args.get(4));
                g.node("BatchNormalizationTraining", args, List.of(n, mean, var),
                        Attributes.of("epsilon", (float) b.epsilon()), Attributes.of("momentum", (float) b.momentum()));
                newState.put(args.get(3), mean);
                newState.put(args.get(4), var);
            }
        }

        private void shortcut(Layer.Shortcut s) {
            long in = image(s.name(), s.input()).dim(1);
            long extra = s.channels() - in;
            if (extra < 0 || extra % 2 != 0) {
                throw new IllegalArgumentException("layer " + s.name() + ": a shortcut from " + in + " to "
                        + s.channels() + " channels needs an even, non-negative number of padded channels");
            }
            float[] kernel = new float[(int) (s.channels() * in)];
            for (int c = 0; c < in; c++) {
                kernel[(int) ((c + extra / 2) * in + c)] = 1f;
            }
            String k = g.constant(s.name() + ".kernel", kernel, s.channels(), in, 1, 1);
            g.assign(s.name(), "Conv", List.of(s.input(), k), square("kernel_shape", 1), square("strides", s.stride()));
        }

        private Shape image(String layer, String input) {
            Shape s = g.shape(input);
            if (s.rank() != 4) {
                throw new IllegalArgumentException("layer " + layer + " needs an image input [C, H, W], got "
                        + perExample(s));
            }
            return s;
        }

        private String parameter(String layer, String kind, int fanIn, float fill, long... dims) {
            return declare(parameters, layer, kind, fanIn, fill, dims);
        }

        private String state(String layer, String kind, float fill, long... dims) {
            return declare(state, layer, kind, 0, fill, dims);
        }

        private String declare(List<Architecture.Tensor> into, String layer, String kind, int fanIn, float fill,
                long... dims) {
            List<Integer> shape = new ArrayList<>();
            long size = 1;
            for (long d : dims) {
                shape.add((int) d);
                size *= d;
            }
            int offset = into.isEmpty() ? 0 : into.get(into.size() - 1).end();
            if (offset + size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("layer " + layer + ": more than 2^31 values in one flat vector");
            }
            Architecture.Tensor t = new Architecture.Tensor(layer + "." + kind, layer, shape, offset, fanIn, fill);
            into.add(t);
            return g.input(t.name(), Shape.of(dims));
        }
    }

    /** @return the shape of one example of a batched value, e.g. {@code [32, 14, 14]} */
    static String perExample(Shape s) {
        long[] d = s.dims();
        return Shape.of(java.util.Arrays.copyOfRange(d, 1, d.length)).toString();
    }

    private static ai.onnx.proto.OnnxMl.AttributeProto square(String name, long v) {
        return Attributes.of(name, new long[] {v, v});
    }

    private static ai.onnx.proto.OnnxMl.AttributeProto pads(long p) {
        return Attributes.of("pads", new long[] {p, p, p, p});
    }

    static void positive(String layer, String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("layer " + layer + ": " + field + " must be at least 1, got " + value);
        }
    }

    static void window(String layer, int kernel, int stride, int padding) {
        positive(layer, "kernel", kernel);
        positive(layer, "stride", stride);
        if (padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException("layer " + layer + ": padding must be in [0, kernel / 2], got " + padding);
        }
    }
}
