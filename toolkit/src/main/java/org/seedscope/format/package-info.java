/**
 * Formatting of numbers for people ({@link org.seedscope.format.Numbers}): significant figures,
 * scientific notation for tiny and huge magnitudes, infinities, "not estimable" and intervals.
 * The bottom of the layering: it depends on nothing else in SeedScope, so every package may use
 * it.
 */
package org.seedscope.format;
