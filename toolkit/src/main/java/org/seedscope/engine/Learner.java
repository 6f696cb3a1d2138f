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
import org.seedscope.engine.graph.Shape;

/**
 * Trains one model in place, a mini-batch at a time, in training mode. Each step runs the forward
 * graph (batch normalisation with batch statistics), asks the {@link Loss} for
 * {@code dL/dlogits}, runs the backward graph and applies the optimiser to the parameters; the
 * running statistics computed by the forward graph replace the model's state. Inputs, saved
 * forward values, logits and gradients live in preallocated direct buffers that ONNX Runtime reads
 * and writes without copies (one set per batch size seen). Not thread-safe; one learner per run.
 */
public final class Learner implements AutoCloseable {
    private final Engine engine;
    private final Model model;
    private final Optimizer optimizer;
    private final Architecture arch;
    private final Engine.Training graphs;
    private final Parameters gradient;
    private final Parameters nextState;
    private final ParameterTensors params;
    private final ParameterTensors state;
    private final ParameterTensors nextStateTensors;
    private final ParameterTensors gradTensors;
    private final int smallestBatch;
    private final Map<Integer, Workspace> workspaces = new HashMap<>();

    Learner(Engine engine, Model model, Optimizer optimizer) {
        this.engine = engine;
        this.model = model;
        this.optimizer = optimizer;
        this.arch = model.architecture();
        this.graphs = engine.training(arch);
        this.gradient = Parameters.zeros(arch.parameterCount());
        this.nextState = Parameters.zeros(arch.stateCount());
        ParameterTensors p = null;
        ParameterTensors s = null;
        ParameterTensors ns = null;
        try {
            p = engine.parameters(arch, model);
            s = engine.state(arch, model);
            ns = new ParameterTensors(engine.environment(), arch.stateTensors(), nextState, Graphs::next);
            this.gradTensors = new ParameterTensors(engine.environment(), arch.parameterTensors(), gradient, Graphs::grad);
        } catch (OrtException e) {
            for (ParameterTensors t : new ParameterTensors[] {p, s, ns}) {
                if (t != null) {
                    t.close();
                }
            }
            throw new IllegalStateException("cannot bind parameters of " + arch + " to ONNX Runtime", e);
        }
        this.params = p;
        this.state = s;
        this.nextStateTensors = ns;
        this.smallestBatch = arch.smallestBatch();
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
     * @return the batch loss as the {@link Loss} reported it; when it is NaN or infinite neither the
     *     parameters nor the state are updated and the caller should stop (divergence)
     * @throws IllegalArgumentException when the features do not fit, or a batch normalisation layer
     *     would see a single value per channel (its unbiased variance is undefined)
     */
    public double step(Examples data, int[] rows, Loss loss, double learningRate) {
        double value = backpropagate(data, rows, loss);
        if (Double.isFinite(value)) {
            optimizer.update(model.parameters(), gradient.buffer(), learningRate);
            if (nextState.size() > 0) {
                model.state().copyFrom(nextState);
            }
        }
        return value;
    }

    /**
     * The forward and backward runs of a step without the update: leaves the batch's parameter
     * gradient in {@link #gradient()} and the updated running statistics in {@link #nextState()}.
     *
     * @return the batch loss; when it is not finite the backward run is skipped
     */
    double backpropagate(Examples data, int[] rows, Loss loss) {
        if (data.features() != arch.inputs()) {
            throw new IllegalArgumentException(arch + " expects " + arch.inputs() + " features, data has "
                    + data.features());
        }
        int n = rows.length;
        if (n < smallestBatch) {
            throw new IllegalArgumentException(arch + " normalises batches over 1x1 positions and needs at least "
                    + smallestBatch + " rows per step, got " + n);
        }
        Workspace ws = workspaces.computeIfAbsent(n, this::workspace);
        float[] x = data.x();
        int d = arch.inputs();
        for (int i = 0; i < n; i++) {
            ws.x.put(i * d, x, rows[i] * d, d);
        }
        try {
            try (OrtSession.Result ignored = graphs.forward().run(ws.forwardInputs, ws.forwardOutputs)) {
                ws.logits.get(0, ws.logitArray);
            }
            double value = loss.evaluate(rows, ws.logitArray, ws.gradArray);
            if (!Double.isFinite(value)) {
                return value;
            }
            ws.dlogits.put(0, ws.gradArray);
            try (OrtSession.Result ignored = graphs.backward().run(ws.backwardInputs, gradTensors.tensors())) {
                return value;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed during a training step of " + arch, e);
        }
    }

    /** @return the gradient buffer the last {@link #backpropagate} wrote */
    Parameters gradient() {
        return gradient;
    }

    /** @return the running statistics the last {@link #backpropagate} computed */
    Parameters nextState() {
        return nextState;
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
        state.close();
        nextStateTensors.close();
        gradTensors.close();
    }

    /** Preallocated tensors for one batch size, and the input maps of both runs (built once). */
    private final class Workspace implements AutoCloseable {
        final FloatBuffer x;
        final FloatBuffer logits;
        final FloatBuffer dlogits;
        final float[] logitArray;
        final float[] gradArray;
        final Map<String, OnnxTensor> forwardInputs;
        final Map<String, OnnxTensor> forwardOutputs = new HashMap<>();
        final Map<String, OnnxTensor> backwardInputs;
        final List<OnnxTensor> all = new ArrayList<>();

        Workspace(int n) throws OrtException {
            int c = arch.outputs();
            x = Parameters.allocate(n * arch.inputs());
            logits = Parameters.allocate(n * c);
            dlogits = Parameters.allocate(n * c);
            logitArray = new float[n * c];
            gradArray = new float[n * c];
            try {
                Map<String, OnnxTensor> own = new HashMap<>();
                own.put("x", track(OnnxTensor.createTensor(engine.environment(), x, Engine.inputShape(arch, n))));
                own.put(Graphs.DLOGITS, track(OnnxTensor.createTensor(engine.environment(), dlogits, new long[] {n, c})));
                for (Map.Entry<String, Shape> s : graphs.saved().entrySet()) {
                    long[] shape = s.getValue().concrete(n);
                    long size = 1;
                    for (long dim : shape) {
                        size *= dim;
                    }
                    OnnxTensor t = track(OnnxTensor.createTensor(engine.environment(),
                            Parameters.allocate(Math.toIntExact(size)), shape));
                    own.put(s.getKey(), t);
                    forwardOutputs.put(s.getKey(), t);
                }
                forwardOutputs.put("logits", track(OnnxTensor.createTensor(engine.environment(), logits,
                        new long[] {n, c})));
                forwardOutputs.putAll(nextStateTensors.tensors());
                forwardInputs = Engine.select(graphs.forward(), own, params.tensors(), state.tensors());
                backwardInputs = Engine.select(graphs.backward(), own, params.tensors());
            } catch (OrtException | RuntimeException e) {
                close();
                throw e;
            }
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
