package org.seedscope.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seedscope.data.Examples;

class TribuoUnlearningTest {
    static final long TRAINING_SEED = 3L;
    static final long UNLEARNING_SEED = 5L;
    static final double L2 = 1e-3;
    static DigitsFixture digits;
    static LinearClassifier original;
    static TribuoUnlearningContext context;

    @BeforeAll
    static void train() {
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
        digits = new DigitsFixture();
        original = LogisticRegression.withDefaults().fit(digits.train, TRAINING_SEED).linear();
        context = new TribuoUnlearningContext(digits.retain, digits.forget, UNLEARNING_SEED,
                LogisticRegression.withDefaults());
    }

    /** Two examples, two features, two classes: small enough to compute a step by hand. */
    private static final Examples TINY = new Examples(new float[] {1, 0, 0, 2}, new int[] {0, 1}, 2, 2);

    @Test
    void finetuneWithZeroEpochsReturnsTheGivenParameters() {
        LinearClassifier out = LinearFinetune.withDefaults().withEpochs(0).unlearn(original, context);
        assertEquals(original, out);
        assertNotSame(original.parameters(), out.parameters(), "a copy, not the original's array");
    }

    @Test
    void oneFinetuneStepFromGivenParametersEqualsTheHandComputedSgdStep() {
        // Hand computation at theta = 0: p = (1/2, 1/2) for both rows; delta_1 = (-1/2, 1/2),
        // delta_2 = (1/2, -1/2). Mean gradient: W[0] = (x_1[0] delta_1 + x_2[0] delta_2) / 2 = (-1/4, 1/4),
        // W[1] = (0 * delta_1 + 2 * delta_2) / 2 = (1/2, -1/2), b = (delta_1 + delta_2) / 2 = (0, 0).
        // One full-batch step at rate 0.5: theta = -0.5 * gradient.
        TribuoUnlearningContext tiny = new TribuoUnlearningContext(TINY, TINY, 9, LogisticRegression.withDefaults());
        LinearClassifier out = new LinearFinetune(1, 0.5, 2).unlearn(LinearClassifier.zeros(2, 2), tiny);
        assertArrayEquals(new double[] {0.125, -0.125, -0.25, 0.25, 0, 0}, out.parameters(), 1e-15);
        // Warm start: a second step continues from the first step's parameters (not from zero).
        LinearClassifier twice = new LinearFinetune(1, 0.5, 2).unlearn(out, tiny);
        LinearClassifier direct = new LinearFinetune(2, 0.5, 2).unlearn(LinearClassifier.zeros(2, 2), tiny);
        assertArrayEquals(direct.parameters(), twice.parameters(), 1e-15);
        // NegGrad ascends: the same step with the opposite sign.
        LinearClassifier ascent = new LinearNegGrad(1, 0.5, 2).unlearn(LinearClassifier.zeros(2, 2), tiny);
        assertArrayEquals(new double[] {-0.125, 0.125, 0.25, -0.25, 0, 0}, ascent.parameters(), 1e-15);
    }

    @Test
    void randomMethodsFollowTheUnlearningSeedAndNeverChangeTheOriginal() {
        double[] before = original.parameters().clone();
        for (TribuoUnlearning m : new TribuoUnlearning[] {LinearFinetune.withDefaults(), LinearNegGrad.withDefaults()}) {
            LinearClassifier a = m.unlearn(original, context);
            LinearClassifier b = m.unlearn(original, context);
            LinearClassifier c = m.unlearn(original, new TribuoUnlearningContext(digits.retain, digits.forget,
                    UNLEARNING_SEED + 1, LogisticRegression.withDefaults()));
            assertEquals(a, b, m.name() + " seed " + UNLEARNING_SEED);
            assertTrue(a.distance(c) > 0, m.name() + " seeds " + UNLEARNING_SEED + ", " + (UNLEARNING_SEED + 1));
        }
        assertArrayEquals(before, original.parameters());
    }

    @Test
    void negGradAndSsdDetForgetTheClass() {
        double forgetBefore = original.predict(digits.forgetTest).accuracy(digits.forgetTest.y());
        // This fixture's forget set (about 70 rows, 3 batches) is half the size of the one the
        // defaults were measured on, so three epochs give the same number of ascent steps.
        LinearClassifier neg = LinearNegGrad.withDefaults().withEpochs(3).unlearn(original, context);
        double negForget = neg.predict(digits.forget).accuracy(digits.forget.y());
        assertTrue(negForget < 0.2, "NegGrad forget accuracy " + negForget);
        LinearSsd det = LinearSsd.withDefaults();
        assertEquals("ssd-det", det.name());
        assertEquals("ssd", LinearSsd.batchForm().name());
        LinearClassifier ssd = det.unlearn(original, context);
        assertEquals(ssd, det.unlearn(original, context.withSeed(99)), "deterministic: seed unused");
        double forgetAfter = ssd.predict(digits.forgetTest).accuracy(digits.forgetTest.y());
        assertTrue(forgetAfter < forgetBefore - 0.05, "SSD-Det forget accuracy " + forgetBefore + " -> " + forgetAfter);
        double retainBefore = original.predict(digits.retainTest).accuracy(digits.retainTest.y());
        double retainAfter = ssd.predict(digits.retainTest).accuracy(digits.retainTest.y());
        assertTrue(retainAfter > retainBefore - 0.03, "SSD-Det retain accuracy " + retainBefore + " -> " + retainAfter);
    }

