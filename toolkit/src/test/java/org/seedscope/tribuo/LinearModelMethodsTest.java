package org.seedscope.tribuo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seedscope.data.Examples;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Model;
import org.seedscope.engine.Parameters;
import org.seedscope.train.TrainingConfig;
import org.seedscope.unlearn.DescentSettings;
import org.seedscope.unlearn.Finetune;
import org.seedscope.unlearn.MethodRegistry;
import org.seedscope.unlearn.NegGrad;
import org.seedscope.unlearn.SelectiveDampening;
import org.seedscope.unlearn.UnlearningContext;
import org.seedscope.unlearn.UnlearningMethod;

/**
 * The unlearning methods on the Tribuo family's linear model as studies run them: the engine
 * methods on {@link LinearClassifier#toModel} of a Tribuo fit, and certified removal.
 */
class LinearModelMethodsTest {
    static final long TRAINING_SEED = 3L;
    static final long UNLEARNING_SEED = 5L;
    static final double L2 = 1e-3;
    /** Two examples, two features, two classes: small enough to compute a step by hand. */
    private static final Examples TINY = new Examples(new float[] {1, 0, 0, 2}, new int[] {0, 1}, 2, 2);
    static Engine engine;
    static DigitsFixture digits;
    static LinearClassifier original;
    static Model model;

    @BeforeAll
    static void train() {
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING);
        engine = Engine.cpu();
        digits = new DigitsFixture();
        original = LogisticRegression.withDefaults().fit(digits.train, TRAINING_SEED).linear();
        model = original.toModel(Map.of("family", "tribuo-lr"));
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    static UnlearningContext context(Examples retain, Examples forget, long seed) {
        return new UnlearningContext(retain, forget, seed, engine, TrainingConfig.defaults());
    }

    @Test
    void finetuneContinuesFromTheGivenWeightsAndNegGradStepsTheOtherWay() {
        // Hand computation at theta = 0: p = (1/2, 1/2) for both rows; delta_1 = (-1/2, 1/2),
        // delta_2 = (1/2, -1/2). Mean gradient: W[0] = (x_1[0] delta_1 + x_2[0] delta_2) / 2 = (-1/4, 1/4),
        // W[1] = (0 * delta_1 + 2 * delta_2) / 2 = (1/2, -1/2), b = (delta_1 + delta_2) / 2 = (0, 0).
        // One full-batch SGD step without momentum at rate 0.5: theta = -0.5 * gradient.
        DescentSettings oneStep = new DescentSettings(1, 0.5, 0, 0, 2);
        UnlearningContext tiny = context(TINY, TINY, 9);
        Model zeros = LinearClassifier.zeros(2, 2).toModel(Map.of());
        Model step = new Finetune(oneStep).unlearn(zeros, tiny);
        assertArrayEquals(new float[] {0.125f, -0.125f, -0.25f, 0.25f, 0, 0}, step.parameters().toArray(), 1e-7f);
        // warm start: a second run continues from the first one's weights, as two epochs from zero do
        Model twice = new Finetune(oneStep).unlearn(step, tiny);
        Model direct = new Finetune(oneStep.withEpochs(2)).unlearn(zeros, tiny);
        assertArrayEquals(direct.parameters().toArray(), twice.parameters().toArray(), 1e-7f);
        // NegGrad ascends: the same step with the opposite sign
        Model ascent = new NegGrad(oneStep).unlearn(zeros, tiny);
        assertArrayEquals(new float[] {-0.125f, 0.125f, 0.25f, -0.25f, 0, 0}, ascent.parameters().toArray(), 1e-7f);
    }

    @Test
    void finetuneStartsFromTheTribuoWeights() {
        // a tiny rate barely moves the weights: the run starts from the trained model, not from a new one
        Model out = Finetune.withDefaults().withLearningRate(1e-9).unlearn(model, context(digits.retain, digits.forget,
                UNLEARNING_SEED));
        float[] before = model.parameters().toArray();
        float[] after = out.parameters().toArray();
        double moved = 0;
        for (int k = 0; k < before.length; k++) {
            moved = Math.max(moved, Math.abs(after[k] - before[k]));
        }
        assertTrue(moved < 1e-6, "largest change " + moved + " at learning rate 1e-9");
    }

