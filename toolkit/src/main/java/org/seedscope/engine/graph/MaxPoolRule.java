package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.List;

/**
 * 2-D max pooling (kernel, strides, pads, dilations; floor mode). Each window's gradient goes to
 * the one input position ONNX Runtime reports as its maximum (the first in row-major window order
 * on ties, as PyTorch). Backward: the forward pooling is repeated with its {@code Indices} output
 * (flat over the whole input tensor), then
 * <ul>
 *   <li>windows that tile the input (kernel = stride, no pads, no dilation):
 *       {@code dX = MaxUnpool(dY, I, output_shape = Shape(X))};</li>
 *   <li>otherwise, overlapping windows included: {@code dX = ScatterElements(0, I, dY; reduction add)}
 *       over the flattened input.</li>
 * </ul>
 * Only the forward values (Y) are written by the forward node; indices are recomputed here
 * because asking MaxPool for them is several times slower than plain pooling.
 *
 * <p>When the input is a ReLU's output that nothing else reads, the ReLU's mask is applied here,
 * on the pooled side: {@code dY' = Where(Y > 0, dY, 0)} before the scatter. A window's gradient
 * reaches its first maximum, which is positive exactly when Y is, so this equals masking the
 * scattered gradient at full size, in a quarter (for 2x2 windows) of the element-wise work; the
 * result is named for {@link ReluRule} to pass it through.
 */
final class MaxPoolRule implements OpRule {

    @Override
    public List<Shape> infer(NodeProto node, List<Shape> in, Graph g) {
        if (Attributes.integer(node, "storage_order", 0) != 0) {
            throw new IllegalArgumentException("storage_order 1 is not supported");
        }
        Shape x = in.get(0);
        Window w = window(node, x);
        Shape y = Shape.of(x.dim(0), x.dim(1), w.output(0), w.output(1));
        List<Shape> out = new ArrayList<>();
        for (int i = 0; i < node.getOutputCount(); i++) {
            out.add(y);
        }
        return out;
    }

    static Window window(NodeProto node, Shape x) {
        long[] kernel = Attributes.integers(node, "kernel_shape", 0, 0);
        if (kernel.length != 2) {
            throw new IllegalArgumentException("kernel_shape needs 2 values");
        }
        return Window.of(node, kernel, x);
    }

    @Override
    public List<String> backward(NodeProto node, List<String> dOut, boolean[] needed, Graph g) {
        String x = node.getInput(0);
        Window w = window(node, g.shape(x));
        boolean masks = ReluRule.maskable(g, x);
        NodeProto.Builder again = node.toBuilder().setName(g.fresh(node.getName() + ".indices")).clearOutput()
                .addOutput(g.fresh(node.getName() + ".values")).addOutput(g.fresh(node.getName() + ".argmax"));
        NodeProto pool = again.build();
        g.add(pool);
        String indices = pool.getOutput(1);
        String dY = masks ? ReluRule.mask(g, node.getOutput(0), dOut.get(0)) : dOut.get(0);
        String dX = g.fresh(x + (masks ? ReluRule.MASKED : ".grad"));
        String shape = g.op("Shape", x);
        if (w.tiles()) {
            g.assign(dX, "MaxUnpool", List.of(dY, indices, shape),
                    Attributes.of("kernel_shape", w.kernel()), Attributes.of("strides", w.strides()));
            return Ops.list(dX);
        }
        String flat = Ops.reshape(g, x, -1);
        String zeros = g.op("ConstantOfShape", g.op("Shape", flat));
        String scattered = g.op("ScatterElements", List.of(zeros, Ops.reshape(g, indices, -1), Ops.reshape(g, dY, -1)),
                Attributes.of("axis", 0), reduction());
        g.assign(dX, "Reshape", List.of(scattered, shape));
        return Ops.list(dX);
    }

    private static ai.onnx.proto.OnnxMl.AttributeProto reduction() {
        return ai.onnx.proto.OnnxMl.AttributeProto.newBuilder().setName("reduction")
                .setType(ai.onnx.proto.OnnxMl.AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8("add")).build();
    }
}
