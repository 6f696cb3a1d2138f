package org.seedscope.engine.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.seedscope.engine.graph.Reference.T;

/**
 * Backward rules for operator options that imported graphs use and the built-in layers do not
 * (Gemm transposes, alpha and beta, MatMul with a batch of matrices, asymmetric pads, rectangular
 * kernels, strides and dilations per axis, broadcasting Add, BatchNormalization on vectors,
 * Reshape), each differentiated by {@link Autodiff} on a one-node graph, run in ONNX Runtime and
 * compared with float64 central finite differences of {@link Reference}. Loss {@code sum r . y}.
 */
class OpRulesTest {
    private static final double H = 1e-6;
    private static final int BATCH = 3;

    /** One graph input: its shape (dimension 0 may be the batch, -1) and random values. */
    private record Input(String name, long[] dims) {}

    @Test
    void gemmWithTransposedWeightAlphaAndBeta() {
        check("Gemm transB alpha beta", List.of(new Input("a", new long[] {-1, 4}), new Input("b", new long[] {5, 4}),
                new Input("c", new long[] {5})),
                g -> g.op("Gemm", List.of("a", "b", "c"), Attributes.of("transB", 1), Attributes.of("alpha", 0.5f),
                        Attributes.of("beta", 2f)),
                v -> {
                    T y = Reference.dense(v.get("a"), v.get("b"), null, true);
                    double[] c = v.get("c").v();
                    for (int i = 0; i < y.v().length; i++) {
                        y.v()[i] = 0.5 * y.v()[i] + 2 * c[i % 5];
                    }
                    return y;
                });
    }

    @Test
    void gemmWithTransposedInputAndAFullMatrixC() {
        check("Gemm transA, C [M, N]", List.of(new Input("a", new long[] {4, 3}), new Input("b", new long[] {4, 5}),
                new Input("c", new long[] {3, 5})),
                g -> g.op("Gemm", List.of("a", "b", "c"), Attributes.of("transA", 1)),
                v -> {
                    T a = v.get("a");
                    double[] at = new double[12];
                    for (int i = 0; i < 4; i++) {
                        for (int j = 0; j < 3; j++) {
                            at[j * 4 + i] = a.v()[i * 3 + j];
                        }
                    }
                    T y = Reference.dense(new T(at, new int[] {3, 4}), v.get("b"), null, false);
                    return Reference.add(y, v.get("c"));
                });
    }

