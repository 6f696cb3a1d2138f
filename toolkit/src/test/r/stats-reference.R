# Reference values for the org.seedscope.stats tests, computed once with
# R 4.2.2 (Debian r-base-core) and lme4 1.1-31 (Debian r-cran-lme4):
#   Rscript toolkit/src/test/r/stats-reference.R
# The numbers printed here are embedded in RemlEstimateTest, GridModelTest and
# VarianceComponentsTest. Data are literal (no RNG), so the output is reproducible.
suppressMessages(library(lme4))
options(digits = 12)
tight <- lmerControl(optimizer = "nloptwrap",
                     optCtrl = list(xtol_abs = 1e-14, ftol_abs = 1e-16, xtol_rel = 1e-14,
                                    ftol_rel = 1e-16, maxeval = 1e5))

## 1. One-way REML y ~ 1 + (1|seed): estimates, REMLcrit and REML profile intervals.
## lme4's confint(method = "profile") profiles the ML deviance even for REML fits, so the
## REML profile is computed here from the REML criterion itself, checked against REMLcrit.
oneway <- function(groups, label, level = 0.95) {
  d <- data.frame(g = factor(rep(seq_along(groups), lengths(groups))), y = unlist(groups))
  f <- lmer(y ~ 1 + (1 | g), data = d, REML = TRUE, control = tight)
  vc <- as.data.frame(VarCorr(f))$vcov
  n <- lengths(groups); m <- sapply(groups, mean); N <- sum(n)
  ssw <- sum(sapply(groups, function(x) sum((x - mean(x))^2)))
  crit <- function(s, v) { w <- n / (v + n * s); mu <- sum(w * m) / sum(w)
    (N - 1) * log(2 * pi) + sum((n - 1) * log(v) + log(v + n * s)) + ssw / v +
      sum(w * (m - mu)^2) + log(sum(w)) }
  cmin <- crit(vc[1], vc[2])
  q <- qchisq(level, 1)
  pt <- function(s) optimize(function(lv) crit(s, exp(lv)), log(vc[2]) + c(-15, 15), tol = 1e-13)$objective
  pu <- function(v) optimize(function(s) crit(s, v), c(0, 100 * (vc[1] + vc[2])), tol = 1e-15)$objective
  ft <- function(s) pt(s) - cmin - q
  fu <- function(v) pu(v) - cmin - q
  tlo <- if (ft(0) <= 0) 0 else uniroot(ft, c(0, vc[1]), tol = 1e-15)$root
  thi <- uniroot(ft, c(vc[1], 1e3 * (vc[1] + vc[2])), tol = 1e-15)$root
  ulo <- uniroot(fu, c(vc[2] * 1e-3, vc[2]), tol = 1e-15)$root
  uhi <- uniroot(fu, c(vc[2], vc[2] * 1e3), tol = 1e-15)$root
  cat(sprintf("%s: sigma2_train %.10g sigma2_unlearn %.10g mean %.10g REMLcrit %.12g (own %.12g)\n",
              label, vc[1], vc[2], fixef(f)[1], REMLcrit(f), cmin))
  cat(sprintf("%s: profile sigma2_train [%.10g, %.10g] sigma2_unlearn [%.10g, %.10g]\n",
              label, tlo, thi, ulo, uhi))
}
oneway(list(c(2, 4), c(5, 6, 7), c(9)), "hand3")
oneway(list(c(0.31, 0.35, 0.29), c(0.40, 0.44), c(0.22, 0.25, 0.20, 0.27), c(0.33),
            c(0.38, 0.36, 0.41)), "five")

## 1b. An unbalanced design with sigma_unlearn / sigma_train about 1e-6, where lme4 1.1-31 warns
## that it failed to converge (bobyqa: 1.3206, nloptwrap: 1.1742 for sigma2_train): the REML
## optimum by R's optimize() of the criterion profiled over sigma2_unlearn, in log gamma.
extreme <- list(c(1.2, 1.2 + 2e-6, 1.2 - 1e-6), c(0.3, 0.3 + 1e-6),
                c(2.5, 2.5 - 3e-6, 2.5 + 1e-6, 2.5 + 2e-6), c(-0.4), c(0.9, 0.9 + 4e-6, 0.9 - 2e-6))
local({
  n <- lengths(extreme); m <- sapply(extreme, mean); N <- sum(n)
  ssw <- sum(sapply(extreme, function(x) sum((x - mean(x))^2)))
  q <- function(g) { w <- n / (1 + n * g); mu <- sum(w * m) / sum(w); ssw + sum(w * (m - mu)^2) }
  pc <- function(lg) { g <- exp(lg); w <- n / (1 + n * g)
    (N - 1) * log(q(g)) + sum(log(1 + n * g)) + log(sum(w)) }
  o <- optimize(pc, c(0, 60), tol = 1e-14); g <- exp(o$minimum)
  cat(sprintf("extreme: sigma2_train %.10g sigma2_unlearn %.10g\n", g * q(g) / (N - 1),
              q(g) / (N - 1)))
})

