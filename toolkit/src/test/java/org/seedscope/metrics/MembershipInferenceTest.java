package org.seedscope.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedscope.metrics.MembershipInference.Balancing;
import org.seedscope.metrics.MembershipInference.EntropyAttack;
import org.seedscope.metrics.MembershipInference.ThresholdAttack;

class MembershipInferenceTest {
    private static final double LN10 = Math.log(10);

    private static double[] uniform(SplittableRandom random, int n, double lo, double hi) {
        return random.doubles(n, lo, hi).toArray();
    }

    private static double[] normal(SplittableRandom random, int n, double mean) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            // Box-Muller from two seeded uniforms
            out[i] = mean + Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                    * Math.cos(2 * Math.PI * random.nextDouble());
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(Balancing.class)
    void separableEntropiesClassifyForgetExamplesByTheirEntropy(Balancing balancing) {
        long seed = 11;
        SplittableRandom random = new SplittableRandom(seed);
        double[] members = uniform(random, 300, 0, 0.05);
        double[] nonMembers = uniform(random, 100, LN10 - 0.05, LN10);
        double[] confident = new double[40];
        double[] uncertain = new double[40];
        Arrays.fill(uncertain, LN10);
        assertEquals(1.0, MembershipInference.entropyAttack(members, nonMembers, confident, balancing, seed), 0,
                "entropy 0 looks like a member (seed " + seed + ", " + balancing + ")");
        assertEquals(0.0, MembershipInference.entropyAttack(members, nonMembers, uncertain, balancing, seed), 0,
                "entropy ln C looks like a non-member (seed " + seed + ", " + balancing + ")");
    }

    /**
     * Ten times more members than non-members and a weakly informative feature (members N(0, 1),
     * non-members N(1, 1); targets N(0.5, 1), halfway). Closed form for the population fits:
     * unbalanced, the log-odds are ln 10 + 0.5 - x, so x < 2.80 is "member" and about 99 % of the
     * targets are called members; balanced, the boundary is x = 0.5 and about half are. A purely
     * uninformative feature would leave the balanced boundary at a random place, so it is
     * weakly informative here to make the balanced value predictable.
     */
    @Test
    void balancingStopsTheMajorityGroupFromWinningEveryPrediction() {
        long seed = 5;
        SplittableRandom random = new SplittableRandom(seed);
        double[] members = normal(random, 5000, 0);
        double[] nonMembers = normal(random, 500, 1);
        double[] targets = normal(random, 2000, 0.5);
        double unbalanced = MembershipInference.entropyAttack(members, nonMembers, targets, Balancing.NONE, seed);
        double subsampled = MembershipInference.entropyAttack(members, nonMembers, targets, Balancing.SUBSAMPLE, seed);
        double weighted = MembershipInference.entropyAttack(members, nonMembers, targets, Balancing.WEIGHT, seed);
        assertTrue(unbalanced > 0.95, "unbalanced fit calls (nearly) everyone a member: " + unbalanced + " seed " + seed);
        assertTrue(subsampled > 0.3 && subsampled < 0.7, "subsampled fit: " + subsampled + " seed " + seed);
        assertTrue(weighted > 0.3 && weighted < 0.7, "weighted fit: " + weighted + " seed " + seed);
    }

    /**
     * Hand computation, balanced weights and C = 1: three members at x = 0, one non-member at x = 1
     * (n = 4, weights 2/3 and 2, each group weighing n/2 = 2). The objective
     * 2 softplus(-b) + 2 softplus(w + b) + w^2 / 4 is stationary where sigmoid(w + b) = sigmoid(-b),
     * i.e. b = -w/2, and sigmoid(w/2) = -w/4; with u = -w/2 this is u = 2 sigmoid(-u), solved here by
     * bisection (independent of the Newton code). The boundary is x = -b/w = 1/2.
     */
    @Test
    void twoPointCaseMatchesItsClosedForm() {
        double lo = 0;
        double hi = 2;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (mid < 2 / (1 + Math.exp(mid))) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double u = (lo + hi) / 2;
        EntropyAttack fit = MembershipInference.fitEntropyAttack(new double[] {0, 0, 0}, new double[] {1},
                Balancing.WEIGHT, 1);
        assertEquals(-2 * u, fit.slope(), 1e-9, "slope w = -2u, u = " + u);
        assertEquals(u, fit.intercept(), 1e-9, "intercept b = u");
        assertEquals(0.5, -fit.intercept() / fit.slope(), 1e-9, "boundary halfway");
        assertEquals(2.0 / 3, MembershipInference.entropyAttack(new double[] {0, 0, 0}, new double[] {1},
                new double[] {0.2, 0.4, 0.6}, Balancing.WEIGHT, 1), 0, "0.2 and 0.4 are below the boundary 0.5");
    }

