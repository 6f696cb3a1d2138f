/**
 * Conveniences for the notebooks: the studies shipped with the repository
 * ({@link org.seedscope.notebook.ShippedStudy}: their results in one line, or the same spec run live)
 * and the smoke switch CI sets ({@link org.seedscope.notebook.Lab#smoke()}). A face of the toolkit
 * like {@code cli} and {@code report}: it builds on {@code study} and nothing below imports it.
 */
package org.seedscope.notebook;