    @Test
    void ssdWithBatchesOfOneIsThePerExampleFormAndIgnoresRowOrder() {
        Examples reversed = digits.retain.select(reverse(digits.retain.size()));
        LinearClassifier a = LinearSsd.withDefaults().unlearn(original, context);
        LinearClassifier b = LinearSsd.withDefaults().unlearn(original,
                new TribuoUnlearningContext(reversed, digits.forget, UNLEARNING_SEED, LogisticRegression.withDefaults()));
        assertArrayEquals(a.parameters(), b.parameters(), 1e-12, "sums in another order");
    }

    @Test
    void retrainTrainsAFreshTribuoModelOnTheRetainSet() {
        LinearClassifier r = LinearRetrain.withDefaults().unlearn(original, context);
        assertEquals(LogisticRegression.withDefaults().fit(digits.retain, UNLEARNING_SEED).linear(), r);
        double absent = r.parameters()[64 * 10 + DigitsFixture.FORGET_CLASS];
        for (int c = 0; c < 10; c++) {
            if (c != DigitsFixture.FORGET_CLASS) {
                assertTrue(Double.isFinite(absent) && absent < r.parameters()[64 * 10 + c],
                        "the class the retrained model never saw has a finite bias below every other class's");
            }
        }
        assertEquals(0.0, r.predict(digits.forgetTest).accuracy(digits.forgetTest.y()));
    }

    @Test
    void certifiedRemovalOfRandomRowsLandsOnTheExactRetrainOptimum() {
        SplittableRandom random = new SplittableRandom(17);
        int[] order = shuffled(digits.train.size(), random);
        Examples forget = digits.train.select(Arrays.copyOf(order, 20));
        Examples retain = digits.train.select(Arrays.copyOfRange(order, 20, order.length));
        LinearClassifier full = LogisticObjective.fit(digits.train, L2).model();
        LinearClassifier exact = LogisticObjective.fit(retain, L2).model();
        CertifiedRemoval.Removal removal = CertifiedRemoval.withDefaults().withL2(L2)
                .remove(full, new TribuoUnlearningContext(retain, forget, 1, LogisticRegression.withDefaults()));
        double before = full.distance(exact);
        double after = removal.model().distance(exact);
        assertTrue(after < 0.05 * before, "distance to exact Retrain " + before + " -> " + after + " (data seed 17)");
        assertTrue(removal.residualGradientNorm() < 0.05 * removal.originalGradientNorm(),
                "residual gradient " + removal.originalGradientNorm() + " -> " + removal.residualGradientNorm());
        assertTrue(removal.residualGradientNorm() < 1e-4, "residual " + removal.residualGradientNorm());
    }

    @Test
    void certifiedRemovalOfAWholeClassMovesTowardsRetrainAndIsDeterministic() {
        LinearClassifier full = LogisticObjective.fit(digits.train, L2).model();
        LinearClassifier exact = LogisticObjective.fit(digits.retain, L2).model();
        CertifiedRemoval method = CertifiedRemoval.withDefaults().withL2(L2);
        CertifiedRemoval.Removal removal = method.remove(full, context);
        assertTrue(removal.model().distance(exact) < 0.5 * full.distance(exact),
                "distance to exact Retrain " + full.distance(exact) + " -> " + removal.model().distance(exact));
        assertTrue(removal.residualGradientNorm() < removal.originalGradientNorm(), "residual gradient norm "
                + removal.originalGradientNorm() + " -> " + removal.residualGradientNorm());
        assertTrue(removal.model().predict(digits.forgetTest).accuracy(digits.forgetTest.y()) < 0.1,
                "forget accuracy after removal");
        assertEquals(removal.model(), method.unlearn(full, context.withSeed(42)), "deterministic");
        assertThrows(IllegalArgumentException.class, () -> new CertifiedRemoval(0, 1e-10, 10));
    }

    private static int[] reverse(int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = n - 1 - i;
        }
        return rows;
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] rows = DigitsFixture.range(n);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        return rows;
    }
}
