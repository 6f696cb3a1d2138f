package org.seedscope.engine.graph;

/**
 * Float64 reference implementations of the operators, written from their definitions with plain
 * loops (nothing shared with the ONNX rules), for finite-difference checks. Tensors are row-major
 * double arrays with explicit shapes; images are {@code [N, C, H, W]}.
 */
public final class Reference {
    private Reference() {}

    /** A tensor: values and shape. */
    public record T(double[] v, int[] shape) {
        /** @return dimension i */
        public int d(int i) {
            return shape[i];
        }
    }

    /**
     * Convolution (cross-correlation) as PyTorch's conv2d, zero padding {@code [top, left, bottom, right]}.
     *
     * @return {@code [N, M, Ho, Wo]}
     */
    public static T conv(T x, T w, double[] b, int[] stride, int[] pads, int[] dil, int groups) {
        int n = x.d(0), c = x.d(1), h = x.d(2), wd = x.d(3);
        int m = w.d(0), cg = w.d(1), kh = w.d(2), kw = w.d(3);
        int ho = (h + pads[0] + pads[2] - dil[0] * (kh - 1) - 1) / stride[0] + 1;
        int wo = (wd + pads[1] + pads[3] - dil[1] * (kw - 1) - 1) / stride[1] + 1;
        double[] y = new double[n * m * ho * wo];
        int mg = m / groups;
        for (int e = 0; e < n; e++) {
            for (int o = 0; o < m; o++) {
                int group = o / mg;
                for (int i = 0; i < ho; i++) {
                    for (int j = 0; j < wo; j++) {
                        double s = b == null ? 0 : b[o];
                        for (int ci = 0; ci < cg; ci++) {
                            int ch = group * cg + ci;
                            for (int u = 0; u < kh; u++) {
                                int r = i * stride[0] - pads[0] + u * dil[0];
                                for (int v = 0; v < kw; v++) {
                                    int q = j * stride[1] - pads[1] + v * dil[1];
                                    if (r >= 0 && r < h && q >= 0 && q < wd) {
                                        s += x.v[((e * c + ch) * h + r) * wd + q] * w.v[((o * cg + ci) * kh + u) * kw + v];
                                    }
                                }
                            }
                        }
                        y[((e * m + o) * ho + i) * wo + j] = s;
                    }
                }
            }
        }
        return new T(y, new int[] {n, m, ho, wo});
    }

    /**
     * Max pooling with padding as minus infinity; the first maximum in row-major window order wins
     * (the position whose gradient a subgradient rule must pick).
     *
     * @return {@code [N, C, Ho, Wo]}
     */
    public static T maxPool(T x, int[] k, int[] s, int[] pads, int[] dil) {
        return pool(x, k, s, pads, dil, true, false);
    }

    /** @return average pooling, the divisor the window size or the non-pad count */
    public static T avgPool(T x, int[] k, int[] s, int[] pads, boolean countIncludePad) {
        return pool(x, k, s, pads, new int[] {1, 1}, false, countIncludePad);
    }

    /** @return for max pooling, the flat input index each output takes its value from */
    public static int[] argmax(T x, int[] k, int[] s, int[] pads, int[] dil) {
        T y = maxPool(x, k, s, pads, dil);
        int n = x.d(0), c = x.d(1), h = x.d(2), w = x.d(3);
        int ho = y.d(2), wo = y.d(3);
        int[] at = new int[y.v.length];
        for (int e = 0; e < n * c; e++) {
            for (int i = 0; i < ho; i++) {
                for (int j = 0; j < wo; j++) {
                    double best = Double.NEGATIVE_INFINITY;
                    int where = -1;
                    for (int u = 0; u < k[0]; u++) {
                        for (int v = 0; v < k[1]; v++) {
                            int r = i * s[0] - pads[0] + u * dil[0];
                            int q = j * s[1] - pads[1] + v * dil[1];
                            if (r >= 0 && r < h && q >= 0 && q < w && x.v[(e * h + r) * w + q] > best) {
                                best = x.v[(e * h + r) * w + q];
                                where = (e * h + r) * w + q;
                            }
                        }
                    }
                    at[(e * ho + i) * wo + j] = where;
                }
            }
        }
        return at;
    }

