package org.seedscope.unlearn;

import java.util.Objects;
import org.seedscope.data.Examples;
import org.seedscope.engine.Engine;
import org.seedscope.train.TrainingConfig;

/**
 * Everything an unlearning run may use besides the original model.
 *
 * @param retain the retain set {@code D_r} (training labels: superclass labels for sub-class forgetting)
 * @param forget the forget set {@code D_f}, same label space
 * @param seed the unlearning seed; the only source of randomness of a run
 * @param engine the engine that runs forward and backward passes
 * @param originalTraining how the original was trained (Retrain reuses it)
 * @param amnesiacRecording the training-time recording {@link Amnesiac} subtracts, made by an
 *     {@link AmnesiacRecorder} while the original trained; null when none was made (only Amnesiac
 *     reads it)
 */
public record UnlearningContext(Examples retain, Examples forget, long seed, Engine engine,
        TrainingConfig originalTraining, AmnesiacRecording amnesiacRecording) {

    /**
     * A context without an Amnesiac recording.
     *
     * @param retain the retain set
     * @param forget the forget set
     * @param seed the unlearning seed
     * @param engine the engine
     * @param originalTraining how the original was trained
     */
    public UnlearningContext(Examples retain, Examples forget, long seed, Engine engine,
            TrainingConfig originalTraining) {
        this(retain, forget, seed, engine, originalTraining, null);
    }

    /** Checks that the sets are usable together. */
    public UnlearningContext {
        Objects.requireNonNull(retain, "retain");
        Objects.requireNonNull(forget, "forget");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(originalTraining, "originalTraining");
        if (forget.isEmpty()) {
            throw new IllegalArgumentException("the forget set is empty: nothing to unlearn");
        }
        if (retain.isEmpty()) {
            throw new IllegalArgumentException("the retain set is empty");
        }
        if (retain.features() != forget.features() || retain.classes() != forget.classes()) {
            throw new IllegalArgumentException("retain and forget sets differ in features or classes: " + retain
                    + " vs " + forget);
        }
    }

    /**
     * @param newSeed another unlearning seed
     * @return the same context with that seed
     */
    public UnlearningContext withSeed(long newSeed) {
        return new UnlearningContext(retain, forget, newSeed, engine, originalTraining, amnesiacRecording);
    }

    /**
     * @param recording the recording made while the original trained (null: none)
     * @return the same context carrying that recording
     */
    public UnlearningContext withAmnesiacRecording(AmnesiacRecording recording) {
        return new UnlearningContext(retain, forget, seed, engine, originalTraining, recording);
    }
}
