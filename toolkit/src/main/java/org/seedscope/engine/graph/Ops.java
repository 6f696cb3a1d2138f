package org.seedscope.engine.graph;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.List;

/** Small emitters shared by the rules. */
final class Ops {
    private Ops() {}

    static String reduceSum(Graph g, String x, long[] axes, boolean keepDims) {
        return g.op("ReduceSum", x, g.int64s(axes), Attributes.of("keepdims", keepDims ? 1 : 0));
    }

    static String reshape(Graph g, String x, long... dims) {
        return g.op("Reshape", x, g.int64s(dims));
    }

    static String transpose(Graph g, String x, long... perm) {
        return g.op("Transpose", x, Attributes.of("perm", perm));
    }

    static String square(Graph g, String x) {
        return g.op("Mul", x, x);
    }

    /** @return axes {@code [from, from + 1, ..., rank)} */
    static long[] axesFrom(int from, int rank) {
        long[] a = new long[rank - from];
        for (int i = from; i < rank; i++) {
            a[i - from] = i;
        }
        return a;
    }

    /** @return every axis but 1 (the channels): the reduction axes of a per-channel statistic */
    static long[] allButChannels(int rank) {
        long[] a = new long[rank - 1];
        a[0] = 0;
        for (int i = 2; i < rank; i++) {
            a[i - 1] = i;
        }
        return a;
    }

    /** @return {@code [1, C, 1, ...]} of the given rank: a per-channel vector made broadcastable */
    static long[] channelShape(int rank, long channels) {
        long[] d = new long[rank];
        java.util.Arrays.fill(d, 1);
        d[1] = channels;
        return d;
    }

    /**
     * Sums a gradient of the broadcast result shape {@code y} back to an operand's shape {@code x}
     * (numpy broadcasting): leading axes and axes where {@code x} has size 1 are summed. A sum over
     * the rows of a matrix (a Dense layer's bias) is the product {@code 1^T dY} with a vector of ones
     * as long as the batch: ONNX Runtime's ReduceSum over axis 0 took about 3.5x as long as that
     * MatMul for 128 x 256 values.
     */
    static String unbroadcast(Graph g, String dY, Shape y, Shape x) {
        if (y.equals(x)) {
            return dY;
        }
        int lead = y.rank() - x.rank();
        List<Long> axes = new ArrayList<>();
        for (int i = 0; i < y.rank(); i++) {
            if (i < lead || (x.dim(i - lead) == 1 && y.dim(i) != 1)) {
                axes.add((long) i);
            }
        }
        String summed;
        if (axes.isEmpty()) {
            summed = dY;
        } else if (y.rank() == 2 && axes.equals(List.of(0L))) {
            summed = g.op("MatMul", ones(g, dY), dY);
        } else {
            summed = reduceSum(g, dY, axes.stream().mapToLong(Long::longValue).toArray(), true);
        }
        return reshape(g, summed, x.rank() == 0 ? new long[0] : x.dims());
    }

    /** @return a vector of ones as long as {@code x}'s first axis */
    static String ones(Graph g, String x) {
        TensorProto one = TensorProto.newBuilder().setDataType(TensorProto.DataType.FLOAT.getNumber()).addDims(1)
                .addFloatData(1f).build();
        return g.op("ConstantOfShape", g.op("Shape", x, Attributes.of("end", 1)),
                AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR).setT(one)
                        .build());
    }

    /**
     * @param g the graph
     * @param perExample per-example gradients, examples along axis 0
     * @param shape the parameter's shape
     * @return {@code sum_n g_n^2} and {@code sum_n |g_n|}, reshaped to the parameter's shape
     */
    static OpRule.PerExample sums(Graph g, String perExample, long[] shape) {
        String sq = reduceSum(g, square(g, perExample), new long[] {0}, false);
        String abs = reduceSum(g, g.op("Abs", perExample), new long[] {0}, false);
        return new OpRule.PerExample(reshape(g, sq, shape), reshape(g, abs, shape));
    }

    static List<String> list(String... values) {
        List<String> l = new ArrayList<>();
        for (String v : values) {
            l.add(v);
        }
        return l;
    }
}
