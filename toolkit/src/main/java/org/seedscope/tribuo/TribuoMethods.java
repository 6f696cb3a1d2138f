package org.seedscope.tribuo;

import org.seedscope.unlearn.MethodRegistry;
import org.seedscope.unlearn.UnlearningMethod;

/** The unlearning methods of studies that may use the Tribuo family. */
public final class TribuoMethods {
    private TribuoMethods() {}

    /**
     * @return the standard registry plus {@code certified-removal} (Guo et al. 2020), the method a
     *     linear model allows and deep networks do not
     */
    public static MethodRegistry registry() {
        return MethodRegistry.standard().with(CertifiedRemoval.withDefaults());
    }

    /**
     * @param method an unlearning method, possibly a named variant
     * @return true when it works only on linear models (no hidden layers): certified removal
     */
    public static boolean needsLinearModel(UnlearningMethod method) {
        return method.base() instanceof CertifiedRemoval;
    }
}
