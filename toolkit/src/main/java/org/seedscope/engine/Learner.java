package org.seedscope.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seedscope.data.Examples;

/**
 * Trains one model in place, a mini-batch at a time. Each step runs the forward graph, asks the
 * {@link Loss} for {@code dL/dlogits}, runs the gradient graph and applies the optimiser. Inputs,
 * activations, logits and gradients live in preallocated direct buffers that ONNX Runtime reads and
 * writes without copies (one set per batch size seen). Not thread-safe; one learner per run.
 */
public final class Learner implements AutoCloseable {
    private final Engine engine;
    private final Model model;
    private final Optimizer optimizer;
    private final Architecture arch;
    private final OrtSession forward;
    private final OrtSession backward;
    private final Parameters gradient;
    private final ParameterTensors params;
    private final ParameterTensors weights;
    private final ParameterTensors gradTensors;
    private final Map<Integer, Workspace> workspaces = new HashMap<>();

    Learner(Engine engine, Model model, Optimizer optimizer) {
        this.engine = engine;
        this.model = model;
        this.optimizer = optimizer;
        this.arch = model.architecture();
        this.forward = engine.session(arch, "forward", () -> Graphs.trainingForward(arch));
        this.backward = engine.session(arch, "gradient:" + GradientRequest.PARAMETERS.key(),
                () -> Graphs.gradient(arch, GradientRequest.PARAMETERS));
        this.gradient = Parameters.zeros(arch.parameterCount());
        try {
            this.params = new ParameterTensors(engine.environment(), arch, model.parameters(), true);
            this.weights = new ParameterTensors(engine.environment(), arch, model.parameters(), false);
            this.gradTensors = new ParameterTensors(engine.environment(), arch, gradient, "g", true);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot bind parameters of " + arch + " to ONNX Runtime", e);
        }
    }

    /** @return the model being trained (updated in place by every step) */
    public Model model() {
        return model;
    }

    /** @return the optimiser, e.g. to set a parameter mask */
    public Optimizer optimizer() {
        return optimizer;
    }

    /**
     * One optimisation step on the given rows of a data set.
     *
     * @param data the data set
     * @param rows the batch: indices into {@code data}
     * @param loss the loss, given through its logit gradient
     * @param learningRate the learning rate for this step
     * @return the batch loss as the {@link Loss} reported it; when it is NaN or infinite no update
     *     is applied and the caller should stop (divergence)
     */
    public double step(Examples data, int[] rows, Loss loss, double learningRate) {
        if (data.features() != arch.inputs()) {
            throw new IllegalArgumentException(arch + " expects " + arch.inputs() + " features, data has "
                    + data.features());
        }
        int n = rows.length;
        Workspace ws = workspaces.computeIfAbsent(n, this::workspace);
        float[] x = data.x();
        int d = arch.inputs();
        for (int i = 0; i < n; i++) {
            ws.x.put(i * d, x, rows[i] * d, d);
        }
        try {
            try (OrtSession.Result ignored = forward.run(ws.forwardInputs, ws.forwardOutputs)) {
                ws.logits.get(0, ws.logitArray);
            }
            double value = loss.evaluate(rows, ws.logitArray, ws.gradArray);
            if (!Double.isFinite(value)) {
                return value;
            }
            ws.dlogits.put(0, ws.gradArray);
            try (OrtSession.Result ignored = backward.run(ws.backwardInputs, gradTensors.tensors())) {
                optimizer.update(model.parameters(), gradient.buffer(), learningRate);
            }
            return value;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed during a training step of " + arch, e);
        }
    }

    private Workspace workspace(int n) {
        try {
            return new Workspace(n);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot allocate a batch-" + n + " workspace for " + arch, e);
        }
    }

    @Override
    public void close() {
        workspaces.values().forEach(Workspace::close);
        workspaces.clear();
        params.close();
        weights.close();
        gradTensors.close();
    }

    /** Preallocated tensors for one batch size, and the input maps of both runs (built once). */
    private final class Workspace implements AutoCloseable {
        final FloatBuffer x;
        final FloatBuffer logits;
        final FloatBuffer dlogits;
        final float[] logitArray;
        final float[] gradArray;
        final OnnxTensor xTensor;
        final Map<String, OnnxTensor> forwardInputs = new HashMap<>();
        final Map<String, OnnxTensor> forwardOutputs = new HashMap<>();
        final Map<String, OnnxTensor> backwardInputs = new HashMap<>();
        final List<OnnxTensor> all = new ArrayList<>();

        Workspace(int n) throws OrtException {
            int c = arch.outputs();
            x = Parameters.allocate(n * arch.inputs());
            logits = Parameters.allocate(n * c);
            dlogits = Parameters.allocate(n * c);
            logitArray = new float[n * c];
            gradArray = new float[n * c];
            xTensor = track(OnnxTensor.createTensor(engine.environment(), x, new long[] {n, arch.inputs()}));
            forwardInputs.putAll(params.tensors());
            forwardInputs.put("x", xTensor);
            backwardInputs.putAll(weights.tensors());
            backwardInputs.put("x", xTensor);
            for (int l = 1; l < arch.layers(); l++) {
                OnnxTensor a = track(OnnxTensor.createTensor(engine.environment(),
                        Parameters.allocate(n * arch.fanIn(l)), new long[] {n, arch.fanIn(l)}));
                forwardOutputs.put(Graphs.activation(l), a);
                backwardInputs.put(Graphs.activation(l), a);
            }
            forwardOutputs.put("logits", track(OnnxTensor.createTensor(engine.environment(), logits, new long[] {n, c})));
            backwardInputs.put("dlogits", track(OnnxTensor.createTensor(engine.environment(), dlogits, new long[] {n, c})));
        }

        private OnnxTensor track(OnnxTensor t) {
            all.add(t);
            return t;
        }

        @Override
        public void close() {
            all.forEach(OnnxTensor::close);
        }
    }
}