    /**
     * Reference: scikit-learn 1.2.1 (Debian python3-sklearn, numpy 1.24.2), the SSD authors' call
     * {@code LogisticRegression(class_weight="balanced", solver="lbfgs", multi_class="multinomial")}
     * on these 11 points, once with the default tol = 1e-4 (predictions [1 1 1 1 0 0 0] for the
     * targets) and once with tol = 1e-12, max_iter = 10000: coef_ = -0.7312866790013188,
     * intercept_ = 0.5774036108347492, which are half of w and b (see fitEntropyAttack). A binary
     * fit (multi_class="ovr") would give coef_ = -1.0757642222689199, a different model: the
     * two-class multinomial penalty is half of the binary one.
     */
    @Test
    void matchesTheScikitLearnFitOfTheAuthorsCode() {
        double[] members = {0.05, 0.12, 0.30, 0.41, 0.77, 1.10, 0.02};
        double[] nonMembers = {0.95, 1.60, 0.35, 2.05};
        double[] targets = {0.0, 0.5, 0.6, 0.7, 0.8, 1.0, 2.3};
        EntropyAttack fit = MembershipInference.fitEntropyAttack(members, nonMembers, Balancing.WEIGHT, 1);
        assertEquals(2 * -0.7312866790013188, fit.slope(), 1e-6, "scikit-learn 1.2.1, tol 1e-12");
        assertEquals(2 * 0.5774036108347492, fit.intercept(), 1e-6, "scikit-learn 1.2.1, tol 1e-12");
        assertEquals(4.0 / 7, fit.memberFraction(targets), 0, "scikit-learn 1.2.1 predict, default tol");
        // first-order optimality of the stated objective, to rounding: the fit is its exact minimiser
        double total = members.length + nonMembers.length;
        double sm = total / (2 * members.length);
        double sn = total / (2 * nonMembers.length);
        double gw = fit.slope() / (2 * MembershipInference.C);
        double gb = 0;
        for (double x : members) {
            double r = -sm / (1 + Math.exp(fit.logOdds(x)));
            gw += r * x;
            gb += r;
        }
        for (double x : nonMembers) {
            double r = sn / (1 + Math.exp(-fit.logOdds(x)));
            gw += r * x;
            gb += r;
        }
        assertEquals(0, gw, 1e-13, "d/dw");
        assertEquals(0, gb, 1e-13, "d/db");
    }

    @Test
    void weightedAttackDoesNotDependOnTheSeed() {
        SplittableRandom random = new SplittableRandom(7);
        double[] members = normal(random, 600, 0);
        double[] nonMembers = normal(random, 400, 1);
        double[] targets = normal(random, 2000, 0.5);
        double first = MembershipInference.entropyAttack(members, nonMembers, targets, Balancing.WEIGHT, 1);
        assertTrue(first > 0.2 && first < 0.8, "an informative but imperfect attack: " + first);
        for (long seed = 2; seed <= 5; seed++) {
            assertEquals(first, MembershipInference.entropyAttack(members, nonMembers, targets, Balancing.WEIGHT, seed),
                    0, "seed " + seed);
        }
    }

    @Test
    void entropyAttackIsAFunctionOfItsSeed() {
        long seed = 3;
        SplittableRandom random = new SplittableRandom(seed);
        double[] members = normal(random, 400, 0);
        double[] nonMembers = normal(random, 100, 1);
        double[] targets = normal(random, 200, 0.5);
        double first = MembershipInference.entropyAttack(members, nonMembers, targets, Balancing.SUBSAMPLE, seed);
        double again = MembershipInference.entropyAttack(members, nonMembers, targets, Balancing.SUBSAMPLE, seed);
        assertEquals(first, again, 0, "same inputs and seed " + seed);
    }