    private static T pool(T x, int[] k, int[] s, int[] pads, int[] dil, boolean max, boolean includePad) {
        int n = x.d(0), c = x.d(1), h = x.d(2), w = x.d(3);
        int ho = (h + pads[0] + pads[2] - dil[0] * (k[0] - 1) - 1) / s[0] + 1;
        int wo = (w + pads[1] + pads[3] - dil[1] * (k[1] - 1) - 1) / s[1] + 1;
        double[] y = new double[n * c * ho * wo];
        for (int e = 0; e < n * c; e++) {
            for (int i = 0; i < ho; i++) {
                for (int j = 0; j < wo; j++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    int count = 0;
                    for (int u = 0; u < k[0]; u++) {
                        for (int v = 0; v < k[1]; v++) {
                            int r = i * s[0] - pads[0] + u * dil[0];
                            int q = j * s[1] - pads[1] + v * dil[1];
                            if (r >= 0 && r < h && q >= 0 && q < w) {
                                double val = x.v[(e * h + r) * w + q];
                                acc = max ? Math.max(acc, val) : acc + val;
                                count++;
                            }
                        }
                    }
                    y[(e * ho + i) * wo + j] = max ? acc : acc / (includePad ? k[0] * k[1] : count);
                }
            }
        }
        return new T(y, new int[] {n, c, ho, wo});
    }

    /** @return the spatial mean, {@code [N, C, 1, 1]} */
    public static T globalAvgPool(T x) {
        int nc = x.d(0) * x.d(1);
        int hw = x.d(2) * x.d(3);
        double[] y = new double[nc];
        for (int e = 0; e < nc; e++) {
            for (int p = 0; p < hw; p++) {
                y[e] += x.v[e * hw + p];
            }
            y[e] /= hw;
        }
        return new T(y, new int[] {x.d(0), x.d(1), 1, 1});
    }

    /**
     * Batch normalisation over every axis but 1.
     *
     * @param mean running mean, or null for batch statistics (training mode)
     * @param var running variance, or null for batch statistics
     * @param batchStats when not null, receives the batch mean [0, C) and the unbiased batch variance [C, 2C)
     */
    public static T batchNorm(T x, double[] gamma, double[] beta, double[] mean, double[] var, double eps,
            double[] batchStats) {
        int n = x.d(0), c = x.d(1);
        int hw = x.v.length / (n * c);
        double[] y = new double[x.v.length];
        for (int ch = 0; ch < c; ch++) {
            double mu = 0;
            double sq = 0;
            for (int e = 0; e < n; e++) {
                for (int p = 0; p < hw; p++) {
                    mu += x.v[(e * c + ch) * hw + p];
                }
            }
            mu /= n * hw;
            for (int e = 0; e < n; e++) {
                for (int p = 0; p < hw; p++) {
                    double d = x.v[(e * c + ch) * hw + p] - mu;
                    sq += d * d;
                }
            }
            double m = mean == null ? mu : mean[ch];
            double v = var == null ? sq / (n * hw) : var[ch];
            if (batchStats != null) {
                batchStats[ch] = mu;
                batchStats[c + ch] = sq / (n * hw - 1);
            }
            for (int e = 0; e < n; e++) {
                for (int p = 0; p < hw; p++) {
                    int i = (e * c + ch) * hw + p;
                    y[i] = gamma[ch] * (x.v[i] - m) / Math.sqrt(v + eps) + beta[ch];
                }
            }
        }
        return new T(y, x.shape.clone());
    }

    /**
     * @param transB whether w is stored {@code [out, in]} (PyTorch) instead of {@code [in, out]}
     * @return {@code x w + b} for x {@code [N, in]}
     */
    public static T dense(T x, T w, double[] b, boolean transB) {
        int n = x.d(0), k = x.d(1);
        int m = transB ? w.d(0) : w.d(1);
        double[] y = new double[n * m];
        for (int e = 0; e < n; e++) {
            for (int o = 0; o < m; o++) {
                double s = b == null ? 0 : b[o];
                for (int i = 0; i < k; i++) {
                    s += x.v[e * k + i] * (transB ? w.v[o * k + i] : w.v[i * m + o]);
                }
                y[e * m + o] = s;
            }
        }
        return new T(y, new int[] {n, m});
    }

    /** @return {@code max(x, 0)} */
    public static T relu(T x) {
        double[] y = x.v.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.max(0, y[i]);
        }
        return new T(y, x.shape.clone());
    }

    /** @return {@code a + b}, equal shapes */
    public static T add(T a, T b) {
        double[] y = a.v.clone();
        for (int i = 0; i < y.length; i++) {
            y[i] += b.v[i];
        }
        return new T(y, a.shape.clone());
    }

    /** @return {@code sum_i r_i t_i}: a loss whose gradient with respect to t is r */
    public static double dot(T t, double[] r) {
        double s = 0;
        for (int i = 0; i < r.length; i++) {
            s += t.v[i] * r[i];
        }
        return s;
    }
}
