/**
 * Machine-unlearning methods behind one interface, {@link org.seedscope.unlearn.UnlearningMethod},
 * and a registry of them by id, {@link org.seedscope.unlearn.MethodRegistry}.
 *
 * <p>Every method is a record of validated hyperparameters with a {@code withDefaults()} factory
 * and {@code withX(...)} copies; its {@link org.seedscope.unlearn.UnlearningMethod#hyperparameters()}
 * are its record components (camelCase; the gradient methods' shared
 * {@link org.seedscope.unlearn.DescentSettings} flattened), and exactly those names configure a
 * named variant from data ({@link org.seedscope.unlearn.MethodRegistry#variant}). A method never
 * modifies the original model and draws every random number from the method stream of its
 * {@link org.seedscope.unlearn.UnlearningContext}, so the same seed gives bit-identical parameters;
 * whether the seed matters at all is declared by
 * {@link org.seedscope.unlearn.UnlearningMethod#deterministic()} and checked by the tests. The four
 * selective-dampening ids are one method, {@link org.seedscope.unlearn.SelectiveDampening}; the
 * {@code original} id ({@link org.seedscope.unlearn.Original}) is the unchanged original as a
 * reference row. Per-run diagnostics go into the unlearned model's provenance
 * ({@link org.seedscope.unlearn.SelectiveDampening#SELECTED}). Methods that train run through
 * {@link org.seedscope.train.Trainer}, so a NaN or infinite loss throws
 * {@link org.seedscope.train.TrainingDiverged} and an interrupt cancels the run.
 *
 * <p><b>Measurement setting of the defaults.</b> Where no published setting carries over to small
 * MLPs, defaults were measured here on Fashion-MNIST: the first 12,000 training images (pixels /
 * 255), an MLP 784-256-10 trained with {@link org.seedscope.train.TrainingConfig#defaults()} from
 * training seed 1, forgetting class 0 (T-shirt/top) in full, accuracies on the first 3,000 test
 * images, unlearning seed 5 (seed 6 agreed within 0.02). The original scores retain accuracy 0.869
 * and forget accuracy 0.798; Retrain scores 0.877 and 0.000. These are single-seed indications, not
 * tuned optima: SeedScope exists to show how much such numbers move with the seeds.
 */
package org.seedscope.unlearn;
