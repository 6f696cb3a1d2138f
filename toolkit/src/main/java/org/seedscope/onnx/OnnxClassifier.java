package org.seedscope.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.seedscope.data.Examples;
import org.seedscope.engine.Predictions;

/**
 * An external ONNX classifier used for inference only (ONNX Runtime, CPU, one thread), giving
 * {@link Predictions} for {@link Examples} so the inference-only metrics of
 * {@code org.seedscope.metrics} (accuracies by {@link Predictions#accuracy}, the entropy and loss
 * membership attacks on {@code Distributions.entropies / losses}, output distances) run on it.
 *
 * <p>What a file must look like, checked when it is opened:
 * <ul>
 *   <li>exactly one graph input (initializers aside), a float tensor of shape {@code [batch, d]},
 *       or {@code [batch, C, H, W]} (any shape after the batch) when it is opened with the data's
 *       example shape ({@link #open(Path, int[], int)}, e.g. {@code [1, 28, 28]} for a CNN), where
 *       {@code batch} is symbolic ({@code -1}) or a fixed size (rows are then fed in chunks of
 *       that size, the last one zero-padded) and every other dimension equals the example's
 *       (a symbolic one takes the example's value). Rows are fed in the data's own order, so an
 *       image model reads each row as its {@code C x H x W} image;</li>
 *   <li>a class-score output: a float tensor {@code [batch, classes]} named {@code logits}, or
 *       {@code probs} / {@code probabilities} (probabilities); otherwise one named {@code output},
 *       or else the only 2-D float output, read as probabilities when the graph computes it by a
 *       Softmax (through Identity nodes) and as logits otherwise. Its class dimension must equal
 *       the data's class count (checked when running when it is symbolic).</li>
 * </ul>
 * A violation throws {@link IllegalArgumentException} naming the file and the problem.
 *
 * <p>Outputs: when the file has both {@code logits} and probabilities, both are read; a missing one
 * is derived ({@code probs = softmax(logits)}, or {@code logits = ln p} with p floored at
 * {@link Float#MIN_VALUE}, which differs from the true logits by a per-row constant and leaves
 * softmax and predicted class unchanged). Penultimate activations come from an output named
 * {@code penultimate} when present (SeedScope's own exports), else they are empty (width 0).
 */
public final class OnnxClassifier implements AutoCloseable {
    /** Rows per ONNX Runtime call when the batch dimension is symbolic. */
    static final int CHUNK = 1024;

    private final Path file;
    private final OrtSession session;
    private final String input;
    private final int features;
    private final long[] exampleShape;
    private final int classes;
    private final long fixedBatch;
    private final String logitsOutput;
    private final String probsOutput;
    private final String penultimateOutput;

    private OnnxClassifier(Path file, OrtSession session, ClassifierSignature signature, int classes) {
        this.file = file;
        this.session = session;
        this.input = signature.input();
        this.exampleShape = signature.exampleShape();
        this.features = Math.toIntExact(Arrays.stream(exampleShape).reduce(1, (a, b) -> a * b));
        this.classes = classes;
        this.fixedBatch = signature.fixedBatch();
        this.logitsOutput = signature.logits();
        this.probsOutput = signature.probabilities();
        this.penultimateOutput = signature.penultimate();
    }

    /**
     * Opens and validates a classifier file that takes flat rows {@code [batch, features]}.
     *
     * @param file an ONNX model file
     * @param features the data's feature count d, at least 1
     * @param classes the data's class count, at least 2
     * @return the classifier; close it to release the session
     * @throws IllegalArgumentException when the file is not a usable classifier for that data (the
     *     message names the file and the problem)
     * @throws UncheckedIOException when the file cannot be read
     */
    public static OnnxClassifier open(Path file, int features, int classes) {
        return open(file, new int[] {features}, classes);
    }

