package org.seedscope.report;

import java.util.Map;
import java.util.Optional;
import org.seedscope.format.Numbers;
import org.seedscope.stats.Constancy;
import org.seedscope.stats.SeedLottery;
import org.seedscope.stats.SeedVariance;
import org.seedscope.stats.Slice;
import org.seedscope.viz.Charts;
import org.seedscope.viz.ResultRows;
import tech.tablesaw.api.Table;

/**
 * Package-private: the plain-language reading of one method on one metric. Every sentence is
 * chosen by what the statistics show, never filled in blindly: a metric at its floor or ceiling
 * is called that (and nothing is inferred from it), two different values are printed with enough
 * figures to differ, equal values are called equal, and "repeating it adds no information" is
 * said only of a method that declares itself deterministic and whose runs on one model were
 * identical ({@link SeedEstimate#repeatsAddNothing()}).
 */
final class Readings {

    private Readings() {
    }

    /**
     * @param rows the rows as run (for the grid's lottery)
     * @param sv the variance components of {@code metric} on those rows
     * @param metric the metric
     * @param scenario the scenario
     * @param method the method
     * @return the paragraph
     */
    static String reading(Table rows, SeedVariance sv, String metric, String scenario, String method) {
        SeedEstimate est = SeedEstimate.of(sv, scenario, method);
        String name = Charts.label(metric);
        StringBuilder sb = new StringBuilder();
        if (est.atBound()) {
            boolean floor = est.constancy().orElseThrow() == Constancy.FLOOR;
            return sb.append("For ").append(method).append(", ").append(name).append(" is ")
                    .append(Numbers.format(est.grandMean())).append(" in every run: the metric sits at its ")
                    .append(floor ? "floor" : "ceiling").append(", so it cannot show how much the seeds matter,"
                    + " and says nothing about whether ").append(method).append(" is deterministic.").toString();
        }
        sb.append(split(est, method, name));
        sb.append(' ').append(lottery(rows, metric, scenario, method));
        String repeat = repetition(est, method);
        if (!repeat.isEmpty()) {
            sb.append(' ').append(repeat);
        }
        return sb.toString();
    }

    /** The first sentence: how the variance splits between the seeds. */
    private static String split(SeedEstimate est, String method, String name) {
        if (est.shareTrain().isPresent()) {
            String from = est.source().equals(SeedEstimate.FULL_GRID) ? est.design()
                    : "estimated from Algorithm 1 and Algorithm 2";
            return "For " + method + ", " + Words.percent(est.shareTrain().getAsDouble()) + " of the variance in "
                    + name + " comes from the training seed (σ²_train = "
                    + Numbers.format(est.sigma2Train().getAsDouble()) + ", σ²_unlearn = "
                    + Numbers.format(est.sigma2Unlearn().getAsDouble()) + "; " + from + ").";
        }
        if (est.total().isPresent() && est.total().getAsDouble() == 0) {
            return "For " + method + ", " + name + " did not vary at all across the runs analysed (always "
                    + Numbers.format(est.grandMean()) + ").";
        }
        return "For " + method + ", the variance of " + name + " cannot be split into training-seed and"
                + " unlearning-seed parts with this design (" + (est.source().equals("none") ? "no usable rows"
                : est.source()) + ").";
    }

    /** The second sentence: what a one-seed study would have reported, by training seed. */
    private static String lottery(Table rows, String metric, String scenario, String method) {
        Map<Slice, SeedLottery> all = SeedLottery.bySlice(rows, metric);
        SeedLottery l = all.get(new Slice(scenario, method, ResultRows.GRID));
        if (l == null) {
            l = all.get(new Slice(scenario, method, ResultRows.MANY_SEEDS));
        }
        if (l == null) {
            return "No design with several training seeds was run, so the spread a one-seed study hides is"
                    + " unknown.";
        }
        int seeds = l.trainSeeds().length;
        if (seeds < 2) {
            return "Only one training seed was run, so the spread a one-seed study hides is unknown.";
        }
        if (l.min() == l.max()) {
            return "Every one of its " + seeds + " training seeds gave the same mean, " + Numbers.format(l.min())
                    + ".";
        }
        String[] ends = Words.ends(l.min(), l.max());
        return "A study on one training seed would have reported a mean anywhere from " + ends[0] + " to " + ends[1]
                + ", depending on the seed it drew (mean over " + seeds + " training seeds: "
                + Numbers.format(l.grandMean()) + ").";
    }

    /** The third sentence: what repeating the method on one trained model tells. */
    private static String repetition(SeedEstimate est, String method) {
        if (est.repeatsAddNothing()) {
            return method + " is deterministic (declared by the method, and its runs on one trained model were"
                    + " identical), so repeating it from one trained model adds no information: only more"
                    + " training seeds narrow its estimate.";
        }
        if (est.declaredDeterministic().orElse(false) && est.withinSeedConstant().equals(Optional.of(false))) {
            return method + " is declared deterministic, yet its runs on one trained model differ: check the"
                    + " study's determinism warnings.";
        }
        if (est.sigma2Unlearn().isEmpty()) {
            return "";
        }
        String within = "Across unlearning seeds of one trained model its standard deviation is "
                + Words.sd(est.sigma2Unlearn().getAsDouble());
        return est.sigma2Train().isPresent() ? within + ", against " + Words.sd(est.sigma2Train().getAsDouble())
                + " across training seeds." : within + ".";
    }
}
