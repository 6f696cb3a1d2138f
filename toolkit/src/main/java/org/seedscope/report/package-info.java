/**
 * What a person reads about a finished study. {@link org.seedscope.report.Report}: the HTML report
 * (headline, per scenario the Figure-1 charts, W2 with its noise floor, variance components with
 * both seed sources and intervals, the single-seed lottery and plain readings; seed budget;
 * provenance), written atomically with the charts embedded. {@link org.seedscope.report.Headline}:
 * per method what one training seed would have reported next to what many show, on a metric not
 * stuck at its floor or ceiling. {@link org.seedscope.report.TextSummary} and
 * {@link org.seedscope.report.TextTable}: the same for the terminal, within 100 columns.
 * {@link org.seedscope.report.SeedEstimate}: the best available split of a method's variance.
 * Every number goes through {@link org.seedscope.format.Numbers}.
 */
package org.seedscope.report;
