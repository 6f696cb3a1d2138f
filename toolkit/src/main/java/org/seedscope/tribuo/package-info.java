/**
 * The Tribuo model family: multinomial logistic regression ({@link org.seedscope.tribuo.LogisticRegression})
 * and factorization machines ({@link org.seedscope.tribuo.FactorizationMachine}) trained by Tribuo
 * 4.3.2's SGD trainers, a fresh trainer per run seeded by the training seed
 * ({@link org.seedscope.tribuo.TribuoSpec}); conversion of SeedScope examples to Tribuo datasets
 * ({@link org.seedscope.tribuo.TribuoData}); and unlearning methods for the linear member
 * ({@link org.seedscope.tribuo.TribuoUnlearning}): Retrain, warm-started Finetune, NegGrad,
 * SSD / SSD-Det and certified removal (Guo et al. 2020), working on
 * {@link org.seedscope.tribuo.LinearClassifier} parameters with closed-form gradients and
 * Hessian-vector products ({@link org.seedscope.tribuo.LogisticObjective}).
 */
package org.seedscope.tribuo;
