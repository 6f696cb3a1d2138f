package org.seedscope.unlearn;

import org.seedscope.data.Examples;
import org.seedscope.engine.Model;
import org.seedscope.engine.Parameters;

/**
 * The selection-and-dampening rule shared by SSD, SSD-Det, LFSSD and LFSSD-Det (Foster et al. 2024,
 * {@code ssd.py: modify_weight}): parameter k is selected when {@code I_f[k] > alpha * I_D[k]} and
 * then multiplied by {@code min(lambda * I_D[k] / I_f[k], 1)}. A NaN importance never selects.
 */
final class Dampening {
    private Dampening() {}

    /** Checks alpha (positive, finite) and lambda (non-negative, finite). */
    static void validate(String method, double alpha, double lambda) {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException(method + " alpha (selection weighting) must be a positive finite "
                    + "number, got " + alpha);
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException(method + " lambda (dampening constant) must be a non-negative finite "
                    + "number, got " + lambda);
        }
    }

    /** @return D = D_r followed by D_f, in that order (the authors' {@code ConcatDataset(retain, forget)}) */
    static Examples full(UnlearningContext context) {
        return context.retain().concat(context.forget());
    }

    /**
     * @param original the model (not modified)
     * @param importanceD importance over D
     * @param importanceF importance over D_f
     * @return a dampened copy
     */
    static Model apply(Model original, double[] importanceD, double[] importanceF, double alpha, double lambda) {
        Model out = original.copy();
        Parameters p = out.parameters();
        for (int k = 0; k < p.size(); k++) {
            if (selected(importanceD[k], importanceF[k], alpha)) {
                double factor = Math.min(lambda * importanceD[k] / importanceF[k], 1.0);
                p.set(k, (float) (p.get(k) * factor));
            }
        }
        return out;
    }

    /** @return true when {@code importanceF > alpha * importanceD} (false for NaN) */
    static boolean selected(double importanceD, double importanceF, double alpha) {
        return importanceF > alpha * importanceD;
    }

    /** @return how many parameters the rule selects */
    static int countSelected(double[] importanceD, double[] importanceF, double alpha) {
        int count = 0;
        for (int k = 0; k < importanceD.length; k++) {
            if (selected(importanceD[k], importanceF[k], alpha)) {
                count++;
            }
        }
        return count;
    }
}
