package org.seedscope.tribuo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.seedscope.data.Datasets;
import org.seedscope.data.ForgetSpec;
import org.seedscope.data.Split;

/**
 * Certified removal started from an original that does not minimise its regularised objective
 * (Tribuo's unregularised SGD fit, as in a {@code tribuo-lr} study): the full Newton step overshoots
 * there, so the step is shortened until the retained objective does not rise.
 */
class CertifiedRemovalSafeguardTest {

    @Test
    void removalFromTribuosFitNeverRaisesTheRetainedObjectiveOrCollapsesAccuracy() {
        Split s = ForgetSpec.fullClass("3").split(Datasets.digits());
        LinearClassifier original = LogisticRegression.withDefaults().fit(s.train(), s.classNames(), 1).linear();
        CertifiedRemoval method = CertifiedRemoval.withDefaults();
        CertifiedRemoval.Removal r = method.remove(original, s.retainTrain());
        assertTrue(LogisticObjective.loss(r.model(), s.retainTrain(), method.l2())
                <= LogisticObjective.loss(original, s.retainTrain(), method.l2()), "retained objective must not rise");
        assertTrue(r.stepSize() < 1, "measured: the full step overshoots from this original (step " + r.stepSize() + ")");
        assertTrue(r.residualGradientNorm() < r.originalGradientNorm(), r.toString());
        double before = original.predict(s.test()).accuracy(s.test().y());
        double after = r.model().predict(s.test()).accuracy(s.test().y());
        // measured: 0.904 -> 0.901 with the safeguard; 0.904 -> 0.499 with the full step
        assertTrue(after > before - 0.05, "test accuracy " + before + " -> " + after);
    }

    @Test
    void fromTheRegularisedOptimumTheFullNewtonStepIsTaken() {
        Split s = ForgetSpec.randomFraction(0.02, 3).split(Datasets.digits());
        CertifiedRemoval method = CertifiedRemoval.withDefaults();
        LinearClassifier original = LogisticObjective.fit(s.train(), method.l2()).model();
        CertifiedRemoval.Removal r = method.remove(original, s.retainTrain());
        assertEquals(1.0, r.stepSize(), 0, "the paper's step");
    }
}
