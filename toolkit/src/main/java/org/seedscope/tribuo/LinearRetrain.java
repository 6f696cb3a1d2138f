package org.seedscope.tribuo;

import java.util.Map;

/**
 * Retrain for the Tribuo family: a fresh Tribuo trainer of the original's spec
 * ({@link TribuoUnlearningContext#training()}) trained on {@code D_r} with the unlearning seed as its
 * seed, then {@linkplain LinearClassifier#fromTribuo extracted}. With a full class forgotten the
 * retrained Tribuo model never sees that class, so its bias is {@code -infinity} (probability 0).
 * Not deterministic; no hyperparameters of its own.
 */
public record LinearRetrain() implements TribuoUnlearning {

    /** Method id. */
    public static final String ID = "retrain";

    /** @return Retrain */
    public static LinearRetrain withDefaults() {
        return new LinearRetrain();
    }

    @Override
    public String name() {
        return ID;
    }

    @Override
    public boolean deterministic() {
        return false;
    }

    /** @return an empty map: the spec is the original's */
    @Override
    public Map<String, Object> hyperparameters() {
        return Map.of();
    }

    @Override
    public LinearClassifier unlearn(LinearClassifier original, TribuoUnlearningContext context) {
        context.require(original);
        return context.training().fit(context.retain(), context.seed()).linear();
    }
}
