package org.seedscope.study;

import java.util.Optional;
import org.seedscope.data.Examples;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Network;
import org.seedscope.engine.Model;
import org.seedscope.train.StepHook;
import org.seedscope.train.TrainingConfig;
import org.seedscope.tribuo.LogisticRegression;
import org.seedscope.unlearn.UnlearningContext;
import org.seedscope.unlearn.UnlearningMethod;

/**
 * How a study makes its models: the architecture for the data, the original of a training seed,
 * the Retrain of an unlearning seed, and which unlearning methods apply. Chosen by the spec's
 * {@code model} field: an id ({@link #parse}), whose canonical value is {@link #id()}, or the
 * object form {@code {onnx: PATH, frozen: [...], originals: [...]}} of a user's network
 * ({@link OnnxFamily}, read by {@link SpecFiles}).
 * Families are immutable values; every model they make depends only on the arguments.
 */
public sealed interface ModelFamily permits NetworkFamily, TribuoLogisticFamily, OnnxFamily {

    /** @return the canonical model id, e.g. {@code mlp-256} or {@code tribuo-lr} */
    String id();

    /**
     * @param inputShape shape of one example ({@code [features]}, or {@code [C, H, W]} for images)
     * @param classes number of classes
     * @return the architecture of this family's models for such data
     * @throws IllegalArgumentException when the family cannot take such inputs
     */
    Architecture architecture(int[] inputShape, int classes);

    /**
     * Trains an original.
     *
     * @param engine the engine
     * @param training the spec's training settings
     * @param arch the architecture ({@link #architecture})
     * @param train the training set D
     * @param trainSeed the training seed s_t (streams are derived by purpose)
     * @param recorder observes every training step (Amnesiac's recorder), or null; only families
     *     for which {@link #recordsTraining()} is true accept one
     * @return the trained original
     */
    Model original(Engine engine, TrainingConfig training, Architecture arch, Examples train, long trainSeed,
            StepHook recorder);

    /**
     * Trains the Retrain of an unlearning seed.
     *
     * @param original the original (its architecture; never modified)
     * @param context retain/forget sets, the unlearning seed, engine and training settings
     * @param retrain the study's {@code retrain} method
     * @return the retrained model
     */
    Model retrain(Model original, UnlearningContext context, UnlearningMethod retrain);

    /** @return true when the engine trains this family's originals step by step (Amnesiac can record them) */
    boolean recordsTraining();

    /**
     * @param method an unlearning method
     * @return why the method cannot run on this family's models, or empty when it can
     */
    Optional<String> unsupported(UnlearningMethod method);

    /**
     * @param id a model id: {@code mlp-W1[-W2...]}, {@code linear}, {@code cnn}, {@code cnn-A-B-C},
     *     {@code resnet-N}, {@code resnet-N-wK} or {@code tribuo-lr}
     * @return the family
     * @throws IllegalArgumentException listing the known forms
     */
    static ModelFamily parse(String id) {
        if (LogisticRegression.ID.equals(id)) {
            return new TribuoLogisticFamily();
        }
        try {
            return new NetworkFamily(Network.parse(id));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model '" + id + "' is not known: use mlp-W1[-W2...] (e.g. mlp-256), "
                    + "linear, cnn, cnn-A-B-C, resnet-N (N = 8, 14, 20, ...), resnet-N-wK or " + LogisticRegression.ID
                    + " (" + e.getMessage() + ")", e);
        }
    }
}
