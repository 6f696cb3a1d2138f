package org.seedscope.engine;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an {@link Engine} runs: device, ONNX Runtime intra-op threads and whether a device that
 * cannot be loaded is an error.
 *
 * @param device {@code cpu} or {@code cuda} / {@code cuda:N} (ONNX Runtime's CUDA provider, which
 *     needs the onnxruntime_gpu jar with CUDA 12 and cuDNN 9 at run time)
 * @param threads intra-op threads per session, at least 1. 1 is the default (studies run one cell
 *     per core) and is bit-identical run to run. Other counts are bit-identical to it for the
 *     shapes tested (the MLPs, resnet-8, the cnn on full batches of 128) but not always: ONNX
 *     Runtime's SGEMM (MLAS) splits a product with more columns than rows across threads by
 *     columns, and when a thread's share is under 128 columns it deepens its K panel
 *     ({@code MlasSgemmOperation}), so the sums are blocked differently. The cnn's 128-unit
 *     Dense layer on a final batch of fewer than 128 rows is such a case. Use 1 thread where
 *     bit-identical results matter.
 * @param strict when true, a CUDA device that cannot be loaded is an error; when false the engine
 *     falls back to CPU and prints one line naming what was missing
 * @param blockedConvolutions when true (the default), training graphs on the CPU run their
 *     convolutions, and stride-1 input gradients, on ONNX Runtime's blocked-channel kernels
 *     ({@link org.seedscope.engine.graph.NchwcConvolutions}); equal to the standard graph up to
 *     float rounding and faster. False runs the standard Conv and ConvTranspose operators.
 *     Inference and gradient graphs, and every written file, are standard either way
 * @param phasePooling when true (the default), training graphs on the CPU take the "phase form"
 *     for convolution blocks ending in a ReLU and a 2x2 max-pool ({@link
 *     org.seedscope.engine.graph.PhasePooling}): the same gradients, with ties going to the first
 *     maximum as with the pooling's Indices, and faster on ONNX Runtime's CPU kernels. False, and
 *     always on CUDA (where its {@code Col2Im} has no kernel and would run on the CPU), keeps the
 *     MaxPool and differentiates it through its Indices
 */
public record EngineOptions(String device, int threads, boolean strict, boolean blockedConvolutions,
        boolean phasePooling) {
    private static final Pattern DEVICE = Pattern.compile("cpu|cuda(?::(\\d+))?");

    /** Validates the device string and thread count. */
    public EngineOptions {
        if (device == null || !DEVICE.matcher(device).matches()) {
            throw new IllegalArgumentException("device '" + device + "' is not supported: use cpu, cuda or cuda:N");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /**
     * Options with blocked convolutions and the phase form.
     *
     * @param device the device
     * @param threads intra-op threads
     * @param strict strict device loading
     */
    public EngineOptions(String device, int threads, boolean strict) {
        this(device, threads, strict, true, true);
    }

    /** @return CPU, one thread, not strict, blocked convolutions and the phase form */
    public static EngineOptions defaults() {
        return new EngineOptions("cpu", 1, false);
    }

    /**
     * @param newDevice device string
     * @return a copy with that device
     */
    public EngineOptions withDevice(String newDevice) {
        return new EngineOptions(newDevice, threads, strict, blockedConvolutions, phasePooling);
    }

    /**
     * @param newThreads intra-op threads
     * @return a copy with that thread count
     */
    public EngineOptions withThreads(int newThreads) {
        return new EngineOptions(device, newThreads, strict, blockedConvolutions, phasePooling);
    }

    /**
     * @param newStrict strict device loading
     * @return a copy with that flag
     */
    public EngineOptions withStrict(boolean newStrict) {
        return new EngineOptions(device, threads, newStrict, blockedConvolutions, phasePooling);
    }

    /**
     * @param blocked whether training graphs use blocked convolutions on the CPU
     * @return a copy with that choice
     */
    public EngineOptions withBlockedConvolutions(boolean blocked) {
        return new EngineOptions(device, threads, strict, blocked, phasePooling);
    }

    /**
     * @param phase whether training graphs on the CPU take the phase form for conv-ReLU-pool blocks
     * @return a copy with that choice
     */
    public EngineOptions withPhasePooling(boolean phase) {
        return new EngineOptions(device, threads, strict, blockedConvolutions, phase);
    }

    /** @return true for a CUDA device */
    public boolean isCuda() {
        return device.startsWith("cuda");
    }

    /** @return the CUDA device index (0 when not given) */
    public int cudaDevice() {
        Matcher m = DEVICE.matcher(device);
        return m.matches() && m.group(1) != null ? Integer.parseInt(m.group(1)) : 0;
    }
}