    @Test
    void ssdDetOnTheLinearModelIsThePerExampleRuleInClosedForm() {
        // closed form for the softmax model: d CE_i / d W[j][c] = (p_ic - y_ic) x_ij, d CE_i / d b_c = p_ic - y_ic
        LinearClassifier widened = LinearClassifier.fromModel(model);
        Examples full = digits.retain.concat(digits.forget);
        double[] closedD = perExampleSquares(widened, full);
        double[] closedF = perExampleSquares(widened, digits.forget);
        SelectiveDampening det = SelectiveDampening.ssdDet();
        double[] engineD = det.importances(engine, model, full);
        double largest = Arrays.stream(closedD).max().orElseThrow();
        for (int k = 0; k < closedD.length; k++) {
            // float engine vs double closed form: measured at most 7.2e-7 of the largest importance
            assertEquals(closedD[k], engineD[k], 1e-5 * largest, "I_D of parameter " + k);
        }
        Model out = det.unlearn(model, context(digits.retain, digits.forget, UNLEARNING_SEED));
        int selected = 0;
        for (int k = 0; k < closedD.length; k++) {
            double expected = widened.parameters()[k];
            if (closedF[k] > det.alpha() * closedD[k]) {
                selected++;
                expected *= Math.min(det.lambda() * closedD[k] / closedF[k], 1);
            }
            // measured: at most 8.5e-6 relative, from the float importances' rounding of the factor
            assertEquals(expected, out.parameters().get(k), 1e-4 * Math.abs(expected) + 1e-12, "parameter " + k);
        }
        assertEquals(Integer.toString(selected), out.provenance().get(SelectiveDampening.SELECTED),
                "selected parameters (measured 22)");
        double forgetBefore = accuracy(model, digits.forgetTest);
        double forgetAfter = accuracy(out, digits.forgetTest);
        // measured 0.943 -> 0.857, retain 0.856 -> 0.856
        assertTrue(forgetAfter < forgetBefore - 0.05, "forget accuracy " + forgetBefore + " -> " + forgetAfter);
        assertTrue(accuracy(out, digits.retainTest) > accuracy(model, digits.retainTest) - 0.03, "retain accuracy");
    }

    @Test
    void tribuosRetrainNeverSawTheForgottenClassAndTheEngineScoresItAsTribuoDoes() {
        LinearClassifier retrain = LogisticRegression.withDefaults().fit(digits.retain, UNLEARNING_SEED).linear();
        double absent = retrain.parameters()[64 * 10 + DigitsFixture.FORGET_CLASS];
        for (int c = 0; c < 10; c++) {
            if (c != DigitsFixture.FORGET_CLASS) {
                assertTrue(Double.isFinite(absent) && absent < retrain.parameters()[64 * 10 + c],
                        "the class the retrained model never saw has a finite bias below every other class's");
            }
        }
        Model engineRetrain = retrain.toModel(Map.of());
        assertEquals(0.0, accuracy(engineRetrain, digits.forgetTest));
        int[] tribuo = retrain.predict(digits.test).predictedClasses();
        int[] viaEngine = engine.predict(engineRetrain, digits.test.x(), digits.test.size()).predictedClasses();
        int differ = 0;
        for (int i = 0; i < tribuo.length; i++) {
            differ += tribuo[i] != viaEngine[i] ? 1 : 0;
        }
        assertTrue(differ <= 2, differ + " of " + tribuo.length + " test predictions differ (float rounding of near-ties)");
    }

    @Test
    void everyMethodForTheTribuoFamilyKeepsItsDeclaredDeterminism() {
        MethodRegistry registry = TribuoMethods.registry();
        for (String id : registry.ids()) {
            if (id.equals("amnesiac")) {
                continue; // needs updates recorded while the engine trains; Tribuo trains this family
            }
            UnlearningMethod m = registry.get(id);
            if (m instanceof NegGrad negGrad) {
                // its defaults put this 72-row forget set into one batch of 128, whose row order has no
                // effect (measured: bit-identical for two seeds); smaller batches make the order matter
                m = negGrad.withBatchSize(32);
            }
            Parameters a = m.unlearn(model, context(digits.retain, digits.forget, 1)).parameters();
            Parameters b = m.unlearn(model, context(digits.retain, digits.forget, 2)).parameters();
            assertEquals(m.deterministic(), a.bitEquals(b), id + " declares deterministic = " + m.deterministic());
        }
        assertTrue(registry.get(CertifiedRemoval.ID).deterministic());
    }

