/**
 * Metrics of machine unlearning (PAPER.md "Metrics") for one model on one forget scenario.
 *
 * <p>Inputs: {@link org.seedscope.metrics.EvaluationSets} (retain-train, forget-train, test,
 * retain-test, forget-test) and a model, optionally with the same cell's Retrain model. Entry point:
 * {@link org.seedscope.metrics.MetricSet#compute}, which returns a name-to-value map whose names
 * {@link org.seedscope.metrics.Metrics#names()} lists and {@link org.seedscope.metrics.Metrics#describe}
 * defines:
 * <ul>
 *   <li>accuracies: {@code test_acc, retain_acc, forget_acc, retain_train_acc, forget_train_acc};
 *   <li>membership inference: {@code mia} (the paper's entropy attack: the class-balanced, L2-penalised
 *       logistic regression of the SSD authors' scikit-learn code, solved exactly by Newton's method) and {@code mia_loss} (Yeom et al.'s loss threshold), see
 *       {@link org.seedscope.metrics.MembershipInference};
 *   <li>{@code zrf} (Chundawat et al.), see {@link org.seedscope.metrics.Zrf};
 *   <li>distance to Retrain (SUPREME): {@code d_*} accuracy differences, {@code js_forget, js_test,
 *       act_dist} ({@link org.seedscope.metrics.Distributions}), {@code l2_dist, l2_dist_layer<k>}
 *       ({@link org.seedscope.metrics.WeightDistance});
 * </ul>
 */
package org.seedscope.metrics;
