/**
 * Privacy audits of a study from its seed ensemble (PAPER.md "Privacy audits from many models"):
 * the per-example U-LiRA membership test ({@link org.seedscope.audit.Ulira}, Hayes et al. 2024)
 * evaluated leave-one-training-seed-out, the NeurIPS 2023 unlearning competition's per-example
 * epsilon and forgetting quality ({@link org.seedscope.audit.CompetitionEpsilon}, Triantafillou
 * et al. 2024), their spread across training seeds, and the references "no unlearning" (method
 * {@code original}) and "Retrain vs Retrain" (the floor). Entry point:
 * {@link org.seedscope.audit.Audit#of(java.nio.file.Path)}. Inputs are the study's rows and the
 * per-example outputs the runner stores ({@link org.seedscope.study.OutputStore}).
 */
package org.seedscope.audit;
