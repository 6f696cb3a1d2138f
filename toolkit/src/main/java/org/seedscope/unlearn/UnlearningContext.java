package org.seedscope.unlearn;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.seedscope.data.Examples;
import org.seedscope.engine.Engine;
import org.seedscope.seed.SeedPurpose;
import org.seedscope.train.TrainingConfig;

/**
 * Everything an unlearning run may use besides the original model.
 *
 * @param retain the retain set {@code D_r} (training labels: superclass labels for sub-class forgetting)
 * @param forget the forget set {@code D_f}, same label space
 * @param seed the unlearning seed s_u; methods draw from {@link #random()}, its
 *     {@link SeedPurpose#METHOD} stream, never from the bare seed
 * @param engine the engine that runs forward and backward passes
 * @param originalTraining how the original was trained (Retrain reuses it)
 * @param amnesiacRecording the training-time recording {@link Amnesiac} subtracts, made by an
 *     {@link AmnesiacRecorder} while the original trained; null when none was made (only Amnesiac
 *     reads it)
 * @param budget the longest the run may take, or null for none. Study runners enforce it: a run
 *     still going when it runs out is interrupted (training loops check the interrupt flag between
 *     steps) and recorded as failed; methods may also read it to plan their work. A budget that is
 *     hit makes that cell depend on machine speed, so studies that need bit-identical rows leave it
 *     unset.
 */
public record UnlearningContext(Examples retain, Examples forget, long seed, Engine engine,
        TrainingConfig originalTraining, AmnesiacRecording amnesiacRecording, Duration budget) {

    /**
     * A context without a time budget.
     *
     * @param retain the retain set
     * @param forget the forget set
     * @param seed the unlearning seed
     * @param engine the engine
     * @param originalTraining how the original was trained
     * @param amnesiacRecording the Amnesiac recording, or null
     */
    public UnlearningContext(Examples retain, Examples forget, long seed, Engine engine,
            TrainingConfig originalTraining, AmnesiacRecording amnesiacRecording) {
        this(retain, forget, seed, engine, originalTraining, amnesiacRecording, null);
    }

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
        this(retain, forget, seed, engine, originalTraining, null, null);
    }

    /** Checks that the sets are usable together. */
    public UnlearningContext {
        Objects.requireNonNull(retain, "retain");
        Objects.requireNonNull(forget, "forget");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(originalTraining, "originalTraining");
        if (budget != null && (budget.isNegative() || budget.isZero())) {
            throw new IllegalArgumentException("the time budget must be positive, got " + budget);
        }
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
        return new UnlearningContext(retain, forget, newSeed, engine, originalTraining, amnesiacRecording, budget);
    }

    /**
     * @param recording the recording made while the original trained (null: none)
     * @return the same context carrying that recording
     */
    public UnlearningContext withAmnesiacRecording(AmnesiacRecording recording) {
        return new UnlearningContext(retain, forget, seed, engine, originalTraining, recording, budget);
    }

    /**
     * @param newBudget the longest a run may take, or null for no limit
     * @return the same context with that budget
     */
    public UnlearningContext withBudget(Duration newBudget) {
        return new UnlearningContext(retain, forget, seed, engine, originalTraining, amnesiacRecording, newBudget);
    }

    /**
     * @return a fresh generator of the method stream of the unlearning seed,
     *     {@code SeedPurpose.METHOD.stream(seed)}: every call starts the same sequence
     */
    public SplittableRandom random() {
        return SeedPurpose.METHOD.stream(seed);
    }

    /** @return the time budget, if any */
    public Optional<Duration> timeBudget() {
        return Optional.ofNullable(budget);
    }
}