    @Test
    void entropyAttackReportsNaNForNaNFeaturesAndNoTargets() {
        double[] members = {0, 0.1};
        double[] nonMembers = {2, 2.1};
        assertTrue(Double.isNaN(MembershipInference.entropyAttack(members, nonMembers, new double[0],
                Balancing.SUBSAMPLE, 1)));
        assertTrue(Double.isNaN(MembershipInference.entropyAttack(new double[] {0, Double.NaN}, nonMembers,
                new double[] {0}, Balancing.SUBSAMPLE, 1)));
        assertThrows(IllegalArgumentException.class, () -> MembershipInference.entropyAttack(new double[0],
                nonMembers, new double[] {0}, Balancing.SUBSAMPLE, 1));
    }

    @Test
    void lossThresholdSeparatesMembersAtTheMidpointOfTheGap() {
        ThresholdAttack attack = MembershipInference.fitLossThreshold(new double[] {0.2, 0.1, 0.3},
                new double[] {3.0, 1.0, 2.0});
        // hand computation: losses <= t are members; the gap between 0.3 and 1.0 has midpoint 0.65
        assertEquals(0.65, attack.threshold(), 1e-15);
        assertEquals(1.0, attack.balancedAccuracy(), 0);
        assertEquals(1.0 / 3, attack.memberFraction(new double[] {0.5, 0.7, 2.0}), 1e-15,
                "only 0.5 is at most 0.65");
    }

    @Test
    void lossThresholdMaximisesBalancedNotPlainAccuracy() {
        // hand computation (TPR + TNR) / 2 after each sorted value, 5 members (m) and 2 non-members (n):
        // 0.1m .6, 0.2m .7, 0.3m .8, 0.35n .55, 0.4m .65, 2.5m .75, 3.0n .5. Best: 0.8 between 0.3 and 0.35.
        // Plain accuracy would prefer the cut after 2.5 (6 of 7 right against 5 of 7).
        ThresholdAttack attack = MembershipInference.fitLossThreshold(new double[] {0.1, 0.2, 0.3, 0.4, 2.5},
                new double[] {0.35, 3.0});
        assertEquals(0.325, attack.threshold(), 1e-15);
        assertEquals(0.8, attack.balancedAccuracy(), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void lossThresholdReachesTheBestBalancedAccuracyOfAnyCut(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        // one-decimal losses, so ties within and across groups are common
        double[] members = random.doubles(1 + random.nextInt(30), 0, 2).map(v -> Math.round(v * 10) / 10.0).toArray();
        double[] nonMembers = random.doubles(1 + random.nextInt(30), 0.5, 3).map(v -> Math.round(v * 10) / 10.0)
                .toArray();
        double best = 0.5;
        for (double t : DoubleStream.concat(Arrays.stream(members), Arrays.stream(nonMembers))
                .toArray()) {
            double tpr = Arrays.stream(members).filter(v -> v <= t).count() / (double) members.length;
            double tnr = Arrays.stream(nonMembers).filter(v -> v > t).count() / (double) nonMembers.length;
            best = Math.max(best, (tpr + tnr) / 2);
        }
        ThresholdAttack attack = MembershipInference.fitLossThreshold(members, nonMembers);
        assertEquals(best, attack.balancedAccuracy(), 1e-12, "brute force over every cut, seed " + seed);
        double achieved = (attack.memberFraction(members) + 1 - attack.memberFraction(nonMembers)) / 2;
        assertEquals(best, achieved, 1e-12, "the threshold realises it, seed " + seed);
    }

    @Test
    void lossThresholdWithoutSignalCallsNobodyAMember() {
        // every candidate scores balanced accuracy 0.5; ties go to the smallest, -infinity
        ThresholdAttack attack = MembershipInference.fitLossThreshold(new double[] {1, 1}, new double[] {1, 1});
        assertEquals(Double.NEGATIVE_INFINITY, attack.threshold());
        assertEquals(0.5, attack.balancedAccuracy(), 0);
        assertEquals(0.0, attack.memberFraction(new double[] {0, 1}), 0);
    }

    @Test
    void lossThresholdPropagatesNaN() {
        ThresholdAttack attack = MembershipInference.fitLossThreshold(new double[] {Double.NaN}, new double[] {1});
        assertTrue(Double.isNaN(attack.threshold()));
        assertTrue(Double.isNaN(attack.memberFraction(new double[] {0})));
        ThresholdAttack fine = MembershipInference.fitLossThreshold(new double[] {0}, new double[] {1});
        assertTrue(Double.isNaN(fine.memberFraction(new double[] {Double.NaN})));
        assertTrue(Double.isNaN(fine.memberFraction(new double[0])), "no targets");
    }
}