    @Test
    void elementwiseMaxOfThreeInputs() {
        check("Max of three [N, 2, 3]", List.of(new Input("a", new long[] {-1, 2, 3}), new Input("b", new long[] {-1, 2, 3}),
                new Input("c", new long[] {-1, 2, 3})),
                g -> g.op("Max", List.of("a", "b", "c")),
                v -> {
                    double[] y = v.get("a").v().clone();
                    for (String other : new String[] {"b", "c"}) {
                        for (int i = 0; i < y.length; i++) {
                            y[i] = Math.max(y[i], v.get(other).v()[i]);
                        }
                    }
                    return new T(y, v.get("a").shape().clone());
                });
        Graph g = new Graph("broadcast");
        g.input("a", Shape.of(-1, 2, 3));
        g.input("b", Shape.of(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.op("Max", "a", "b"));
        assertTrue(e.getMessage().contains("Max needs inputs of one shape"), e.getMessage());
    }

    @Test
    void matMulOfABatchOfMatrices() {
        check("MatMul [N, 2, 4] x [4, 5]", List.of(new Input("a", new long[] {-1, 2, 4}), new Input("b", new long[] {4, 5})),
                g -> g.op("MatMul", "a", "b"),
                v -> {
                    T a = v.get("a");
                    T y = Reference.dense(new T(a.v(), new int[] {a.d(0) * 2, 4}), v.get("b"), null, false);
                    return new T(y.v(), new int[] {a.d(0), 2, 5});
                });
    }

    @Test
    void convolutionWithAsymmetricPadsAndPerAxisGeometry() {
        check("Conv 2x3, pads [0, 1, 2, 1], strides [2, 1], dilations [1, 2]",
                List.of(new Input("x", new long[] {-1, 2, 7, 6}), new Input("w", new long[] {3, 2, 2, 3}),
                        new Input("b", new long[] {3})),
                g -> g.op("Conv", List.of("x", "w", "b"), Attributes.of("pads", new long[] {0, 1, 2, 1}),
                        Attributes.of("strides", new long[] {2, 1}), Attributes.of("dilations", new long[] {1, 2})),
                v -> Reference.conv(v.get("x"), v.get("w"), v.get("b").v(), new int[] {2, 1}, new int[] {0, 1, 2, 1},
                        new int[] {1, 2}, 1));
    }

    @Test
    void averagePoolWithAsymmetricPadsExcludingPadding() {
        check("AveragePool 3x2, pads [1, 0, 0, 1], strides [2, 1]", List.of(new Input("x", new long[] {-1, 2, 7, 5})),
                g -> g.op("AveragePool", "x", Attributes.of("kernel_shape", new long[] {3, 2}),
                        Attributes.of("pads", new long[] {1, 0, 0, 1}), Attributes.of("strides", new long[] {2, 1})),
                v -> Reference.avgPool(v.get("x"), new int[] {3, 2}, new int[] {2, 1}, new int[] {1, 0, 0, 1}, false));
    }

    @Test
    void maxPoolWithDilation() {
        check("MaxPool 2x2 dilation 2", List.of(new Input("x", new long[] {-1, 2, 7, 6})),
                g -> g.op("MaxPool", "x", Attributes.of("kernel_shape", new long[] {2, 2}),
                        Attributes.of("dilations", new long[] {2, 2}), Attributes.of("strides", new long[] {1, 2})),
                v -> Reference.maxPool(v.get("x"), new int[] {2, 2}, new int[] {1, 2}, new int[4], new int[] {2, 2}));
    }

    @Test
    void addBroadcastingAConstantAlongTheBatchAndAnAxis() {
        check("Add [N, 3, 4] + [3, 1]", List.of(new Input("x", new long[] {-1, 3, 4}), new Input("b", new long[] {3, 1})),
                g -> g.op("Add", "x", "b"),
                v -> {
                    T x = v.get("x");
                    double[] y = x.v().clone();
                    for (int i = 0; i < y.length; i++) {
                        y[i] += v.get("b").v()[(i / 4) % 3];
                    }
                    return new T(y, x.shape());
                });
    }

    @Test
    void batchNormalisationOfVectorsThenReshape() {
        check("BatchNormalization [N, 6] then Reshape [0, 2, 3]", List.of(new Input("x", new long[] {-1, 6}),
                new Input("g", new long[] {6}), new Input("b", new long[] {6}), new Input("m", new long[] {6}),
                new Input("v", new long[] {6})),
                g -> Ops.reshape(g, g.op("BatchNormalization", List.of("x", "g", "b", "m", "v")), 0, 2, 3),
                v -> {
                    T y = Reference.batchNorm(v.get("x"), v.get("g").v(), v.get("b").v(), v.get("m").v(), v.get("v").v(),
                            1e-5, null);
                    return new T(y.v(), new int[] {y.d(0), 2, 3});
                });
    }

    @Test
    void unsupportedOperatorsAreNamedWithTheSupportedOnes() {
        Graph g = new Graph("t");
        g.input("x", Shape.batched(3));
        g.op("Tanh", "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Autodiff.differentiate(g, Map.of(g.nodes().get(0).getOutput(0), "x"), List.of("x"), Set.of()));
        assertTrue(e.getMessage().startsWith("operator Tanh is not supported; supported: Add, AveragePool"),
                e.getMessage());
    }

    private static void check(String what, List<Input> inputs, Function<Graph, String> build,
            Function<Map<String, T>, T> reference) {
        SplittableRandom random = new SplittableRandom(what.hashCode());
        Graph g = new Graph("op");
        Map<String, T> values = new LinkedHashMap<>();
        for (Input in : inputs) {
            g.input(in.name(), Shape.of(in.dims()));
            int[] shape = new int[in.dims().length];
            int size = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = (int) (in.dims()[i] < 0 ? BATCH : in.dims()[i]);
                size *= shape[i];
            }
            double[] v = new double[size];
            for (int i = 0; i < size; i++) {
                // float-representable values, variances positive
                v[i] = (float) (in.name().equals("v") ? 0.5 + random.nextDouble() : random.nextDouble(-1, 1));
            }
            values.put(in.name(), new T(v, shape));
        }
        String y = build.apply(g);
        T expectedY = reference.apply(values);
        g.input("dy", Shape.of(g.shape(y).dims()));
        double[] r = new double[expectedY.v().length];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) random.nextDouble(-1, 1);
        }
        List<String> wrt = inputs.stream().map(Input::name).filter(n -> !n.equals("m") && !n.equals("v")).toList();
        Autodiff.Result result = Autodiff.differentiate(g, Map.of(y, "dy"), new ArrayList<>(wrt), Set.of());
        for (String w : wrt) {
            g.assign("d_" + w, "Identity", List.of(result.gradients().get(w)));
            g.output("d_" + w);
        }
        Map<String, float[]> actual = run(g, values, r, expectedY.shape(), wrt);
        for (String w : wrt) {
            T t = values.get(w);
            double[] fd = new double[t.v().length];
            for (int i = 0; i < fd.length; i++) {
                double keep = t.v()[i];
                t.v()[i] = keep + H;
                double plus = Reference.dot(reference.apply(values), r);
                t.v()[i] = keep - H;
                double minus = Reference.dot(reference.apply(values), r);
                t.v()[i] = keep;
                fd[i] = (plus - minus) / (2 * H);
            }
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < fd.length; i++) {
                diff += (fd[i] - actual.get(w)[i]) * (fd[i] - actual.get(w)[i]);
                norm += fd[i] * fd[i];
            }
            assertTrue(norm > 0, what + ": gradient of " + w + " is zero, the check would be vacuous");
            double rel = Math.sqrt(diff / norm);
            assertTrue(rel < 1e-3, what + ": gradient of " + w + " has relative error " + rel);
        }
    }

    private static Map<String, float[]> run(Graph g, Map<String, T> values, double[] r, int[] yShape, List<String> wrt) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> in = new HashMap<>();
        Map<String, float[]> out = new HashMap<>();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                OrtSession s = env.createSession(g.toModel().toByteArray(), options)) {
            for (Map.Entry<String, T> v : values.entrySet()) {
                in.put(v.getKey(), tensor(env, v.getValue().v(), v.getValue().shape()));
            }
            in.put("dy", tensor(env, r, yShape));
            try (OrtSession.Result res = s.run(in)) {
                for (String w : wrt) {
                    FloatBuffer b = ((OnnxTensor) res.get("d_" + w).orElseThrow()).getFloatBuffer();
                    float[] f = new float[b.remaining()];
                    b.get(f);
                    assertEquals(values.get(w).v().length, f.length, "gradient size of " + w);
                    out.put(w, f);
                }
            }
        } catch (ai.onnxruntime.OrtException e) {
            throw new IllegalStateException(e);
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
        return out;
    }

    private static OnnxTensor tensor(OrtEnvironment env, double[] v, int[] shape) throws ai.onnxruntime.OrtException {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        long[] dims = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            dims[i] = shape[i];
        }
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(f), dims);
    }
}
