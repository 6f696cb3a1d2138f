package org.seedscope.engine;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * ONNX Runtime tensors that view one tensor each of a flat parameter, state or gradient buffer
 * without copying: updates to the buffer are seen by the next run, and outputs bound to them are
 * written in place.
 */
final class ParameterTensors implements AutoCloseable {
    private final Map<String, OnnxTensor> tensors = new HashMap<>();

    /**
     * @param env the environment
     * @param layout the tensors of the flat vector
     * @param values the flat vector
     * @param naming graph value name of each tensor name (e.g. {@link Graphs#grad})
     */
    ParameterTensors(OrtEnvironment env, List<Architecture.Tensor> layout, Parameters values,
            UnaryOperator<String> naming) throws OrtException {
        try {
            for (Architecture.Tensor t : layout) {
                long[] shape = t.shape().stream().mapToLong(Integer::longValue).toArray();
                tensors.put(naming.apply(t.name()), OnnxTensor.createTensor(env, values.slice(t.offset(), t.size()), shape));
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
