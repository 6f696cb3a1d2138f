package org.seedscope.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs SeedScope's generated ONNX graphs with ONNX Runtime: inference, gradients and training
 * steps for MLPs. One engine holds one session per (architecture, graph) and is safe to share
 * between threads; models are passed in, so the engine keeps no model or random state.
 */
public final class Engine implements AutoCloseable {
    /** Rows per ONNX Runtime call for inference and gradient sums over large sets. */
    static final int CHUNK = 1024;

    private final OrtEnvironment env;
    private final EngineOptions options;
    private final String device;
    private final Map<String, OrtSession> sessions = new ConcurrentHashMap<>();

    private Engine(EngineOptions options, String device) {
        this.env = OrtEnvironment.getEnvironment();
        this.options = options;
        this.device = device;
    }

    /** @return a CPU engine with one intra-op thread */
    public static Engine cpu() {
        return create(EngineOptions.defaults());
    }

    /**
     * Creates an engine. A CUDA device is probed once; when it cannot be loaded the engine falls
     * back to CPU and prints one line to standard error naming the missing library, unless the
     * options are strict, in which case this throws.
     *
     * @param options device, threads and strictness
     * @return the engine
     */
    public static Engine create(EngineOptions options) {
        return create(options, System.err);
    }

    static Engine create(EngineOptions options, PrintStream warnings) {
        if (!options.isCuda()) {
            return new Engine(options, "cpu");
        }
        String problem = probeCuda(options.cudaDevice());
        if (problem == null) {
            return new Engine(options, "cuda:" + options.cudaDevice());
        }
        if (options.strict()) {
            throw new IllegalStateException("device " + options.device() + " is not available: " + problem);
        }
        warnings.println("seedscope: device " + options.device() + " unavailable (" + problem + "); using cpu");
        return new Engine(options, "cpu");
    }

