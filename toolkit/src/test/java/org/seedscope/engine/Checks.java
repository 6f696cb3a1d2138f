package org.seedscope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

/** Shared fixtures of the engine's gradient tests: small layer graphs, random data, error norms. */
final class Checks {
    private Checks() {}

    /** A named architecture with the batch it is checked on. */
    record Case(String name, Architecture arch, int batch) {
        Case(String name, Architecture arch) {
            this(name, arch, 3);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * One small network per layer type and option the rules distinguish: odd sizes, strides 1
     * and 2, padding, dilation, groups, a padding remainder larger than the end pad, every pooling
     * form, batch normalisation, residual additions with both kinds of shortcut.
     */
    static List<Case> layerCases() {
        return List.of(
                new Case("mlp 5-4-3-3", new Architecture(5, List.of(4, 3), 3), 4),
                new Case("conv 3x3 s1 p1 on 2x7x9", net(List.of(2, 7, 9),
                        new Layer.Conv2d("conv", "x", 3, 3, 1, 1),
                        new Layer.Relu("relu", "conv"))),
                new Case("conv 3x3 s2 p1 d2 g2 on 4x9x7", net(List.of(4, 9, 7),
                        new Layer.Conv2d("conv", "x", 6, 3, 2, 1, 2, 2, true))),
                new Case("conv 3x3 s1 p1 d2 on 16x7x6 (one GEMM per kernel offset)", net(List.of(16, 7, 6),
                        new Layer.Conv2d("conv", "x", 2, 3, 1, 1, 2, 1, true))),
                new Case("conv 2x2 s1 p0 on 16x5x6 (one GEMM per kernel offset, unpadded)", net(List.of(16, 5, 6),
                        new Layer.Conv2d("conv", "x", 3, 2, 1, 0, 1, 1, false))),
                new Case("conv 3x3 s2 p0 no bias on 3x8x8 (remainder past the pad)", net(List.of(3, 8, 8),
                        new Layer.Conv2d("conv", "x", 4, 3, 2, 0, 1, 1, false))),
                new Case("conv 2x2 s3 p1 g3 on 3x8x7", net(List.of(3, 8, 7),
                        new Layer.Conv2d("conv", "x", 3, 2, 3, 1, 1, 3, true))),
                new Case("batchnorm on 3x5x4", net(List.of(3, 5, 4),
                        new Layer.Conv2d("conv", "x", 4, 3, 1, 1),
                        new Layer.BatchNorm2d("bn", "conv"))),
                new Case("maxpool 2 s2 on 2x7x9", net(List.of(2, 7, 9),
                        new Layer.Conv2d("conv", "x", 3, 3, 1, 1),
                        new Layer.MaxPool2d("pool", "conv", 2, 2, 0))),
                new Case("maxpool 3 s2 p1 (overlapping) on 2x7x8", net(List.of(2, 7, 8),
                        new Layer.Conv2d("conv", "x", 2, 1, 1, 0),
                        new Layer.MaxPool2d("pool", "conv", 3, 2, 1))),
                new Case("avgpool 2 s2 on 2x7x9", net(List.of(2, 7, 9),
                        new Layer.Conv2d("conv", "x", 3, 3, 1, 1),
                        new Layer.AvgPool2d("pool", "conv", 2, 2, 0, true))),
                new Case("avgpool 3 s2 p1 excluding pads on 2x7x8", net(List.of(2, 7, 8),
                        new Layer.Conv2d("conv", "x", 2, 1, 1, 0),
                        new Layer.AvgPool2d("pool", "conv", 3, 2, 1, false))),
                new Case("avgpool 3 s2 p1 including pads on 2x8x7", net(List.of(2, 8, 7),
                        new Layer.Conv2d("conv", "x", 2, 1, 1, 0),
                        new Layer.AvgPool2d("pool", "conv", 3, 2, 1, true))),
                new Case("global average pool on 3x5x6", net(List.of(3, 5, 6),
                        new Layer.Conv2d("conv", "x", 4, 3, 1, 1),
                        new Layer.GlobalAvgPool("pool", "conv"))),
                new Case("residual add with identity and option-A shortcut on 2x6x5", net(List.of(2, 6, 5),
                        new Layer.Conv2d("conv1", "x", 2, 3, 1, 1),
                        new Layer.Relu("relu1", "conv1"),
                        new Layer.Add("add1", "relu1", "x"),
                        new Layer.Conv2d("conv2", "add1", 4, 3, 2, 1),
                        new Layer.Shortcut("short", "add1", 4, 2),
                        new Layer.Add("add2", "conv2", "short"))));
    }

    /** @return the layers, then Flatten and a Dense layer with 3 classes; batch 3 */
    private static Architecture net(List<Integer> input, Layer... layers) {
        List<Layer> all = new java.util.ArrayList<>(List.of(layers));
        all.add(new Layer.Flatten("flatten", layers[layers.length - 1].name()));
        all.add(new Layer.Dense("dense", "flatten", 3, true));
        return new Architecture("test", input, all);
    }

    /**
     * @param arch the architecture
     * @param seed the seed of the initialisation and of the batch-normalisation values
     * @return a model whose batch normalisation has non-trivial gamma, beta and running statistics
     */
    static Model model(Architecture arch, long seed) {
        Model m = Model.initialise(arch, seed);
        SplittableRandom r = new SplittableRandom(seed + 1000);
        for (Architecture.Tensor t : arch.parameterTensors()) {
            for (int i = t.offset(); t.fanIn() == 0 && i < t.end(); i++) {
                m.parameters().set(i, t.fill() + (float) r.nextDouble(-0.5, 0.5));
            }
        }
        for (Architecture.Tensor t : arch.stateTensors()) {
            for (int i = t.offset(); i < t.end(); i++) {
                m.state().set(i, t.fill() + (float) r.nextDouble(-0.3, 0.3));
            }
        }
        return m;
    }

    /** A float64 function of a vector, e.g. the reference loss of the parameters. */
    @FunctionalInterface
    interface Objective {
        double at(double[] v);
    }

    /** Step of the central differences. */
    static final double H = 1e-6;

    /** @return {@code (f(v + H e_k) - f(v - H e_k)) / 2H}; v is restored */
    static double derivative(Objective f, double[] v, int k) {
        double keep = v[k];
        v[k] = keep + H;
        double plus = f.at(v);
        v[k] = keep - H;
        double minus = f.at(v);
        v[k] = keep;
        return (plus - minus) / (2 * H);
    }

    /** @return the central-difference gradient of f at v, every coordinate */
    static double[] gradient(Objective f, double[] v) {
        double[] g = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            g[k] = derivative(f, v, k);
        }
        return g;
    }

