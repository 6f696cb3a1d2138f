package org.seedscope.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.seedscope.audit.Ulira.Gaussian;

/** The audit's statistics on hand-computed cases and on the organisers' own code. */
class StatisticsTest {

    /**
     * Hand computation: {1, 2, 3} fits N(2, 2/3) (divisor n), {-1, 1} fits N(0, 1); at phi = 2.5,
     * Lambda = -(0.5)^2 / (2 * 2/3) - ln sqrt(2/3) + 2.5^2 / 2 + ln 1 = -0.1875 + 0.5 ln 1.5 + 3.125.
     */
    @Test
    void likelihoodRatioOfTwoGaussianFits() {
        Gaussian u = Gaussian.fit(new double[] {1, 2, 3});
        Gaussian r = Gaussian.fit(new double[] {-1, 1});
        assertEquals(2, u.mean(), 0);
        assertEquals(Math.sqrt(2.0 / 3), u.sd(), 1e-15);
        assertEquals(-0.1875 + 0.5 * Math.log(1.5) + 3.125, Ulira.statistic(2.5, u, r), 1e-12);
        assertEquals(0, Ulira.statistic(0.7, r, r), 0, "equal fits: no evidence");
        Gaussian spike = Gaussian.fit(new double[] {4, 4, 4});
        assertEquals(Ulira.SIGMA_FLOOR, spike.sd(), 0, "identical values: the floor, not 0");
        assertTrue(Double.isFinite(Ulira.statistic(4.5, spike, r)) && Ulira.statistic(4, spike, r) > 10);
    }