    @Test
    void certifiedRemovalOfRandomRowsLandsOnTheExactRetrainOptimum() {
        SplittableRandom random = new SplittableRandom(17);
        int[] order = shuffled(digits.train.size(), random);
        Examples retain = digits.train.select(Arrays.copyOfRange(order, 20, order.length));
        LinearClassifier full = LogisticObjective.fit(digits.train, L2).model();
        LinearClassifier exact = LogisticObjective.fit(retain, L2).model();
        CertifiedRemoval.Removal removal = CertifiedRemoval.withDefaults().withL2(L2).remove(full, retain);
        double before = full.distance(exact);
        double after = removal.model().distance(exact);
        assertTrue(after < 0.05 * before, "distance to exact Retrain " + before + " -> " + after + " (data seed 17)");
        assertTrue(removal.residualGradientNorm() < 0.05 * removal.originalGradientNorm(),
                "residual gradient " + removal.originalGradientNorm() + " -> " + removal.residualGradientNorm());
        assertTrue(removal.residualGradientNorm() < 1e-4, "residual " + removal.residualGradientNorm());
    }

    @Test
    void certifiedRemovalOfAWholeClassMovesTowardsRetrainAndReportsItsStep() {
        LinearClassifier full = LogisticObjective.fit(digits.train, L2).model();
        LinearClassifier exact = LogisticObjective.fit(digits.retain, L2).model();
        CertifiedRemoval method = CertifiedRemoval.withDefaults().withL2(L2);
        CertifiedRemoval.Removal removal = method.remove(full, digits.retain);
        assertTrue(removal.model().distance(exact) < 0.5 * full.distance(exact),
                "distance to exact Retrain " + full.distance(exact) + " -> " + removal.model().distance(exact));
        assertTrue(removal.residualGradientNorm() < removal.originalGradientNorm(), "residual gradient norm "
                + removal.originalGradientNorm() + " -> " + removal.residualGradientNorm());
        assertTrue(removal.model().predict(digits.forgetTest).accuracy(digits.forgetTest.y()) < 0.1,
                "forget accuracy after removal");
        // as a study method: the same removal on the engine model, with its diagnostics in the provenance
        Model out = method.unlearn(full.toModel(Map.of()), context(digits.retain, digits.forget, 42));
        CertifiedRemoval.Removal fromFloats = method.remove(LinearClassifier.fromModel(full.toModel(Map.of())),
                digits.retain);
        assertArrayEquals(fromFloats.model().toModel(Map.of()).parameters().toArray(), out.parameters().toArray());
        assertEquals(Double.toString(fromFloats.stepSize()), out.provenance().get(CertifiedRemoval.STEP_SIZE));
        assertEquals(Double.toString(fromFloats.residualGradientNorm()),
                out.provenance().get(CertifiedRemoval.RESIDUAL_GRADIENT_NORM));
        assertEquals(1.0, fromFloats.stepSize(), "from the regularised optimum the full Newton step is taken");
        assertEquals(Map.of("l2", L2, "cgTolerance", 1e-10, "maxIterations", 1000), method.hyperparameters());
        assertThrows(IllegalArgumentException.class, () -> new CertifiedRemoval(0, 1e-10, 10));
    }

    @Test
    void certifiedRemovalRejectsAModelWithHiddenLayers() {
        Model mlp = Model.initialise(new org.seedscope.engine.Architecture(64, java.util.List.of(8), 10), 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CertifiedRemoval.withDefaults()
                .unlearn(mlp, context(digits.retain, digits.forget, 1)));
        assertTrue(e.getMessage().contains("without hidden layers"), e.getMessage());
    }

    private static double accuracy(Model m, Examples data) {
        return engine.predict(m, data.x(), data.size()).accuracy(data.y());
    }

    /** @return {@code (1/|S|) sum_i (d CE_i / d theta_k)^2} from the closed-form gradients, in double */
    private static double[] perExampleSquares(LinearClassifier m, Examples data) {
        int d = m.features();
        int k = m.classes();
        double[] out = new double[m.parameterCount()];
        double[] delta = new double[k];
        for (int i = 0; i < data.size(); i++) {
            LogisticObjective.exampleDelta(m, data, i, delta);
            for (int j = 0; j < d; j++) {
                double x = data.x()[i * d + j];
                for (int c = 0; c < k; c++) {
                    out[j * k + c] += x * x * delta[c] * delta[c];
                }
            }
            for (int c = 0; c < k; c++) {
                out[d * k + c] += delta[c] * delta[c];
            }
        }
        for (int q = 0; q < out.length; q++) {
            out[q] /= data.size();
        }
        return out;
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
