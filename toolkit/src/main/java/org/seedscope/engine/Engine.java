package org.seedscope.engine;

import org.seedscope.files.AtomicFiles;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import ai.onnx.proto.OnnxMl.ModelProto;
import org.seedscope.engine.graph.Graph;
import org.seedscope.engine.graph.NchwcConvolutions;
import org.seedscope.engine.graph.Shape;

/**
 * Runs SeedScope's generated ONNX graphs ({@link Graphs}) with ONNX Runtime: inference, gradients
 * and training steps for any {@link Architecture}. One engine holds one session per
 * (architecture, graph) and is safe to share between threads; models are passed in, so the engine
 * keeps no model or random state.
 *
 * <p>Inference and {@link #gradients} run in evaluation mode: batch normalisation uses the
 * model's running statistics, so examples are independent and per-example gradients are well
 * defined. {@link Learner#step} runs in training mode (batch statistics).
 */
public final class Engine implements AutoCloseable {
    /** Most rows per ONNX Runtime call for inference and gradient sums over large sets. */
    static final int MAX_ROWS = 1024;
    /** Memory one call's tensors may take, which sets its rows for large networks (bytes). */
    static final long MEMORY_BUDGET = 256L << 20;
    /** The device fallbacks this process has reported ("device: problem"), so each is said once. */
    private static final java.util.Set<String> FALLBACKS_REPORTED = ConcurrentHashMap.newKeySet();

    private final OrtEnvironment env;
    private final EngineOptions options;
    private final String device;
    private final Map<Key, OrtSession> sessions = new ConcurrentHashMap<>();
    private final Map<Architecture, Training> training = new ConcurrentHashMap<>();

    private record Key(Architecture architecture, String kind) {}

