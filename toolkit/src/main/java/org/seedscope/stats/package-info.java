/**
 * Seed-sensitivity statistics for machine-unlearning studies (paper: Lanyon et al.,
 * arXiv 2510.26714, v5 Eq. (4); see {@code shared/PAPER.md}, "Statistics").
 *
 * <p>The core works on plain arrays: a nested design is a {@code double[][]} with one array per
 * training seed holding that seed's unlearning-seed values (sizes may differ). Thin table-level
 * entry points read a study's long-format Tablesaw result table (columns {@code scenario},
 * {@code method}, {@code protocol}, {@code train_seed}, {@code unlearn_seed}, {@code status},
 * numeric metrics and the declared {@code deterministic} property; only "ok" rows are analysed)
 * and work per {@link org.seedscope.stats.Slice}.
 *
 * <ul>
 * <li>{@link org.seedscope.stats.VarianceComponents}, {@link org.seedscope.stats.SeedVariance}:
 *     σ²_train (MLS interval, one-sided when MSB ≤ MSW), σ²_unlearn, the total variance of one
 *     run (the spread of Algorithm-2 slices), ICC, the mean's t interval on training-seed means
 *     ({@link org.seedscope.stats.MeanInterval}); declared determinism and floor / ceiling
 *     labels ({@link org.seedscope.stats.Constancy}, {@link org.seedscope.stats.MetricRange}).</li>
 * <li>{@link org.seedscope.stats.RemlEstimate}: one-way REML with profile-likelihood intervals;
 *     {@link org.seedscope.stats.GridModel}: the grid's mixed model y ~ method + (1|seed) +
 *     (1|seed:method) by REML (as lme4), method differences on shared training seeds.</li>
 * <li>{@link org.seedscope.stats.Wasserstein}: W1/W2 between protocol samples with a
 *     bias-corrected bootstrap interval, a permutation test and its noise floor
 *     ({@link org.seedscope.stats.ProtocolDistance}); {@link org.seedscope.stats.SeedLottery}:
 *     what one training seed would have reported.</li>
 * <li>{@link org.seedscope.stats.Budget}: Var(Z̄), cost-optimal J and (I, J) for a budget,
 *     minimum detectable differences.</li>
 * <li>{@link org.seedscope.stats.Bootstrap}, {@link org.seedscope.stats.PairedComparison},
 *     {@link org.seedscope.stats.RankStability}: hierarchical bootstrap, paired differences and
 *     P(A &gt; B), Kendall's W and P(rank first).</li>
 * </ul>
 *
 * <p>No method returns NaN: quantities a design cannot identify are empty optionals (missing
 * cells in tables) with a note. Array inputs with non-finite values are rejected with the
 * position named; in a result table an "ok" row with a non-finite metric is left out of its
 * slice with a note. Every random draw comes from a caller-supplied seed. Means, variances,
 * quantiles (type 7) and distributions come from Commons Statistics.
 */
package org.seedscope.stats;
