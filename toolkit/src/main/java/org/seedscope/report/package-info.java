/**
 * The HTML report of a study ({@link org.seedscope.report.Report}): Figure-1 charts, W2
 * distances, variance components, the single-seed lottery, plain-language readings and a seed
 * budget, written atomically with the charts embedded.
 */
package org.seedscope.report;