    static float[] uniform(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return v;
    }

    /**
     * Asserts {@code actual[from, to)} within 1e-5 of the largest {@code |expected|} there: two graphs
     * that compute the same values with kernels summing in different orders.
     */
    static void assertNear(String what, float[] expected, float[] actual, int from, int to) {
        double scale = 0;
        double worst = 0;
        for (int k = from; k < to; k++) {
            scale = Math.max(scale, Math.abs(expected[k]));
            worst = Math.max(worst, Math.abs(expected[k] - actual[k]));
        }
        assertTrue(scale > 0, what + " is all zeros: the comparison would prove nothing");
        assertTrue(worst <= 1e-5 * scale, what + ": largest difference " + worst + " against scale " + scale);
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    /** @return {@code ||expected - actual|| / ||expected||} */
    static double relativeError(double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, "length");
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < expected.length; i++) {
            diff += (expected[i] - actual[i]) * (expected[i] - actual[i]);
            norm += expected[i] * expected[i];
        }
        assertTrue(norm > 0, "the expected values are identically zero, the check would be vacuous");
        return Math.sqrt(diff) / Math.sqrt(norm);
    }

    static void assertClose(String what, double[] expected, float[] actual, double tolerance) {
        double rel = relativeError(expected, actual);
        assertTrue(rel < tolerance, what + ": relative error " + rel + " >= " + tolerance);
    }
}
