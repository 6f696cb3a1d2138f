package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites the convolutions of a graph that ONNX Runtime will run on its CPU provider into
 * ONNX Runtime's blocked-channel ("NCHWc") kernels, domain {@value #DOMAIN}, for graphs whose weights
 * are inputs. ONNX Runtime applies these kernels by itself only when the weights are constants
 * (it reorders them once when the session is built); with weights as graph inputs, as in every
 * training graph, it falls back to a slower im2col convolution. Here the reordering is written
 * into the graph with standard Reshape and Transpose nodes, so it runs on each call on the small
 * weight tensors:
 * <ul>
 *   <li>{@code Conv(X, W, B)}, one group, 2-D, M output channels a multiple of the block size b,
 *       C input channels a multiple of b or fewer than b: {@code ReorderOutput(nchwc.Conv(X', W', B))}
 *       with {@code X' = ReorderInput(X)} (or X itself when C &lt; b) and W' the weight in
 *       {@code OIHWBiBo} order, {@code [M/b, C/b, kh, kw, b_in, b_out]} (or {@code OIHWBo},
 *       {@code [M/b, C, kh, kw, b_out]}, when C &lt; b);</li>
 *   <li>{@code ConvTranspose(dY, W)} with stride 1, one group and no output padding (a stride-1
 *       convolution's input gradient): the equal convolution of dY with the weight transposed and
 *       flipped, {@code W~[c, m, i, j] = W[m, c, kh-1-i, kw-1-j]}, pads {@code d (k - 1) - p},
 *       rewritten as above.</li>
 * </ul>
 * A ReLU that is the only reader of a rewritten convolution's output (not itself a graph output)
 * is applied by the kernel ({@code activation = "Relu"}) and its node removed. A max-pool of a
 * rewritten node's output pools the blocked tensor, and a convolution reading either reads the
 * blocked tensor, so the layout changes once; NCHW copies are written only where something else
 * reads them. An input read by several convolutions is reordered once, and a convolution whose
 * input is a Slice over the spatial axes (the cropped inputs of {@link PhaseConvRule}'s four
 * convolutions) reads the same Slice of the blocked input, viewed as {@code [N, C/b, H, W, b]}.
 * Other nodes, and convolutions outside these conditions, are kept. The result is the same
 * function up to float rounding (the blocked kernel sums in another order), deterministic run to
 * run and across thread counts (each output is summed by one thread). The rewritten graph is for
 * ONNX Runtime's CPU provider only; files the engine writes never contain it.
 */
public final class NchwcConvolutions {
    /** ONNX Runtime's domain of the blocked-channel CPU kernels. */
    public static final String DOMAIN = "com.microsoft.nchwc";

    private final int block;
    private final Map<String, long[]> shapes = new HashMap<>();
    private final Set<String> names = new HashSet<>();
    private final List<NodeProto> out = new ArrayList<>();
    private final Map<String, List<NodeProto>> readers = new HashMap<>();
    private final Set<String> outputs = new HashSet<>();
    private final Set<NodeProto> fused = new HashSet<>();
    /** NCHW value -> the same value in blocked layout, where a rewritten node produced both. */
    private final Map<String, Blocked> twins = new HashMap<>();
    /** Values dropped when nothing reads them: NCHW copies written here, slices replaced by blocked ones. */
    private final Set<String> droppable = new HashSet<>();
    /** NCHW value -> its one ReorderInput, shared by the convolutions reading it. */
    private final Map<String, String> reorderedInputs = new HashMap<>();
    private final Map<String, NodeProto> producers = new HashMap<>();
    private final Map<String, long[]> int64Constants = new HashMap<>();
    private int counter;

    /** A value in blocked layout and its channel count. */
    private record Blocked(String name, long channels) {}

    private NchwcConvolutions(int block) {
        this.block = block;
    }

    /**
     * @param model a model whose convolution weights are graph inputs or initializers of known shape
     * @param blockSize ONNX Runtime's NCHWc block size on this CPU (8 with AVX2, 16 with AVX-512)
     * @return the model with every qualifying Conv and ConvTranspose rewritten; the model itself
     *     when none qualifies
     */
    public static ModelProto rewrite(ModelProto model, int blockSize) {
        if (blockSize < 4 || Integer.bitCount(blockSize) != 1) {
            throw new IllegalArgumentException("the NCHWc block size must be a power of two of at least 4, got "
                    + blockSize);
        }
        return new NchwcConvolutions(blockSize).apply(model);
    }

    private ModelProto apply(ModelProto model) {
        GraphProto g = model.getGraph();
        for (ValueInfoProto v : g.getInputList()) {
            names.add(v.getName());
            long[] dims = dims(v.getType().getTensorType().getShape());
            if (dims != null) {
                shapes.put(v.getName(), dims);
            }
        }
        for (TensorProto t : g.getInitializerList()) {
            names.add(t.getName());
            shapes.put(t.getName(), t.getDimsList().stream().mapToLong(Long::longValue).toArray());
            long[] values = Tensors.int64Values(t);
            if (values != null) {
                int64Constants.put(t.getName(), values);
            }
        }
        for (NodeProto n : g.getNodeList()) {
            names.addAll(n.getOutputList());
            n.getOutputList().forEach(o -> producers.put(o, n));
            for (String in : n.getInputList()) {
                readers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
        g.getOutputList().forEach(o -> outputs.add(o.getName()));
        boolean changed = false;
        for (NodeProto n : g.getNodeList()) {
            if (fused.contains(n)) {
                continue;
            }
            boolean done = n.getDomain().isEmpty()
                    && (n.getOpType().equals("Conv") && convolution(n) || n.getOpType().equals("ConvTranspose")
                            && transposed(n) || n.getOpType().equals("MaxPool") && pooled(n));
            if (!done) {
                out.add(n);
            }
            changed |= done;
        }
        if (!changed) {
            return model;
        }
        Set<String> read = new HashSet<>(outputs);
        out.forEach(n -> read.addAll(n.getInputList()));
        out.removeIf(n -> droppable.contains(n.getOutput(0)) && !read.contains(n.getOutput(0)));
        ModelProto.Builder b = model.toBuilder();
        b.getGraphBuilder().clearNode().addAllNode(out);
        b.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(DOMAIN).setVersion(1));
        return b.build();
    }

    /** @return true when the Conv node was rewritten */
    private boolean convolution(NodeProto n) {
        long[] w = shapes.get(n.getInput(1));
        if (!plain(n, w) || Attributes.integer(n, "group", 1) != 1) {
            return false;
        }
        long m = w[0];
        long c = w[1];
        if (m % block != 0 || c % block != 0 && c >= block) {
            return false;
        }
        String bias = n.getInputCount() > 2 ? n.getInput(2) : "";
        emit(n, reorderedWeight(n.getInput(1), m, c, w[2], w[3], false), bias, new long[] {m, c, w[2], w[3]},
                Attributes.integers(n, "pads", 4, 0));
        return true;
    }

    /** @return true when the ConvTranspose node was rewritten as the equal convolution */
    private boolean transposed(NodeProto n) {
        long[] w = shapes.get(n.getInput(1));
        if (!plain(n, w) || Attributes.integer(n, "group", 1) != 1 || has(n, "output_shape")) {
            return false;
        }
        for (long s : Attributes.integers(n, "strides", 2, 1)) {
            if (s != 1) {
                return false;
            }
        }
        for (long r : Attributes.integers(n, "output_padding", 2, 0)) {
            if (r != 0) {
                return false;
            }
        }
        long m = w[0];
        long c = w[1];
        long[] d = Attributes.integers(n, "dilations", 2, 1);
        long[] p = Attributes.integers(n, "pads", 4, 0);
        long[] kernel = {w[2], w[3]};
        long[] pads = new long[4];
        for (int i = 0; i < 4; i++) {
            pads[i] = d[i % 2] * (kernel[i % 2] - 1) - p[i];
            if (pads[i] < 0) {
                return false;
            }
        }
        // the equal convolution has C output and M input channels
        if (c % block != 0 || m % block != 0) {
            return false;
        }
        String bias = n.getInputCount() > 2 ? n.getInput(2) : "";
        emit(n, reorderedWeight(n.getInput(1), c, m, w[2], w[3], true), bias, new long[] {c, m, w[2], w[3]}, pads);
        return true;
    }

    /**
     * Writes ReorderInput (when needed), the blocked Conv and ReorderOutput into the node's output.
     *
     * @param run the run's weight shape {@code [M, C, kh, kw]}
     */
    private void emit(NodeProto n, String weight, String bias, long[] run, long[] pads) {
        String result = n.getOutput(0);
        List<NodeProto> by = readers.getOrDefault(result, List.of());
        NodeProto relu = by.size() == 1 && by.get(0).getOpType().equals("Relu") && by.get(0).getDomain().isEmpty()
                && !outputs.contains(result) ? by.get(0) : null;
        String input = run[1] >= block ? blocked(n.getInput(0), run[1]) : n.getInput(0);
        List<String> in = new ArrayList<>(List.of(input, weight));
        if (!bias.isEmpty()) {
            in.add(bias);
        }
        List<AttributeProto> attributes = new ArrayList<>(List.of(Attributes.of("kernel_shape",
                new long[] {run[2], run[3]}), Attributes.of("strides", Attributes.integers(n, "strides", 2, 1)),
                Attributes.of("dilations", Attributes.integers(n, "dilations", 2, 1)), Attributes.of("pads", pads)));
        if (relu != null) {
            // the convolution's only reader is a ReLU: the kernel applies it, and the ReLU node goes
            attributes.add(AttributeProto.newBuilder().setName("activation").setType(AttributeProto.AttributeType.STRING)
                    .setS(com.google.protobuf.ByteString.copyFromUtf8("Relu")).build());
            fused.add(relu);
            result = relu.getOutput(0);
        }
        String y = node("Conv", DOMAIN, in, attributes.toArray(AttributeProto[]::new));
        reorderOutput(new Blocked(y, run[0]), result);
    }

    /**
     * @param value an NCHW value with {@code channels} channels, a multiple of the block size
     * @return it in blocked layout: a rewritten node's twin; for a Slice over the spatial axes (the
     *     cropped inputs of {@link PhaseConvRule}'s convolutions), the same Slice of its input's
     *     blocked form viewed as {@code [N, C/b, H, W, b]}; else one ReorderInput per value
     */
    private String blocked(String value, long channels) {
        Blocked twin = twins.get(value);
        if (twin != null) {
            return twin.name();
        }
        NodeProto slice = producers.get(value);
        if (slice != null && spatialSlice(slice)) {
            String viewed = node("Reshape", "", List.of(blocked(slice.getInput(0), channels),
                    longs(0, channels / block, 0, 0, block)));
            String cut = node("Slice", "", List.of(viewed, slice.getInput(1), slice.getInput(2), slice.getInput(3)));
            droppable.add(value);
            return node("Reshape", "", List.of(cut, longs(0, channels, 0, 0)));
        }
        return reorderedInputs.computeIfAbsent(value, v -> node("ReorderInput", DOMAIN, List.of(v)));
    }

    /** @return true for a Slice, without steps, of constant axes among the spatial axes 2 and 3 */
    private boolean spatialSlice(NodeProto n) {
        if (!n.getOpType().equals("Slice") || !n.getDomain().isEmpty() || n.getInputCount() != 4) {
            return false;
        }
        long[] axes = int64Constants.get(n.getInput(3));
        return axes != null && Arrays.stream(axes).allMatch(a -> a == 2 || a == 3);
    }

    /**
     * A max-pool (values only) of a value a rewritten node also gave in blocked layout: pools that
     * with ONNX Runtime's blocked kernel, so a following convolution reads it without reordering.
     *
     * @return true when rewritten
     */
    private boolean pooled(NodeProto n) {
        Blocked in = twins.get(n.getInput(0));
        if (in == null || n.getOutputCount() != 1 || Attributes.integer(n, "storage_order", 0) != 0) {
            return false;
        }
        NodeProto.Builder pool = NodeProto.newBuilder().setOpType("MaxPool").setDomain(DOMAIN)
                .setName(fresh("maxpool_node")).addInput(in.name()).addOutput(fresh("maxpool_nchwc"));
        for (AttributeProto a : n.getAttributeList()) {
            if (!a.getName().equals("storage_order")) {
                pool.addAttribute(a);
            }
        }
        out.add(pool.build());
        reorderOutput(new Blocked(pool.getOutput(0), in.channels()), n.getOutput(0));
        return true;
    }

    /** Writes {@code value} in NCHW layout as {@code nchw}, kept only if something reads it. */
    private void reorderOutput(Blocked value, String nchw) {
        out.add(NodeProto.newBuilder().setOpType("ReorderOutput").setDomain(DOMAIN).setName(fresh("reorder_output"))
                .addInput(value.name()).addOutput(nchw).addAttribute(Attributes.of("channels", value.channels()))
                .build());
        twins.put(nchw, value);
        droppable.add(nchw);
    }

    /**
     * @param w the weight {@code [M, C, kh, kw]} of the node (for a transposed node, {@code [C', M', kh, kw]}
     *     of the equal convolution's M' input and C' output channels, which is swapped and flipped first)
     * @param m output channels of the convolution run
     * @param c input channels of the convolution run
     * @return the weight as the blocked kernel reads it, shaped {@code [m, c, kh, kw]}
     */
    private String reorderedWeight(String w, long m, long c, long kh, long kw, boolean transposedFlipped) {
        long b = block;
        String source = w;
        long[] perm;
        long[] blocks;
        if (transposedFlipped) {
            // W is [c, m, kh, kw] in the run's channels: flip the kernel, then view it as
            // [c/b, b, m/b, b, kh, kw], the first pair being the run's input channels
            source = node("Slice", "", List.of(w, longs(-1, -1), longs(Long.MIN_VALUE, Long.MIN_VALUE), longs(2, 3),
                    longs(-1, -1)));
            blocks = new long[] {c / b, b, m / b, b, kh, kw};
            perm = new long[] {2, 0, 4, 5, 1, 3};
        } else if (c >= b) {
            blocks = new long[] {m / b, b, c / b, b, kh, kw};
            perm = new long[] {0, 2, 4, 5, 3, 1};
        } else {
            blocks = new long[] {m / b, b, c, kh, kw};
            perm = new long[] {0, 2, 3, 4, 1};
        }
        String viewed = node("Reshape", "", List.of(source, longs(blocks)));
        String ordered = node("Transpose", "", List.of(viewed), Attributes.of("perm", perm));
        return node("Reshape", "", List.of(ordered, longs(m, c, kh, kw)));
    }

    private String longs(long... values) {
        String name = fresh("nchwc_const");
        TensorProto.Builder t = TensorProto.newBuilder().setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(values.length);
        for (long v : values) {
            t.addInt64Data(v);
        }
        out.add(NodeProto.newBuilder().setOpType("Constant").setName(fresh("constant")).addOutput(name)
                .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                        .setT(t.setName(name)))
                .build());
        return name;
    }

    private String node(String op, String domain, List<String> in, AttributeProto... attributes) {
        String y = fresh(op.toLowerCase() + "_nchwc");
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(op).setDomain(domain).setName(fresh(op + "_node"))
                .addAllInput(in).addOutput(y);
        for (AttributeProto a : attributes) {
            b.addAttribute(a);
        }
        out.add(b.build());
        return y;
    }

    private String fresh(String hint) {
        String name;
        do {
            name = hint + "_" + counter++;
        } while (!names.add(name));
        return name;
    }

    /** @return true for a 2-D node of known weight shape without auto_pad */
    private static boolean plain(NodeProto n, long[] w) {
        return w != null && w.length == 4 && Attributes.string(n, "auto_pad", "NOTSET").equals("NOTSET");
    }

    private static boolean has(NodeProto n, String attribute) {
        return n.getAttributeList().stream().anyMatch(a -> a.getName().equals(attribute));
    }

    private static long[] dims(TensorShapeProto shape) {
        long[] d = new long[shape.getDimCount()];
        for (int i = 0; i < d.length; i++) {
            if (!shape.getDim(i).hasDimValue()) {
                return null;
            }
            d[i] = shape.getDim(i).getDimValue();
        }
        return d;
    }
}
