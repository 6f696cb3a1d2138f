/**
 * XChart figures of study result tables: Figure-1 box plots of Algorithm 1 vs Algorithm 2 with
 * Retrain quantile lines, W2 distances, variance components, the single-seed lottery and
 * minimum-detectable-difference heat maps ({@link org.seedscope.viz.Charts}), plus reading of
 * {@code results.csv} ({@link org.seedscope.viz.ResultRows}).
 */
package org.seedscope.viz;
