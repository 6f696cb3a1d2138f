package org.seedscope.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.util.HashMap;
import java.util.Map;

/**
 * ONNX Runtime tensors that view one layer each of a parameter (or gradient) buffer without
 * copying: updates to the buffer are seen by the next run.
 */
final class ParameterTensors implements AutoCloseable {
    private final Map<String, OnnxTensor> tensors = new HashMap<>();

    ParameterTensors(OrtEnvironment env, Architecture arch, Parameters values, boolean withBiases) throws OrtException {
        this(env, arch, values, "", withBiases);
    }

    ParameterTensors(OrtEnvironment env, Architecture arch, Parameters values, String prefix, boolean withBiases)
            throws OrtException {
        try {
            for (int l = 0; l < arch.layers(); l++) {
                int in = arch.fanIn(l);
                int out = arch.fanOut(l);
                tensors.put(prefix + Graphs.weight(l), OnnxTensor.createTensor(env,
                        values.slice(arch.weightOffset(l), in * out), new long[] {in, out}));
                if (withBiases) {
                    tensors.put(prefix + Graphs.bias(l), OnnxTensor.createTensor(env,
                            values.slice(arch.biasOffset(l), out), new long[] {out}));
                }
            }
        } catch (OrtException | RuntimeException e) {
            close();
            throw e;
        }
    }

    Map<String, OnnxTensor> tensors() {
        return tensors;
    }

    @Override
    public void close() {
        tensors.values().forEach(OnnxTensor::close);
    }
}