    /** The sessions of a training step and the forward values passed between them. */
    record Training(OrtSession forward, OrtSession backward, Map<String, Shape> saved) {}

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
     * Creates an engine. A CUDA device is probed; when it cannot be loaded the engine falls back to
     * CPU and prints one line to standard error naming the missing library (once per process and
     * device, however many engines a study opens), unless the options are strict, in which case
     * this throws.
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
        if (FALLBACKS_REPORTED.add(options.device() + ": " + problem)) {
            warnings.println("seedscope: device " + options.device() + " unavailable (" + problem + "); using cpu");
        }
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
     * @return how training graphs run their convolutions: {@code nchwc block B} (ONNX Runtime's
     *     blocked-channel CPU kernels, block size B; see {@link EngineOptions#blockedConvolutions()})
     *     or {@code standard}, followed by {@code , phase-form pooling} where conv-ReLU-pool blocks
     *     take the phase form ({@link EngineOptions#phasePooling()})
     */
    public String trainingConvolutions() {
        return (blockedConvolutions() ? "nchwc block " + NchwcBlock.size(env) : "standard")
                + (phasePooling() ? ", phase-form pooling" : "");
    }

    /**
     * Runs the model on a set of examples (evaluation mode).
     *
     * @param model the model
     * @param x row-major features, {@code n x inputs} (images: C, then H, then W)
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
        int chunk = rowsPerRun(arch, 2, false);
        try (ParameterTensors params = parameters(arch, model); ParameterTensors state = state(arch, model)) {
            for (int start = 0; start < n; start += chunk) {
                int rows = Math.min(chunk, n - start);
                try (OnnxTensor xt = inputTensor(arch, x, start, rows)) {
                    Map<String, OnnxTensor> inputs = select(session, params.tensors(), state.tensors(), Map.of("x", xt));
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
     * Back-propagates a given {@code dL/dlogits} through the model in evaluation mode (batch
     * normalisation with the running statistics, so every example's gradient is its own), summing
     * over examples.
     *
     * @param model the model
     * @param x row-major features, {@code n x inputs}
     * @param n number of rows
     * @param dLogits row-major {@code n x classes}: the gradient of the loss w.r.t. each row's logits
     * @param request which extra quantities to return; the per-example sums are exact for every
     *     layer type (dense layers by the outer-product identity, convolutions through patches)
     * @return parameter gradients (and the requested extras), accumulated over chunks in double;
     *     chunks are at most {@value #MAX_ROWS} rows and fewer for networks whose tensors would
     *     exceed {@value #MEMORY_BUDGET} bytes
     */
    public Gradients gradients(Model model, float[] x, int n, float[] dLogits, GradientRequest request) {
        Architecture arch = model.architecture();
        checkRows(arch, x, n);
        if (dLogits.length != (long) n * arch.outputs()) {
            throw new IllegalArgumentException("dLogits must have " + n + " x " + arch.outputs() + " values, got "
                    + dLogits.length);
        }
        int p = arch.parameterCount();
        double[] g = new double[p];
        double[] sq = request.squared() ? new double[p] : null;
        double[] ab = request.absolute() ? new double[p] : null;
        float[] dx = request.input() ? new float[n * arch.inputs()] : null;
        OrtSession session = session(arch, "gradient:" + request.key(), () -> Graphs.gradient(arch, request));
        int chunk = rowsPerRun(arch, 3, request.squared() || request.absolute());
        try (ParameterTensors params = parameters(arch, model); ParameterTensors state = state(arch, model)) {
            for (int start = 0; start < n; start += chunk) {
                int rows = Math.min(chunk, n - start);
                try (OnnxTensor xt = inputTensor(arch, x, start, rows);
                        OnnxTensor dl = OnnxTensor.createTensor(env,
                                FloatBuffer.wrap(dLogits, start * arch.outputs(), rows * arch.outputs()),
                                new long[] {rows, arch.outputs()})) {
                    Map<String, OnnxTensor> inputs = select(session, params.tensors(), state.tensors(),
                            Map.of("x", xt, Graphs.DLOGITS, dl));
                    try (OrtSession.Result r = session.run(inputs)) {
                        accumulate(r, arch, Graphs::grad, g);
                        if (sq != null) {
                            accumulate(r, arch, Graphs::squared, sq);
                        }
                        if (ab != null) {
                            accumulate(r, arch, Graphs::absolute, ab);
                        }
                        if (dx != null) {
                            copyOut(r, Graphs.DX, dx, start * arch.inputs());
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
     * Opens a learner that trains {@code model} in place with the given optimiser (training mode).
     *
     * @param model the model to update
     * @param optimizer the optimiser settings
     * @return a learner; close it to release its native buffers
     */
    public Learner learner(Model model, OptimizerSpec optimizer) {
        return new Learner(this, model, optimizer.create(model.architecture().parameterCount()));
    }

    /**
     * Writes a standalone ONNX inference file (opset {@value Graph#OPSET}, standard operators only,
     * parameters and running statistics as initializers) that any ONNX Runtime can run: input
     * {@code x} of shape {@code [batch, features]} for an MLP or {@code [batch, C, H, W]} for an
     * image network; outputs {@code logits}, {@code probs}, {@code penultimate}. An imported network
     * ({@link Architecture#imported()}) is written as the user's own graph instead: the same nodes,
     * input and output names and opset, holding the model's parameters and running statistics.
     *
     * @param model the model
     * @param file destination; written atomically
     */
    public static void exportOnnx(Model model, Path file) {
        java.util.Optional<ImportedGraph> imported = model.architecture().imported();
        AtomicFiles.write(file, (imported.isPresent()
                ? imported.get().withValues(new ImportedGraph.Values(model.parameters(), model.state()))
                : Graphs.inference(model.architecture(), model)).toByteArray());
    }

    OrtEnvironment environment() {
        return env;
    }

    Training training(Architecture arch) {
        return training.computeIfAbsent(arch, a -> {
            Graphs.Training t = Graphs.training(a, phasePooling());
            return new Training(create(a, "training forward", forTraining(t.forward())),
                    create(a, "training backward", forTraining(t.backward())), t.saved());
        });
    }

    /** @return the training graph as this engine runs it: with blocked convolutions where they apply */
    private ModelProto forTraining(ModelProto graph) {
        return blockedConvolutions() ? NchwcConvolutions.rewrite(graph, NchwcBlock.size(env)) : graph;
    }

    /** The CPU-only forms of the training graphs, each where its option asks for it. */
    private boolean blockedConvolutions() {
        return onCpu() && options.blockedConvolutions();
    }

    private boolean phasePooling() {
        return onCpu() && options.phasePooling();
    }

    private boolean onCpu() {
        return !device.startsWith("cuda");
    }

    private OrtSession session(Architecture arch, String kind, Supplier<ModelProto> graph) {
        return sessions.computeIfAbsent(new Key(arch, kind), k -> create(arch, kind, graph.get()));
    }

    private OrtSession create(Architecture arch, String kind, ModelProto graph) {
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(options.threads());
            so.setInterOpNumThreads(1);
            so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            so.addConfigEntry("session.intra_op.allow_spinning", "0");
            if (!onCpu()) {
                so.addCUDA(options.cudaDevice());
            }
            return env.createSession(graph.toByteArray(), so);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime rejected the generated " + kind + " graph for " + arch, e);
        }
    }

    /** @return rows per run such that {@code copies} copies of every activation (and the patches) fit the budget */
    static int rowsPerRun(Architecture arch, int copies, boolean perExample) {
        long floats = copies * arch.activationsPerExample() + (perExample ? arch.patchesPerExample() : 0);
        long rows = MEMORY_BUDGET / (Float.BYTES * Math.max(floats, 1));
        return (int) Math.max(1, Math.min(MAX_ROWS, rows));
    }

    ParameterTensors parameters(Architecture arch, Model model) throws OrtException {
        return new ParameterTensors(env, arch.parameterTensors(), model.parameters(), t -> t);
    }

    ParameterTensors state(Architecture arch, Model model) throws OrtException {
        return new ParameterTensors(env, arch.stateTensors(), model.state(), t -> t);
    }

    private OnnxTensor inputTensor(Architecture arch, float[] x, int start, int rows) throws OrtException {
        int d = arch.inputs();
        return OnnxTensor.createTensor(env, FloatBuffer.wrap(x, start * d, rows * d), inputShape(arch, rows));
    }

    static long[] inputShape(Architecture arch, int rows) {
        long[] shape = new long[arch.inputShape().size() + 1];
        shape[0] = rows;
        for (int i = 1; i < shape.length; i++) {
            shape[i] = arch.inputShape().get(i - 1);
        }
        return shape;
    }

    /** @return the tensors among {@code available} that the session takes, by input name */
    @SafeVarargs
    static Map<String, OnnxTensor> select(OrtSession session, Map<String, OnnxTensor>... available) {
        Map<String, OnnxTensor> in = new HashMap<>();
        for (String name : session.getInputNames()) {
            OnnxTensor t = null;
            for (Map<String, OnnxTensor> m : available) {
                t = t != null ? t : m.get(name);
            }
            if (t == null) {
                throw new IllegalStateException("no tensor for graph input '" + name + "'");
            }
            in.put(name, t);
        }
        return in;
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

    private static void accumulate(OrtSession.Result r, Architecture arch, UnaryOperator<String> naming, double[] sum) {
        for (Architecture.Tensor t : arch.parameterTensors()) {
            FloatBuffer b = ((OnnxTensor) r.get(naming.apply(t.name())).orElseThrow()).getFloatBuffer();
            for (int i = 0, size = t.size(), offset = t.offset(); i < size; i++) {
                sum[offset + i] += b.get(i);
            }
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
        List<OrtSession> all = new ArrayList<>(sessions.values());
        training.values().forEach(t -> all.addAll(List.of(t.forward(), t.backward())));
        sessions.clear();
        training.clear();
        for (OrtSession s : all) {
            try {
                s.close();
            } catch (OrtException e) {
                throw new IllegalStateException("cannot close an ONNX Runtime session", e);
            }
        }
    }

    @Override
    public String toString() {
        return "Engine[" + describe() + "]";
    }
}