    /**
     * Hand computation of the held-out scores: unlearned models of training seeds 1, 2, 3 give
     * phi = 0, 1, 2 and retrained ones 0.5, 1.5, 2.5. Seed 1's targets are scored with the fits of
     * seeds 2 and 3 only: N(1.5, 0.5^2) and N(2, 0.5^2), so Lambda(0) = -1.5^2/0.5 + 2^2/0.5 = 3.5 and
     * Lambda(0.5) = -1^2/0.5 + 1.5^2/0.5 = 2.5 (equal sds: the log terms cancel). A fit that
     * included the target itself would give other values.
     */
    @Test
    void targetsAreScoredByFitsOfTheOtherTrainingSeeds() {
        java.util.List<Long> groups = java.util.List.of(1L, 2L, 3L);
        Ensemble u = Ensemble.of(groups, java.util.List.of(one(0), one(1), one(2)));
        Ensemble r = Ensemble.of(groups, java.util.List.of(one(0.5), one(1.5), one(2.5)));
        Ulira.Scores s = Ulira.score(u, r, true);
        assertArrayEquals(new long[] {1, 1, 2, 2, 3, 3}, s.group());
        assertArrayEquals(new boolean[] {true, false, true, false, true, false}, s.positive());
        assertEquals(3.5, s.score()[0], 1e-12, "unlearned target of seed 1");
        assertEquals(2.5, s.score()[1], 1e-12, "retrained target of seed 1");
        // seed 2: fits N(1, 1^2) of {0, 2} and N(1.5, 1^2) of {0.5, 2.5}; Lambda(1) = 0 + 0.25/2
        assertEquals(0.125, s.score()[2], 1e-12);
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> Ulira.score(Ensemble.of(java.util.List.of(1L, 2L), java.util.List.of(one(0), one(1))),
                        Ensemble.of(java.util.List.of(1L, 2L), java.util.List.of(one(0), one(1))), true));
        assertTrue(few.getMessage().contains("at least 2 models of each kind"), few.getMessage());
    }

    private static org.seedscope.study.ExampleOutputs one(double phi) {
        return new org.seedscope.study.ExampleOutputs(new int[] {0}, new float[] {(float) phi}, new int[0], new float[0]);
    }

    /** Hand computation of the competition's per-threshold rule. */
    @Test
    void thresholdEpsilonFollowsTheCompetitionsRule() {
        // FPR 0.1, FNR 0.5: max(ln(0.9 - 1e-5) - ln 0.5, ln(0.5 - 1e-5) - ln 0.1) = ln 4.9999
        assertEquals(Math.log(4.9999), CompetitionEpsilon.thresholdEpsilon(0.1, 0.5), 1e-12);
        assertEquals(Math.log(4.9999), CompetitionEpsilon.thresholdEpsilon(0.5, 0.1), 1e-12, "symmetric");
        assertEquals(Double.POSITIVE_INFINITY, CompetitionEpsilon.thresholdEpsilon(0, 0), "perfect separation");
        assertTrue(Double.isNaN(CompetitionEpsilon.thresholdEpsilon(0, 0.3)), "one zero rate: discarded");
        assertEquals(0, CompetitionEpsilon.thresholdEpsilon(0.5, 0.5), 0, "chance: ln(1 - 2e-5) < 0 clipped");
        assertEquals(0, CompetitionEpsilon.thresholdEpsilon(1, 0.5), 0, "ln of a negative number is missing");
    }

    /**
     * Hand computation: unlearned {0, 2} and retrained {1, 3} interleave, so every threshold or
     * interval either puts the groups at chance (epsilon ~ 0, clipped) or has a zero rate
     * (discarded): epsilon 0. Separated groups {0, 1} vs {2, 3} have a perfect threshold: the cap.
     */
    @Test
    void exampleEpsilonOnHandCases() {
        assertEquals(0, CompetitionEpsilon.epsilon(new double[] {0, 2}, new double[] {1, 3}), 0);
        assertEquals(50, CompetitionEpsilon.epsilon(new double[] {0, 1}, new double[] {2, 3}), 0);
        assertEquals(50, CompetitionEpsilon.epsilon(new double[] {4, 4.001, 4.002}, new double[] {0, 1, 2}), 0,
                "range ratio 0.001 < 1 %: a spike");
        assertEquals(0, CompetitionEpsilon.epsilon(new double[] {1, 1}, new double[] {1, 1}), 0, "identical constants");
        assertThrows(IllegalArgumentException.class, () -> CompetitionEpsilon.epsilon(new double[0], new double[] {1}));
    }

    /** Buckets of width 0.5 up to ceil(ln(N - 1)): N = 6 gives 4 buckets worth 1, 1/2, 1/4, 1/8. */
    @Test
    void pointsPerBucket() {
        assertEquals(1, CompetitionEpsilon.points(0, 6), 0);
        assertEquals(0.5, CompetitionEpsilon.points(0.5, 6), 0);
        assertEquals(0.125, CompetitionEpsilon.points(1.99, 6), 0);
        assertEquals(0, CompetitionEpsilon.points(2, 6), 0, "beyond ceil(ln 5) = 2");
        assertEquals(0, CompetitionEpsilon.points(Double.NaN, 6), 0);
        assertEquals(0.5 * Math.pow(2, -12), CompetitionEpsilon.points(6.6, 512), 0, "the competition's N = 512: 14 buckets");
        assertEquals(0, CompetitionEpsilon.points(0, 2), 0, "N = 2: ln 1 = 0, no bucket");
    }

    /**
     * Reference: the organisers' metric.py (google-deepmind/unlearning_evaluation, commit ffae0ff)
     * run on CPU (torch 1.13, numpy 1.24.2; its {@code .cuda()} calls made no-ops and its
     * {@code assert thr_eps} on an array made {@code assert len(thr_eps)}) on these 6 + 6 models x 5
     * examples, drawn with numpy default_rng(2024) as float32: example 1 shifted, 2 a spike, 3
     * separated, 4 with a wider Retrain. Its epsilons are float32, hence the 1e-5 tolerance.
     */
    @Test
    void matchesTheOrganisersCode() {
        double[][] unlearned = {
            {1.02885687f, 3.14192009f, 3.99694991f, 5.02682066f, -1.39280009f},
            {0.0671963543f, 2.36135101f, 3.99617314f, 7.81028557f, 0.750843465f},
            {0.639759541f, 0.768677473f, 3.99684f, 7.48440552f, 0.0489124022f},
            {0.8115201f, 0.123577163f, 3.99664187f, 4.70890856f, -0.775678694f},
            {0.903063059f, 0.0194186755f, 3.99774456f, 6.1637888f, -0.668470323f},
            {-0.252289772f, 1.27813852f, 4.00572824f, 5.56874561f, 0.272260666f}};
        double[][] retrained = {
            {0.0568191968f, 0.424569249f, 0.224943385f, 1.65768409f, -1.99102819f},
            {1.19918716f, -0.402612418f, -0.957926154f, 1.21119452f, -1.31851768f},
            {-0.387635857f, -1.38868368f, -2.09819674f, 0.634300947f, -3.49579906f},
            {0.778272986f, 1.8481673f, -0.114797942f, -1.12661505f, 1.18259752f},
            {0.761728466f, -0.261790365f, 0.0174644906f, 1.33527076f, 3.79635596f},
            {0.709978223f, -0.866400898f, -0.0536755696f, 0.602917314f, -0.635597587f}};
        double[] expected = {1.0985922813415527, 1.3862793445587158, 50.0, 50.0, 1.6094259023666382};
        double[] eps = new double[5];
        for (int x = 0; x < 5; x++) {
            double[] u = new double[6];
            double[] r = new double[6];
            for (int k = 0; k < 6; k++) {
                u[k] = unlearned[k][x];
                r[k] = retrained[k][x];
            }
            eps[x] = CompetitionEpsilon.epsilon(u, r);
        }
        assertArrayEquals(expected, eps, 1e-5);
        assertEquals(0.125, CompetitionEpsilon.forgetScore(eps, 6), 0, "metric.py compute_forget_score_from_confs");
    }

    /**
     * The fast evaluation (jumping between the left ends where a count changes) equals evaluating
     * every threshold of both grids straight from the definition, on random groups of 2-12 models.
     */
    @Test
    void fastEpsilonEqualsEveryThresholdEvaluated() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int trial = 0; trial < 40; trial++) {
            double[] u = new double[2 + random.nextInt(11)];
            double[] r = new double[2 + random.nextInt(11)];
            double shift = random.nextDouble() * 3;
            double scale = 0.05 + random.nextDouble();
            for (int k = 0; k < u.length; k++) {
                u[k] = (float) (shift + scale * SyntheticStudy.normal(random));
            }
            for (int k = 0; k < r.length; k++) {
                r[k] = (float) SyntheticStudy.normal(random);
            }
            assertEquals(naiveEpsilon(u, r), CompetitionEpsilon.epsilon(u, r), 0, "trial " + trial + ", seed 3");
        }
    }

    /** Both threshold families evaluated at every grid point, as metric.py does. */
    private static double naiveEpsilon(double[] unlearned, double[] retrained) {
        boolean retrainPositive = CompetitionEpsilon.median(retrained) > CompetitionEpsilon.median(unlearned);
        double[] pos = retrainPositive ? retrained : unlearned;
        double[] neg = retrainPositive ? unlearned : retrained;
        double pd = java.util.Arrays.stream(pos).max().getAsDouble() - java.util.Arrays.stream(pos).min().getAsDouble();
        double nd = java.util.Arrays.stream(neg).max().getAsDouble() - java.util.Arrays.stream(neg).min().getAsDouble();
        double smallest = pd > nd ? nd : pd;
        if (smallest / (pd > nd ? pd : nd) < 0.01) {
            return 50;
        }
        double best = Double.NaN;
        double lo = Math.min(java.util.Arrays.stream(pos).min().getAsDouble(), java.util.Arrays.stream(neg).min().getAsDouble());
        double hi = Math.max(java.util.Arrays.stream(pos).max().getAsDouble(), java.util.Arrays.stream(neg).max().getAsDouble());
        int n = (int) Math.ceil((hi - lo) * 100);
        for (int k = 0; k < n; k++) {
            double t = CompetitionEpsilon.linspace(lo, hi, n, k);
            best = max(best, rule(java.util.Arrays.stream(pos).filter(v -> v >= t).count(), pos.length,
                    java.util.Arrays.stream(neg).filter(v -> v >= t).count(), neg.length));
        }
        double[] peaky = pd >= nd ? neg : pos;
        double[] other = pd >= nd ? pos : neg;
        double plo = java.util.Arrays.stream(peaky).min().getAsDouble();
        double phi = java.util.Arrays.stream(peaky).max().getAsDouble();
        double a = plo + smallest - 2;
        double b = phi + 2;
        int rights = (int) Math.ceil((b - a) * 100);
        for (int k = 0; k < rights; k++) {
            double rr = CompetitionEpsilon.linspace(a, b, rights, k);
            for (int m = 0; m < 400; m++) {
                double l = CompetitionEpsilon.linspace(rr - smallest - 2, rr - smallest + 2, 400, m);
                best = max(best, rule(java.util.Arrays.stream(peaky).filter(v -> l <= v && v <= rr).count(), peaky.length,
                        java.util.Arrays.stream(other).filter(v -> l <= v && v <= rr).count(), other.length));
            }
        }
        return Double.isNaN(best) ? best : Math.min(Math.max(best, 0), 50);
    }

    private static double rule(long predictedPositives, int positives, long predictedNegatives, int negatives) {
        return CompetitionEpsilon.thresholdEpsilon((double) predictedNegatives / negatives,
                (double) (positives - predictedPositives) / positives);
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }

    /** Hand computation: scores 3 (+), 2 (-), 2 (+), 1 (-): pairs won 1 + 1 + 0.5 + 1 of 4. */
    @Test
    void rocWithATie() {
        Roc roc = Roc.of(new double[] {3, 2, 2, 1}, new boolean[] {true, false, true, false});
        assertEquals(0.875, roc.auc(), 1e-15);
        assertArrayEquals(new double[] {0, 0, 0.5, 1}, roc.fpr(), 0);
        assertArrayEquals(new double[] {0, 0.5, 1, 1}, roc.tpr(), 0);
        assertEquals(0.5, roc.tprAt(0.01), 0, "the last point with FPR below 1 %");
        assertEquals(1, roc.tprAt(1), 0);
        assertThrows(IllegalArgumentException.class, () -> Roc.of(new double[] {1}, new boolean[] {true}));
    }
}
