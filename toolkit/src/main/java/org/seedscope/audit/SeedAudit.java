package org.seedscope.audit;

/**
 * The audit of the target models of one training seed: what an evaluation with that training seed
 * alone would have reported. U-LiRA scores come from the leave-one-training-seed-out fits; epsilon
 * compares this seed's unlearned models with this seed's retrained models (the competition's own
 * protocol: every unlearned model starts from one original).
 *
 * @param trainSeed the training seed (for the Retrain-vs-Retrain floor: the first seed of its pair)
 * @param methodModels distinct unlearned models of this seed
 * @param retrainModels retrained models of this seed
 * @param auc U-LiRA AUC on this seed's targets; NaN when it has only one kind of target
 * @param tprAt1 TPR at FPR below 1 % on this seed's targets; NaN like {@code auc}
 * @param tprAt01 TPR at FPR below 0.1 %; NaN like {@code auc}
 * @param forgetQuality the competition's score between this seed's models, N = its unlearning seeds;
 *     NaN with fewer than 3 (no score bucket exists)
 * @param medianEpsilon median per-example epsilon between this seed's models; NaN with fewer than 2
 *     retrained models in the seed
 */
public record SeedAudit(long trainSeed, int methodModels, int retrainModels, double auc, double tprAt1,
        double tprAt01, double forgetQuality, double medianEpsilon) {}
