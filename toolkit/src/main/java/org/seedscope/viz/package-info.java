/**
 * XChart figures of study result tables, one class per figure, all in the shared
 * {@link org.seedscope.viz.Theme}: Figure-1 boxes of Algorithm 1 vs Algorithm 2 over Retrain's
 * quantile lines and band ({@link org.seedscope.viz.OneSeedVsManyChart}), W2 distances with
 * bootstrap intervals and noise floors ({@link org.seedscope.viz.WassersteinChart}), stacked
 * variance components ({@link org.seedscope.viz.VarianceChart}), the single-seed lottery
 * ({@link org.seedscope.viz.LotteryChart}) and minimum-detectable-difference heat maps
 * ({@link org.seedscope.viz.MddChart}); and of a study's privacy audit, each beside the
 * Retrain-vs-Retrain floor: U-LiRA ROCs on log–log axes ({@link org.seedscope.viz.AuditRocChart}),
 * per-example ε histograms ({@link org.seedscope.viz.EpsilonHistogramChart}) and the audit's
 * spread across training seeds ({@link org.seedscope.viz.AuditSpreadChart});
 * {@link org.seedscope.viz.Charts} is the one entry point
 * to them. {@link org.seedscope.viz.ResultRows} reads {@code results.csv};
 * {@link org.seedscope.viz.AlgorithmSamples} takes the Algorithm-1 and Algorithm-2 samples from a
 * study's grid when it did not run them separately.
 */
package org.seedscope.viz;
