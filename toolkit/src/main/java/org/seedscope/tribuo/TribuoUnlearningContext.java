package org.seedscope.tribuo;

import java.util.Objects;
import org.seedscope.data.Examples;

/**
 * Everything a {@link TribuoUnlearning} run may use besides the original classifier.
 *
 * @param retain the retain set {@code D_r}
 * @param forget the forget set {@code D_f}, same features and classes
 * @param seed the unlearning seed; the only source of randomness of a run
 * @param training how the original was trained (Retrain reuses it)
 */
public record TribuoUnlearningContext(Examples retain, Examples forget, long seed, LogisticRegression training) {

    /** Checks that the sets are usable together. */
    public TribuoUnlearningContext {
        Objects.requireNonNull(retain, "retain");
        Objects.requireNonNull(forget, "forget");
        Objects.requireNonNull(training, "training");
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
    public TribuoUnlearningContext withSeed(long newSeed) {
        return new TribuoUnlearningContext(retain, forget, newSeed, training);
    }

    /** Checks that a classifier fits the sets. */
    void require(LinearClassifier model) {
        model.requireFeatures(retain);
    }
}
