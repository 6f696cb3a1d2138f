package org.seedscope.tribuo;

import java.util.Map;

/**
 * A machine-unlearning method for the linear member of the Tribuo family: given a
 * {@link LinearClassifier} trained on {@code D = D_r + D_f}, produce one that behaves as if
 * {@code D_f} had not been used. The counterpart of {@code org.seedscope.unlearn.UnlearningMethod}
 * for models held as double-precision parameters instead of engine models; implementations are
 * immutable records of validated hyperparameters that keep no state between calls and draw every
 * random number from {@link TribuoUnlearningContext#seed()}.
 */
public interface TribuoUnlearning {

    /** @return the method id, e.g. {@code certified-removal} */
    String name();

    /** @return true when the result never depends on the unlearning seed */
    boolean deterministic();

    /** @return the hyperparameters by name, in a stable order */
    Map<String, Object> hyperparameters();

    /**
     * Unlearns the forget set; never modifies {@code original}.
     *
     * @param original the trained classifier
     * @param context the retain and forget sets, the seed and the original training spec
     * @return the unlearned classifier
     */
    LinearClassifier unlearn(LinearClassifier original, TribuoUnlearningContext context);
}
