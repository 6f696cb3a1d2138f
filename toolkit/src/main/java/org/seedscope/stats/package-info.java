/**
 * Seed-sensitivity statistics for machine-unlearning studies (paper: Lanyon et al.,
 * arXiv 2510.26714, v5 Eq. (4); see {@code shared/PAPER.md}, "Statistics").
 *
 * <p>The core works on plain arrays: a nested design is a {@code double[][]} with one array per
 * training seed holding that seed's unlearning-seed values (sizes may differ). Thin table-level
 * entry points read a study's long-format Tablesaw result table (columns {@code scenario},
 * {@code method}, {@code protocol}, {@code train_seed}, {@code unlearn_seed}, {@code status} and
 * numeric metrics; only "ok" rows are analysed) and work per {@link org.seedscope.stats.Slice}.
 *
 * <ul>
 * <li>{@link org.seedscope.stats.VarianceComponents}, {@link org.seedscope.stats.SeedVariance}:
 *     σ²_train, σ²_unlearn, shares, ICC with intervals; deterministic-method flag.</li>
 * <li>{@link org.seedscope.stats.Wasserstein}: W1/W2 between protocol samples, bootstrap
 *     interval; {@link org.seedscope.stats.SeedLottery}: what one training seed would have
 *     reported.</li>
 * <li>{@link org.seedscope.stats.Budget}: Var(Z̄), cost-optimal J and (I, J) for a budget,
 *     minimum detectable differences.</li>
 * <li>{@link org.seedscope.stats.Bootstrap}, {@link org.seedscope.stats.PairedComparison},
 *     {@link org.seedscope.stats.RankStability}: hierarchical bootstrap, paired differences and
 *     P(A &gt; B), Kendall's W and P(rank first).</li>
 * </ul>
 *
 * <p>No method returns NaN: quantities a design cannot identify are empty optionals (missing
 * cells in tables) with a note; non-finite inputs are rejected with the position named. Every
 * random draw comes from a caller-supplied seed.
 */
package org.seedscope.stats;
