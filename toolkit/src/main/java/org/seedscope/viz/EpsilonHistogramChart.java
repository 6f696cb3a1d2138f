package org.seedscope.viz;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.style.Styler;
import org.seedscope.audit.Audit;
import org.seedscope.audit.CompetitionEpsilon;
import org.seedscope.audit.MethodAudit;
import org.seedscope.format.Numbers;

/**
 * Histogram of the NeurIPS 2023 competition's per-example epsilon ({@link CompetitionEpsilon}) for
 * every method of one (protocol, forget scenario) slice, beside the Retrain-vs-Retrain floor's: the
 * floor's epsilons are far from 0 (an in-sample maximum over many thresholds), so a method is
 * judged by how far its histogram sits to the right of the floor's.
 *
 * <p>Bins are the competition's score buckets: [0, b), [b, 2b), ... with b =
 * {@link CompetitionEpsilon#BUCKET} (bucket k scores 2<sup>−k</sup> when it ends at or below
 * ⌈ln(N − 1)⌉ for N models, else 0: {@link CompetitionEpsilon#points}), up to the bucket holding the largest epsilon below the cap over the whole slice, then one
 * bin for the cap {@link CompetitionEpsilon#EPSILON_CAP} itself (perfectly separated outputs or a
 * spike-shaped unlearned distribution). Each bar is the fraction of the audit's forget examples
 * with a finite epsilon that fall in the bin, so methods with different numbers of examples compare;
 * examples whose epsilon is NaN (every threshold discarded; the forgetting quality scores them 0) are
 * left out, and an audit with no
 * finite epsilon gets no series.
 *
 * <p>A {@link CategoryChart} with one category per bin (labels from {@link #binLabels}) and one bar
 * series per audit in drawing order (floor, original, methods), named by {@link #seriesName}.
 */
public final class EpsilonHistogramChart {

    /** Width of a bin: the competition's score bucket. */
    public static final double BIN_WIDTH = CompetitionEpsilon.BUCKET;

    private EpsilonHistogramChart() {
    }

    /**
     * Draws the slice of {@code scenario} under the first protocol that audited it.
     *
     * @param audit a study's audit
     * @param scenario a forget scenario id
     * @return the chart
     * @throws IllegalArgumentException when the audit has no such slice (the message lists the
     *     slices) or no audit of it has a finite epsilon
     */
    public static CategoryChart of(Audit audit, String scenario) {
        return of(AuditSlice.of(audit, null, scenario).audits());
    }

    /**
     * Draws the given audits of one slice.
     *
     * @param slice audits of one (protocol, scenario)
     * @return the chart
     * @throws IllegalArgumentException when the list is empty, mixes slices or repeats a method, or
     *     no audit has a finite epsilon
     */
    public static CategoryChart of(List<MethodAudit> slice) {
        AuditSlice s = AuditSlice.of(slice);
        double largest = 0;
        boolean any = false;
        for (MethodAudit a : s.audits()) {
            for (double e : a.epsilons()) {
                if (!Double.isNaN(e)) {
                    any = true;
                    if (e < CompetitionEpsilon.EPSILON_CAP) {
                        largest = Math.max(largest, e);
                    }
                }
            }
        }
        if (!any) {
            throw new IllegalArgumentException("no audit of " + s.where() + " has a finite per-example epsilon");
        }
        int bins = (int) Math.floor(largest / BIN_WIDTH) + 1;
        List<String> labels = binLabels(bins);
        CategoryChart chart = Theme.categoryChart("Per-example ε (NeurIPS 2023 competition), " + s.where(),
                "ε of one forget example (bins: the competition's score buckets)", "fraction of forget examples",
                labels);
        chart.getStyler().setXAxisLabelRotation(bins > 8 ? 45 : 0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        List<Color> colours = new ArrayList<>();
        for (int k = 0; k < s.audits().size(); k++) {
            MethodAudit a = s.audits().get(k);
            double[] fractions = fractions(a.epsilons(), bins);
            if (fractions == null) {
                continue;
            }
            List<Double> ys = new ArrayList<>();
            for (double f : fractions) {
                ys.add(f);
            }
            chart.addSeries(seriesName(a), labels, ys);
            colours.add(s.colour(k));
        }
        chart.getStyler().setSeriesColors(colours.toArray(new Color[0]));
        return chart;
    }

    /**
     * @param a an audit
     * @return its series name: the legend label and its median epsilon, e.g. "finetune, median ε 1.95"
     */
    public static String seriesName(MethodAudit a) {
        return AuditSlice.label(a) + ", median ε " + Numbers.estimate(a.medianEpsilon());
    }

    /**
     * @param bins number of finite bins, at least 1
     * @return "0–0.5", "0.5–1", ..., then "50 (cap)"
     */
    public static List<String> binLabels(int bins) {
        List<String> labels = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            labels.add(Numbers.format(b * BIN_WIDTH) + "–" + Numbers.format((b + 1) * BIN_WIDTH));
        }
        labels.add(Numbers.format(CompetitionEpsilon.EPSILON_CAP) + " (cap)");
        return labels;
    }

    /**
     * @return per bin (the finite ones, then the cap) the fraction of the non-NaN epsilons in it;
     *     null when every epsilon is NaN
     */
    static double[] fractions(double[] epsilons, int bins) {
        double[] counts = new double[bins + 1];
        int n = 0;
        for (double e : epsilons) {
            if (Double.isNaN(e)) {
                continue;
            }
            n++;
            counts[e >= CompetitionEpsilon.EPSILON_CAP ? bins : Math.min(bins - 1, (int) (e / BIN_WIDTH))]++;
        }
        if (n == 0) {
            return null;
        }
        for (int b = 0; b < counts.length; b++) {
            counts[b] /= n;
        }
        return counts;
    }
}