    private static String probeCuda(int deviceId) {
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.addCUDA(deviceId);
            return null;
        } catch (OrtException | UnsatisfiedLinkError e) {
            String msg = String.valueOf(e.getMessage());
            int lib = msg.indexOf("lib");
            int so = lib >= 0 ? msg.indexOf(".so", lib) : -1;
            String cause = so > 0 ? "missing " + msg.substring(lib, so + 3)
                    : msg.substring(msg.indexOf("message:") >= 0 ? msg.indexOf("message:") + 9 : 0).strip();
            return cause + " (the CUDA provider needs the onnxruntime_gpu jar, CUDA 12 and cuDNN 9)";
        }
    }

    /** @return the device actually used: {@code cpu} or {@code cuda:N} */
    public String device() {
        return device;
    }

    /** @return the options the engine was created with */
    public EngineOptions options() {
        return options;
    }

    /** @return e.g. {@code onnxruntime 1.23.2 cpu x1}, for provenance */
    public String describe() {
        return "onnxruntime " + env.getVersion() + " " + device + " x" + options.threads();
    }

    /**
     * Runs the model on a set of examples.
     *
     * @param model the model
     * @param x row-major features, {@code n x inputs}
     * @param n number of rows
     * @return logits, probabilities and penultimate activations
     */
    public Predictions predict(Model model, float[] x, int n) {
        Architecture arch = model.architecture();
        checkRows(arch, x, n);
        int c = arch.outputs();
        int w = arch.penultimateWidth();
        float[] logits = new float[n * c];
        float[] probs = new float[n * c];
        float[] pen = new float[n * w];
        OrtSession session = session(arch, "inference", () -> Graphs.inference(arch, null));
        try (ParameterTensors params = new ParameterTensors(env, arch, model.parameters(), true)) {
            for (int start = 0; start < n; start += CHUNK) {
                int rows = Math.min(CHUNK, n - start);
                Map<String, OnnxTensor> inputs = new HashMap<>(params.tensors());
                try (OnnxTensor xt = OnnxTensor.createTensor(env,
                        FloatBuffer.wrap(x, start * arch.inputs(), rows * arch.inputs()),
                        new long[] {rows, arch.inputs()})) {
                    inputs.put("x", xt);
                    try (OrtSession.Result r = session.run(inputs)) {
                        copyOut(r, "logits", logits, start * c);
                        copyOut(r, "probs", probs, start * c);
                        copyOut(r, "penultimate", pen, start * w);
                    }
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to run inference for " + arch, e);
        }
        return new Predictions(logits, probs, pen, n, c, w);
    }

    /**
     * Back-propagates a given {@code dL/dlogits} through the model, summing over examples.
     *
     * @param model the model
     * @param x row-major features, {@code n x inputs}
     * @param n number of rows
     * @param dLogits row-major {@code n x classes}: the gradient of the loss w.r.t. each row's logits
     * @param request which extra quantities to return
     * @return parameter gradients (and the requested extras), accumulated over chunks in double
     */
    public Gradients gradients(Model model, float[] x, int n, float[] dLogits, GradientRequest request) {
        Architecture arch = model.architecture();
        checkRows(arch, x, n);
        if (dLogits.length != n * arch.outputs()) {
            throw new IllegalArgumentException("dLogits must have " + n + " x " + arch.outputs() + " values, got "
                    + dLogits.length);
        }
        int p = arch.parameterCount();
        double[] g = new double[p];
        double[] sq = request.squared() ? new double[p] : null;
        double[] ab = request.absolute() ? new double[p] : null;
        float[] dx = request.input() ? new float[n * arch.inputs()] : null;
        OrtSession forward = session(arch, "forward", () -> Graphs.trainingForward(arch));
        OrtSession backward = session(arch, "gradient:" + request.key(), () -> Graphs.gradient(arch, request));
        try (ParameterTensors params = new ParameterTensors(env, arch, model.parameters(), true);
                ParameterTensors weights = new ParameterTensors(env, arch, model.parameters(), false)) {
            for (int start = 0; start < n; start += CHUNK) {
                int rows = Math.min(CHUNK, n - start);
                try (OnnxTensor xt = OnnxTensor.createTensor(env,
                        FloatBuffer.wrap(x, start * arch.inputs(), rows * arch.inputs()),
                        new long[] {rows, arch.inputs()});
                        OnnxTensor dl = OnnxTensor.createTensor(env,
                                FloatBuffer.wrap(dLogits, start * arch.outputs(), rows * arch.outputs()),
                                new long[] {rows, arch.outputs()})) {
                    Map<String, OnnxTensor> fin = new HashMap<>(params.tensors());
                    fin.put("x", xt);
                    try (OrtSession.Result fr = forward.run(fin)) {
                        Map<String, OnnxTensor> bin = new HashMap<>(weights.tensors());
                        bin.put("x", xt);
                        bin.put("dlogits", dl);
                        for (int l = 1; l < arch.layers(); l++) {
                            bin.put(Graphs.activation(l), (OnnxTensor) fr.get(Graphs.activation(l)).orElseThrow());
                        }
                        try (OrtSession.Result br = backward.run(bin)) {
                            accumulate(br, arch, "g", g);
                            if (sq != null) {
                                accumulate(br, arch, "sq", sq);
                            }
                            if (ab != null) {
                                accumulate(br, arch, "abs", ab);
                            }
                            if (dx != null) {
                                copyOut(br, "dx", dx, start * arch.inputs());
                            }
                        }
                    }
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to compute gradients for " + arch, e);
        }
        return new Gradients(toFloat(g), dx, sq == null ? null : toFloat(sq), ab == null ? null : toFloat(ab));
    }

    /**
     * Opens a learner that trains {@code model} in place with the given optimiser.
     *
     * @param model the model to update
     * @param optimizer the optimiser settings
     * @return a learner; close it to release its native buffers
     */
    public Learner learner(Model model, OptimizerSpec optimizer) {
        return new Learner(this, model, optimizer.create(model.architecture().parameterCount()));
    }

    /**
     * Writes a standalone ONNX inference file (opset {@value Graphs#OPSET}; input {@code x} of shape
     * {@code [batch, inputs]}; outputs {@code logits}, {@code probs}, {@code penultimate}) that any
     * ONNX Runtime can run.
     *
     * @param model the model
     * @param file destination; written atomically
     */
    public static void exportOnnx(Model model, Path file) {
        byte[] bytes = Graphs.inference(model.architecture(), model.parameters()).toByteArray();
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".onnx", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ONNX file " + file, e);
        }
    }

    OrtEnvironment environment() {
        return env;
    }

    OrtSession session(Architecture arch, String kind, java.util.function.Supplier<ai.onnx.proto.OnnxMl.ModelProto> graph) {
        return sessions.computeIfAbsent(arch + "|" + kind, k -> {
            try {
                return env.createSession(graph.get().toByteArray(), sessionOptions());
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime rejected the generated " + kind + " graph for " + arch, e);
            }
        });
    }

    private OrtSession.SessionOptions sessionOptions() throws OrtException {
        OrtSession.SessionOptions so = new OrtSession.SessionOptions();
        so.setIntraOpNumThreads(options.threads());
        so.setInterOpNumThreads(1);
        so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        so.addConfigEntry("session.intra_op.allow_spinning", "0");
        if (device.startsWith("cuda")) {
            so.addCUDA(options.cudaDevice());
        }
        return so;
    }

    private static void checkRows(Architecture arch, float[] x, int n) {
        if (n < 0 || (long) n * arch.inputs() != x.length) {
            throw new IllegalArgumentException(arch + " expects " + n + " x " + arch.inputs() + " = "
                    + (long) n * arch.inputs() + " feature values, got " + x.length);
        }
    }

    private static void copyOut(OrtSession.Result r, String name, float[] dest, int offset) {
        FloatBuffer b = ((OnnxTensor) r.get(name).orElseThrow()).getFloatBuffer();
        b.get(dest, offset, b.remaining());
    }

    private static void accumulate(OrtSession.Result r, Architecture arch, String prefix, double[] sum) {
        for (int l = 0; l < arch.layers(); l++) {
            addInto(r, prefix + "W" + (l + 1), sum, arch.weightOffset(l));
            addInto(r, prefix + "b" + (l + 1), sum, arch.biasOffset(l));
        }
    }

    private static void addInto(OrtSession.Result r, String name, double[] sum, int offset) {
        FloatBuffer b = ((OnnxTensor) r.get(name).orElseThrow()).getFloatBuffer();
        float[] values = new float[b.remaining()];
        b.get(values);
        for (int i = 0; i < values.length; i++) {
            sum[offset + i] += values[i];
        }
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    /** Closes every cached session. */
    @Override
    public void close() {
        for (OrtSession s : sessions.values()) {
            try {
                s.close();
            } catch (OrtException e) {
                throw new IllegalStateException("cannot close an ONNX Runtime session", e);
            }
        }
        sessions.clear();
    }

    @Override
    public String toString() {
        return "Engine[" + describe() + "]";
    }
}
