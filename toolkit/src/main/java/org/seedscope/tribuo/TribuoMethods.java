package org.seedscope.tribuo;

import java.util.Map;
import org.seedscope.engine.Model;
import org.seedscope.unlearn.MethodRegistry;
import org.seedscope.unlearn.UnlearningContext;
import org.seedscope.unlearn.UnlearningMethod;

/**
 * The bridge from the Tribuo family's linear unlearning methods to studies: a
 * {@link TribuoUnlearning} method wrapped as an {@link UnlearningMethod} that works on any engine
 * model without hidden layers (the form a Tribuo logistic regression takes in a study).
 */
public final class TribuoMethods {
    private TribuoMethods() {}

    /**
     * @return the standard registry plus {@code certified-removal} (Guo et al. 2020), the method a
     *     linear model allows and deep networks do not
     */
    public static MethodRegistry registry() {
        return MethodRegistry.standard().with(linear(CertifiedRemoval.withDefaults()));
    }

    /**
     * @param method an unlearning method
     * @return true when it works only on linear models (no hidden layers), as the methods
     *     {@link #linear} wraps
     */
    public static boolean needsLinearModel(UnlearningMethod method) {
        return method instanceof Linear;
    }

    /**
     * @param method a linear method
     * @return it as an {@link UnlearningMethod} for linear engine models, trained further (where it
     *     trains) with Tribuo's default logistic-regression settings
     */
    public static UnlearningMethod linear(TribuoUnlearning method) {
        return new Linear(method, LogisticRegression.withDefaults());
    }

    /**
     * A linear method on engine models: the parameters are read as a {@link LinearClassifier}
     * (same layout), unlearned in double precision, and written back as floats.
     *
     * @param method the linear method
     * @param training the Tribuo settings its context carries
     */
    record Linear(TribuoUnlearning method, LogisticRegression training) implements UnlearningMethod {
        @Override
        public String name() {
            return method.name();
        }

        @Override
        public boolean deterministic() {
            return method.deterministic();
        }

        @Override
        public Map<String, Object> hyperparameters() {
            return method.hyperparameters();
        }

        @Override
        public Model unlearn(Model original, UnlearningContext context) {
            if (!original.architecture().hidden().isEmpty()) {
                throw new IllegalArgumentException(method.name() + " needs a linear model (no hidden layers), got "
                        + original.architecture() + "; use the tribuo-lr or linear model in the study");
            }
            float[] p = original.parameters().toArray();
            double[] d = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                d[i] = p[i];
            }
            LinearClassifier linear = new LinearClassifier(original.architecture().inputs(),
                    original.architecture().outputs(), d);
            TribuoUnlearningContext ctx = new TribuoUnlearningContext(context.retain(), context.forget(),
                    context.seed(), training);
            return method.unlearn(linear, ctx).toModel(original.provenance());
        }
    }
}