    /**
     * Opens and validates a classifier file whose input is {@code [batch]} followed by one example's
     * shape, e.g. a convolutional network taking {@code [batch, 1, 28, 28]}.
     *
     * @param file an ONNX model file
     * @param exampleShape one example's shape, {@link Examples#shape()} (e.g. {@code [1, 28, 28]},
     *     or {@code [d]} for flat rows); every dimension at least 1
     * @param classes the data's class count, at least 2
     * @return the classifier; close it to release the session
     * @throws IllegalArgumentException when the file is not a usable classifier for that data (the
     *     message names the file and the problem)
     * @throws UncheckedIOException when the file cannot be read
     */
    public static OnnxClassifier open(Path file, int[] exampleShape, int classes) {
        if (exampleShape.length == 0 || Arrays.stream(exampleShape).anyMatch(d -> d < 1) || classes < 2) {
            throw new IllegalArgumentException("every dimension of the example shape must be at least 1 and classes "
                    + "at least 2, got " + Arrays.toString(exampleShape) + " and " + classes);
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ONNX file " + file, e);
        }
        ModelProto proto;
        try {
            proto = ModelProto.parseFrom(bytes);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("ONNX file " + file + " is not an ONNX model: " + e.getMessage(), e);
        }
        OrtSession session;
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            session = OrtEnvironment.getEnvironment().createSession(bytes, options);
        } catch (OrtException e) {
            throw new IllegalArgumentException("ONNX file " + file + " cannot be loaded by ONNX Runtime: "
                    + e.getMessage(), e);
        }
        try {
            return new OnnxClassifier(file, session, ClassifierSignature.read(file, proto, session, exampleShape,
                    classes), classes);
        } catch (RuntimeException e) {
            closeQuietly(session, e);
            throw e;
        } catch (OrtException e) {
            closeQuietly(session, e);
            throw new IllegalStateException("ONNX Runtime cannot describe " + file, e);
        }
    }

    private static void closeQuietly(OrtSession session, Exception cause) {
        try {
            session.close();
        } catch (OrtException e) {
            cause.addSuppressed(e);
        }
    }

    /** @return the file the classifier was read from */
    public Path file() {
        return file;
    }

    /** @return the input's name */
    public String inputName() {
        return input;
    }

    /** @return the output read as logits, or null when logits are derived from probabilities */
    public String logitsOutput() {
        return logitsOutput;
    }

    /** @return the output read as probabilities, or null when they are derived from logits */
    public String probabilitiesOutput() {
        return probsOutput;
    }

    /** @return one example's shape as the model's input takes it (after the batch dimension) */
    public int[] exampleShape() {
        return Arrays.stream(exampleShape).mapToInt(Math::toIntExact).toArray();
    }

    /** @return the number of features per row */
    public int features() {
        return features;
    }

    /** @return the number of classes */
    public int classes() {
        return classes;
    }

    /**
     * Runs the classifier.
     *
     * @param data examples with {@link #features()} features and {@link #classes()} classes
     * @return logits, probabilities and penultimate activations (see the class comment); empty arrays
     *     for no examples
     */
    public Predictions predict(Examples data) {
        if (data.features() != features || data.classes() != classes) {
            throw new IllegalArgumentException("ONNX classifier " + file + " takes " + features + " features and "
                    + classes + " classes, not " + data);
        }
        int n = data.size();
        int chunk = fixedBatch > 0 ? (int) fixedBatch : CHUNK;
        float[] logits = new float[n * classes];
        float[] probs = new float[n * classes];
        float[] pen = new float[0];
        int width = 0;
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : new String[] {logitsOutput, probsOutput, penultimateOutput}) {
            if (name != null) {
                wanted.add(name);
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        for (int start = 0; start < n; start += chunk) {
            int rows = Math.min(chunk, n - start);
            int fed = fixedBatch > 0 ? chunk : rows;
            float[] x = new float[fed * features];
            System.arraycopy(data.x(), start * features, x, 0, rows * features);
            long[] inputShape = new long[exampleShape.length + 1];
            inputShape[0] = fed;
            System.arraycopy(exampleShape, 0, inputShape, 1, exampleShape.length);
            try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), inputShape);
                    OrtSession.Result r = session.run(Map.of(input, t), wanted)) {
                if (logitsOutput != null) {
                    copy(r, logitsOutput, logits, start, rows, classes);
                }
                if (probsOutput != null) {
                    copy(r, probsOutput, probs, start, rows, classes);
                }
                if (penultimateOutput != null) {
                    OnnxTensor p = (OnnxTensor) r.get(penultimateOutput).orElseThrow();
                    if (start == 0) {
                        width = (int) p.getInfo().getShape()[1];
                        pen = new float[n * width];
                    }
                    p.getFloatBuffer().get(pen, start * width, rows * width);
                }
            } catch (OrtException e) {
                throw new IllegalStateException("ONNX Runtime failed to run " + file, e);
            }
        }
        if (logitsOutput == null) {
            for (int i = 0; i < probs.length; i++) {
                logits[i] = (float) Math.log(Math.max(probs[i], Float.MIN_VALUE));
            }
        }
        if (probsOutput == null) {
            softmax(logits, probs, n, classes);
        }
        return new Predictions(logits, probs, pen, n, classes, width);
    }

    private void copy(OrtSession.Result r, String name, float[] dest, int start, int rows, int k) {
        OnnxTensor t = (OnnxTensor) r.get(name).orElseThrow();
        long[] shape = t.getInfo().getShape();
        if (shape.length != 2 || shape[1] != k) {
            throw new IllegalArgumentException("ONNX file " + file + " output '" + name + "' gave shape "
                    + Arrays.toString(shape) + ", but the data has " + k + " classes");
        }
        t.getFloatBuffer().get(dest, start * k, rows * k);
    }

    private static void softmax(float[] logits, float[] probs, int n, int k) {
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, logits[i * k + c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(logits[i * k + c] - max);
            }
            for (int c = 0; c < k; c++) {
                probs[i * k + c] = (float) (Math.exp(logits[i * k + c] - max) / sum);
            }
        }
    }

    /** Closes the ONNX Runtime session. */
    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session of " + file, e);
        }
    }

    @Override
    public String toString() {
        return "OnnxClassifier[" + file.getFileName() + ": " + input + " "
                + ClassifierSignature.expectedInput(exampleShape()) + " -> "
                + (logitsOutput != null ? logitsOutput : probsOutput) + " [batch, " + classes + "]]";
    }
}
