package org.seedscope.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Package-private: turns a nested design's {@link AnovaTable} into {@link VarianceComponents}
 * (estimates, intervals, notes); the formulas are in the Javadoc of VarianceComponents and
 * {@link ComponentIntervals}.
 */
final class AnovaEstimator {

    private AnovaEstimator() {
    }

    static VarianceComponents estimate(double[][] groups, double level) {
        AnovaTable t = AnovaTable.of(groups);
        ComponentIntervals ci = new ComponentIntervals(level);
        List<String> notes = new ArrayList<>();
        int dfB = t.dfBetween();
        int dfW = t.dfWithin();
        boolean balanced = t.minSize() == t.maxSize();
        double msb = dfB > 0 ? t.ssBetween() / dfB : Double.NaN;
        double msw = dfW > 0 ? t.ssWithin() / dfW : Double.NaN;

        OptionalDouble s2u = OptionalDouble.empty();
        Optional<Interval> s2uInterval = Optional.empty();
        if (dfW > 0) {
            s2u = OptionalDouble.of(msw);
            s2uInterval = Optional.of(ci.chiSquared(msw, t.ssWithin(), dfW,
                    "chi-squared, df = " + dfW));
        }

        OptionalDouble s2t = OptionalDouble.empty();
        Optional<Interval> s2tInterval = Optional.empty();
        OptionalDouble total = OptionalDouble.empty();
        Optional<Interval> totalInterval = Optional.empty();
        boolean truncated = false;
        if (dfB == 0) {
            notes.add("one training seed (I = 1): sigma2_train, the total and the mean's"
                    + " uncertainty across training seeds are not estimable");
        } else if (dfW == 0) {
            notes.add("one run per training seed: sigma2_train and sigma2_unlearn are not"
                    + " separable, so total (MSB), the spread across training seeds, is their sum");
            total = OptionalDouble.of(msb);
            totalInterval = Optional.of(ci.chiSquared(msb, t.ssBetween(), dfB,
                    "chi-squared, df = " + dfB));
        } else {
            double raw = (msb - msw) / t.n0();
            truncated = raw < 0;
            s2t = OptionalDouble.of(Math.max(0, raw));
            if (truncated) {
                notes.add(String.format(Locale.ROOT, "sigma2_train estimate %.4g < 0"
                        + " (MSB < MSW) truncated to 0, its interval is one-sided", raw));
            }
            if (t.ssBetween() > 0) {
                s2tInterval = Optional.of(ci.trainMls(s2t.getAsDouble(), msb, msw, dfB, dfW,
                        t.n0(), balanced));
            } else {
                notes.add("sigma2_train interval not given: every training seed has the same"
                        + " mean (SSB = 0)");
            }
            double b = msb / t.n0();
            double w = (1 - 1 / t.n0()) * msw;
            total = OptionalDouble.of(b + w);
            totalInterval = ci.satterthwaiteSum(b, dfB, w, dfW);
            if (truncated) {
                notes.add("total = MSB/n0 + (1 - 1/n0) MSW is not truncated, so it is below"
                        + " sigma2_unlearn here");
            }
            if (!balanced) {
                notes.add(String.format(Locale.ROOT, "unbalanced design: unbalanced ANOVA"
                        + " estimator with n0 = %.4g, sigma2_train and ICC intervals"
                        + " approximate", t.n0()));
            }
        }

        OptionalDouble icc = OptionalDouble.empty();
        Optional<Interval> iccInterval = Optional.empty();
        if (s2t.isPresent()) {
            double tot = s2t.getAsDouble() + s2u.getAsDouble();
            if (!(tot > 0)) {
                notes.add("icc not defined: all values are equal (total variance 0)");
            } else {
                double r = s2t.getAsDouble() / tot;
                icc = OptionalDouble.of(r);
                if (t.ssWithin() == 0) {
                    notes.add("icc = 1 exactly: no spread within any training seed, so no"
                            + " sampling interval");
                } else if (s2tInterval.isPresent()) {
                    iccInterval = Optional.of(ci.icc(r, msb, msw, dfB, dfW,
                            balanced ? t.maxSize() : t.n0(), balanced, s2tInterval.get(),
                            s2uInterval.get()));
                }
            }
        }

        Optional<Boolean> withinConstant = dfW > 0 ? Optional.of(t.withinConstant())
                : Optional.empty();
        if (withinConstant.orElse(false)) {
            notes.add("no spread across unlearning seeds on this metric");
        }
        Optional<Interval> mean = MeanInterval.tOnSeedMeans(t.means(), level);
        return new VarianceComponents(t.groups(), t.runs(), t.minSize(), t.maxSize(),
                t.grandMean(), t.ssBetween(), t.ssWithin(), dfB, dfW, t.n0(), s2t, s2u,
                truncated, s2tInterval, s2uInterval, total, totalInterval, icc, iccInterval,
                mean, withinConstant, level, notes);
    }
}
