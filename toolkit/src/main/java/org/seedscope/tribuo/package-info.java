/**
 * The Tribuo model family: multinomial logistic regression ({@link org.seedscope.tribuo.LogisticRegression})
 * and factorization machines ({@link org.seedscope.tribuo.FactorizationMachine}) trained by Tribuo
 * 4.3.2's SGD trainers, a fresh trainer per run seeded by the training seed
 * ({@link org.seedscope.tribuo.TribuoSpec}); conversion of SeedScope examples to Tribuo datasets
 * ({@link org.seedscope.tribuo.TribuoData}); the linear member held in double precision
 * ({@link org.seedscope.tribuo.LinearClassifier}), convertible to the engine's linear model so that
 * every engine unlearning method runs on it; and certified removal (Guo et al. 2020,
 * {@link org.seedscope.tribuo.CertifiedRemoval}), with closed-form gradients and Hessian-vector
 * products ({@link org.seedscope.tribuo.LogisticObjective}), registered by
 * {@link org.seedscope.tribuo.TribuoMethods#registry()}.
 */
package org.seedscope.tribuo;
