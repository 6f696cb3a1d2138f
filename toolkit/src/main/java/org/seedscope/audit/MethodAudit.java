package org.seedscope.audit;

import java.util.Arrays;
import java.util.List;

/**
 * The privacy audit of one method on one (protocol, forget scenario) slice of a study: its models
 * (one per cell) against the cells' Retrain models. Everything a chart needs is here: the pooled
 * ROC, the per-example epsilons and the per-training-seed results.
 *
 * <p>Instances do not copy their arrays; treat them as immutable.
 *
 * @param protocol the protocol id
 * @param scenario the forget scenario id
 * @param method the method name, or {@link Audit#FLOOR} for Retrain against independent Retrain models
 * @param reference true for the {@code original} method (the original unchanged: what no
 *     unlearning looks like) and for the floor
 * @param trainingSeeds number of training seeds
 * @param methodModels distinct unlearned models (bit-identical outputs within a training seed count once)
 * @param retrainModels retrained models
 * @param exampleIds id of each forget example (row index into the scenario's training set)
 * @param roc the U-LiRA ROC pooled over every (forget example, held-out target model)
 * @param epsilons the competition's epsilon of each forget example, all unlearned vs all retrained models
 * @param forgetQuality the competition's forgetting quality from {@code epsilons}, with N the smaller
 *     number of runs (cells) of the two kinds; NaN below 3 runs
 * @param score the competition's final score {@code forgetQuality x RA_u / RA_r x TA_u / TA_r} (mean
 *     retain-set and test accuracies of the unlearned and the Retrain models, from the rows'
 *     {@code retain_train_acc, test_acc} and their {@code d_} differences); NaN when those columns
 *     are missing
 * @param controlAuc U-LiRA AUC on the sampled test examples, which no model trained on: above 0.5
 *     it measures a global change of the outputs rather than memory of the forget set; NaN when no
 *     test examples were stored
 * @param seeds the audit per training seed, ascending
 */
public record MethodAudit(String protocol, String scenario, String method, boolean reference, int trainingSeeds,
        int methodModels, int retrainModels, int[] exampleIds, Roc roc, double[] epsilons, double forgetQuality,
        double score, double controlAuc, List<SeedAudit> seeds) {

    /** How far from 0.5 a floor's pooled AUC may lie before {@link #offChance()} (with its pairs all on one side). */
    public static final double OFF_CHANCE = 0.1;

    /** Copies the per-seed list. */
    public MethodAudit {
        seeds = List.copyOf(seeds);
    }

    /** @return the pooled U-LiRA AUC (0.5: the attack cannot tell unlearned from retrained) */
    public double auc() {
        return roc.auc();
    }

    /** @return the pooled TPR at FPR below 1 % */
    public double tprAt1() {
        return roc.tprAt(0.01);
    }

    /** @return the pooled TPR at FPR below 0.1 % */
    public double tprAt01() {
        return roc.tprAt(0.001);
    }

    /** @return the median of the per-example epsilons (NaN ones left out) */
    public double medianEpsilon() {
        return median(epsilons);
    }

    /** @return how the per-seed U-LiRA AUC varies across training seeds */
    public Spread aucSpread() {
        return Spread.of(seeds.stream().mapToDouble(SeedAudit::auc).toArray());
    }

    /** @return how the per-seed forgetting quality varies across training seeds */
    public Spread forgetQualitySpread() {
        return Spread.of(seeds.stream().mapToDouble(SeedAudit::forgetQuality).toArray());
    }

    /**
     * For the floor (Retrain against Retrain): whether chance lies outside its own spread, i.e. every
     * seed pair's AUC is on one side of 0.5 and the pooled AUC more than {@value #OFF_CHANCE} from it.
     * Perfect unlearning should look like chance; a floor that does not means this slice has too few
     * models for its verdicts to carry meaning (the shipped 8 x 4 audit's floor: 0.497, seed pairs
     * 0.478-0.515; a 4 x 2 grid of the same study: 0.253, pairs 0.118-0.341).
     *
     * @return true when this audit's AUC is off chance in that sense; false when it has no seed spread
     */
    public boolean offChance() {
        Spread pairs = aucSpread();
        return pairs.n() > 0 && Math.abs(auc() - 0.5) > OFF_CHANCE && (pairs.max() < 0.5 || pairs.min() > 0.5);
    }

    static double median(double[] values) {
        double[] finite = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (finite.length == 0) {
            return Double.NaN;
        }
        int n = finite.length;
        return n % 2 == 1 ? finite[n / 2] : (finite[n / 2 - 1] + finite[n / 2]) / 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MethodAudit a && protocol.equals(a.protocol) && scenario.equals(a.scenario)
                && method.equals(a.method) && reference == a.reference && trainingSeeds == a.trainingSeeds
                && methodModels == a.methodModels && retrainModels == a.retrainModels
                && Arrays.equals(exampleIds, a.exampleIds) && roc.equals(a.roc) && Arrays.equals(epsilons, a.epsilons)
                && Double.compare(forgetQuality, a.forgetQuality) == 0 && Double.compare(score, a.score) == 0
                && Double.compare(controlAuc, a.controlAuc) == 0 && seeds.equals(a.seeds);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(protocol, scenario, method, roc, Arrays.hashCode(epsilons));
    }

    @Override
    public String toString() {
        return "MethodAudit[" + protocol + " " + scenario + " " + method + ": AUC " + Audit.sig(auc()) + ", median eps "
                + Audit.sig(medianEpsilon()) + ", forgetting quality " + Audit.sig(forgetQuality) + "]";
    }
}