## 2. MLS interval (Ting et al. 1990; Burdick and Graybill 1992, sec. 3.3) for sigma2_train
## of the balanced 3 x 4 hand design of VarianceComponentsTest, and its ICC interval.
mls <- function(msb, msw, dfb, dfw, J, level = 0.95) {
  a <- (1 - level) / 2
  G1 <- 1 - dfb / qchisq(1 - a, dfb); H1 <- dfb / qchisq(a, dfb) - 1
  G2 <- 1 - dfw / qchisq(1 - a, dfw); H2 <- dfw / qchisq(a, dfw) - 1
  Fh <- qf(1 - a, dfb, dfw); Fl <- qf(a, dfb, dfw)
  G12 <- ((Fh - 1)^2 - G1^2 * Fh^2 - H2^2) / Fh
  H12 <- ((1 - Fl)^2 - H1^2 * Fl^2 - G2^2) / Fl
  b <- msb / J; w <- msw / J
  c(b - w - sqrt(G1^2 * b^2 + H2^2 * w^2 + G12 * b * w),
    b - w + sqrt(H1^2 * b^2 + G2^2 * w^2 + H12 * b * w))
}
cat(sprintf("hand 3x4 MLS sigma2_train [%.10g, %.10g]\n", mls(43, 11 / 3, 2, 9, 4)[1],
            mls(43, 11 / 3, 2, 9, 4)[2]))
# {1, 3}, {0, 5}: MSB = 0.25 < MSW = 7.25, J = 2; the MLS upper bound
cat(sprintf("truncated 2x2 MLS upper %.10g; chi-squared bound %.10g\n",
            mls(0.25, 7.25, 1, 2, 2)[2], 0.25 / (2 * qchisq(0.025, 1))))
# total of an I x 1 design {1}, {2}, {6}: SSB = 14, df 2
cat(sprintf("I x 1 total interval [%.10g, %.10g]\n", 14 / qchisq(0.975, 2), 14 / qchisq(0.025, 2)))

## 3. The grid model y ~ method + (1|seed) + (1|seed:method), REML.
grid <- function(d, label) {
  d$seed <- factor(d$seed); d$method <- factor(d$method, labels = c("A", "B", "C"))
  f <- lmer(y ~ method + (1 | seed) + (1 | seed:method), data = d, REML = TRUE, control = tight)
  vc <- as.data.frame(VarCorr(f))
  V <- as.matrix(vcov(f)); b <- fixef(f)
  cat(sprintf("%s: sigma2_seed %.10g sigma2_seed:method %.10g sigma2_residual %.10g REMLcrit %.12g\n",
              label, vc$vcov[vc$grp == "seed"], vc$vcov[vc$grp == "seed:method"],
              vc$vcov[vc$grp == "Residual"], REMLcrit(f)))
  cat(sprintf("%s: means A %.12g B %.12g C %.12g\n", label, b[1], b[1] + b[2], b[1] + b[3]))
  cat(sprintf("%s: se A %.10g B %.10g C %.10g\n", label, sqrt(V[1, 1]),
              sqrt(V[1, 1] + V[2, 2] + 2 * V[1, 2]), sqrt(V[1, 1] + V[3, 3] + 2 * V[1, 3])))
  cat(sprintf("%s: se(B-A) %.10g se(C-A) %.10g se(C-B) %.10g\n", label, sqrt(V[2, 2]),
              sqrt(V[3, 3]), sqrt(V[2, 2] + V[3, 3] - 2 * V[2, 3])))
}
balanced <- data.frame(seed = rep(1:6, each = 9), method = rep(rep(1:3, each = 3), 6),
  y = c(0.8216, 0.7946, 0.8352, 0.7387, 0.6893, 0.7615, 0.8023, 0.8063, 0.849, 0.7945, 0.823,
        0.7974, 0.7554, 0.7888, 0.8183, 0.7839, 0.8011, 0.78, 0.8263, 0.7843, 0.7802, 0.7521,
        0.7829, 0.8053, 0.8602, 0.8612, 0.8903, 0.738, 0.7873, 0.8086, 0.7601, 0.7599, 0.8071,
        0.8054, 0.8161, 0.8254, 0.6405, 0.6811, 0.6396, 0.6331, 0.6487, 0.6506, 0.741, 0.74,
        0.7554, 0.843, 0.896, 0.8418, 0.879, 0.8631, 0.8984, 0.8784, 0.9029, 0.8944))
unbalanced <- data.frame(
  seed = c(1,1,1,1,1,1,1,1,1,2,2,2,2,2,2,3,3,3,3,3,3,3,3,4,4,4,4,4,4,5,5,5,5,5,5,5,6,6,6,6,
           6,6,7,7,7,7,7,7),
  method = c(1,1,2,2,2,2,3,3,3,1,2,2,2,3,3,1,1,1,2,2,2,2,3,1,1,1,2,3,3,1,1,1,1,2,3,3,1,1,1,
             2,3,3,1,1,1,2,2,2),
  y = c(0.8528, 0.8438, 0.7799, 0.807, 0.8068, 0.8258, 0.8701, 0.8329, 0.8273, 0.8296, 0.7331,
        0.7332, 0.7357, 0.8759, 0.8162, 0.8352, 0.773, 0.7705, 0.7303, 0.7777, 0.7407, 0.7249,
        0.8042, 0.8392, 0.8403, 0.8636, 0.7247, 0.8254, 0.8673, 0.7917, 0.7601, 0.7808, 0.7663,
        0.6781, 0.7801, 0.8036, 0.8561, 0.8873, 0.8519, 0.8153, 0.8021, 0.8305, 0.8408, 0.8124,
        0.8483, 0.7785, 0.7929, 0.7954))
grid(balanced, "balanced")
grid(unbalanced, "unbalanced")
