package org.seedscope.viz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.seedscope.audit.Audit;
import org.seedscope.audit.MethodAudit;
import org.seedscope.audit.SeedAudit;
import org.seedscope.audit.Spread;

/**
 * The audit's own spread across training seeds: per method of one (protocol, forget scenario)
 * slice, what an audit of each training seed alone reports ({@link MethodAudit#seeds()}) as points,
 * and the pooled audit over all seeds as a bar — over the Retrain-vs-Retrain floor's range across
 * its seed pairs (shaded) and its pooled value (dashed). A method whose points straddle the floor's
 * band would have been cleared by some training seeds and caught by others.
 *
 * <p>Compare points with the band and bars with the dashed line, not points with bars, for the
 * forgetting quality: one training seed's quality uses N = that seed's runs, so fewer and more
 * lenient score buckets ({@link org.seedscope.audit.CompetitionEpsilon#points}) than the pooled
 * one with N = all runs.
 *
 * <p>An {@link XYChart} with audit k at x = k in drawing order (floor, original, methods), ticks
 * labelled by method id ("floor" for {@link Audit#FLOOR}). Series:
 * <ul>
 * <li>{@value #FLOOR_BAND} (when the floor has a finite per-pair value): one rectangle from
 *     x = −0.5 to n − 0.5 between the smallest and largest per-pair value of the floor;</li>
 * <li>{@value #FLOOR_POOLED} (when the floor's pooled value is finite): two points (−0.5, v) and
 *     (n − 0.5, v);</li>
 * <li>{@value #SEED_VALUES}: for audit k with m finite per-seed values in ascending training-seed
 *     order, value i (0-based) at x = k − 0.25 + 0.5 i/(m − 1) (x = k when m = 1); NaN values are
 *     left out;</li>
 * <li>{@value #POOLED}: per audit with a finite pooled value one segment from x = k − 0.32 to
 *     k + 0.32, segments separated by NaN points.</li>
 * </ul>
 */
public final class AuditSpreadChart {

    /** Series name of the floor's per-pair range. */
    public static final String FLOOR_BAND = "floor: range over its seed pairs";
    /** Series name of the floor's pooled value. */
    public static final String FLOOR_POOLED = "floor: pooled";
    /** Series name of the per-training-seed values. */
    public static final String SEED_VALUES = "audit of one training seed";
    /** Series name of the pooled values. */
    public static final String POOLED = "pooled over training seeds";

    /** The audit numbers the chart can show, each pooled and per training seed. */
    public enum Statistic {
        /** U-LiRA's AUC ({@link MethodAudit#auc()}, {@link SeedAudit#auc()}). */
        AUC("U-LiRA AUC", "AUC", MethodAudit::auc, SeedAudit::auc),
        /** U-LiRA's TPR at 1 % FPR ({@link MethodAudit#tprAt1()}, {@link SeedAudit#tprAt1()}). */
        TPR_AT_1("U-LiRA TPR at 1 % FPR", "true-positive rate at 1 % false positives", MethodAudit::tprAt1,
                SeedAudit::tprAt1),
        /** The median per-example epsilon ({@link MethodAudit#medianEpsilon()}, {@link SeedAudit#medianEpsilon()}). */
        MEDIAN_EPSILON("Median per-example ε", "median ε over forget examples", MethodAudit::medianEpsilon,
                SeedAudit::medianEpsilon),
        /** The competition's forgetting quality ({@link MethodAudit#forgetQuality()}, {@link SeedAudit#forgetQuality()}). */
        FORGET_QUALITY("Forgetting quality", "forgetting quality (1 best)", MethodAudit::forgetQuality,
                SeedAudit::forgetQuality);

        private final String title;
        private final String axis;
        private final ToDoubleFunction<MethodAudit> pooled;
        private final ToDoubleFunction<SeedAudit> perSeed;

        Statistic(String title, String axis, ToDoubleFunction<MethodAudit> pooled, ToDoubleFunction<SeedAudit> perSeed) {
            this.title = title;
            this.axis = axis;
            this.pooled = pooled;
            this.perSeed = perSeed;
        }

        /** @return its name in a chart title, e.g. "U-LiRA AUC" */
        public String title() {
            return title;
        }

        /**
         * @param a an audit
         * @return its pooled value (NaN when not estimable)
         */
        public double pooled(MethodAudit a) {
            return pooled.applyAsDouble(a);
        }

        /**
         * @param a an audit
         * @return its value per training seed, in the audit's (ascending) seed order; NaN where not estimable
         */
        public double[] perSeed(MethodAudit a) {
            return a.seeds().stream().mapToDouble(perSeed).toArray();
        }
    }

    private AuditSpreadChart() {
    }

    /**
     * Draws the slice of {@code scenario} under the first protocol that audited it.
     *
     * @param audit a study's audit
     * @param scenario a forget scenario id
     * @param statistic the number to draw
     * @return the chart
     * @throws IllegalArgumentException when the audit has no such slice (the message lists the
     *     slices) or no audit of it has a finite value of the statistic
     */
    public static XYChart of(Audit audit, String scenario, Statistic statistic) {
        return of(AuditSlice.of(audit, null, scenario).audits(), statistic);
    }

    /**
     * Draws the given audits of one slice.
     *
     * @param slice audits of one (protocol, scenario)
     * @param statistic the number to draw
     * @return the chart
     * @throws IllegalArgumentException when the list is empty, mixes slices or repeats a method, or
     *     no audit has a finite value of the statistic
     */
    public static XYChart of(List<MethodAudit> slice, Statistic statistic) {
        AuditSlice s = AuditSlice.of(slice);
        List<MethodAudit> audits = s.audits();
        XYChart chart = Theme.methodChart(statistic.title() + " per training seed, " + s.where(),
                "method (points: one per training seed; floor = Retrain vs Retrain, one point per seed pair)",
                statistic.axis, s.methods());
        double left = -0.5;
        double right = audits.size() - 0.5;
        MethodAudit floor = s.floor();
        if (floor != null) {
            Spread range = Spread.of(statistic.perSeed(floor));
            if (range.n() > 0) {
                Theme.band(chart, FLOOR_BAND, left, right, range.min(), range.max());
            }
            double v = statistic.pooled(floor);
            if (Double.isFinite(v)) {
                Theme.line(chart.addSeries(FLOOR_POOLED, new double[] {left, right}, new double[] {v, v}),
                        Theme.REFERENCE, 2f).setLineStyle(Theme.dashed(2f, 10f));
            }
        }
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<double[]> pooled = new ArrayList<>();
        for (int k = 0; k < audits.size(); k++) {
            double[] finite = Arrays.stream(statistic.perSeed(audits.get(k))).filter(Double::isFinite)
                    .toArray();
            for (int i = 0; i < finite.length; i++) {
                xs.add(finite.length == 1 ? k : k - 0.25 + 0.5 * i / (finite.length - 1));
                ys.add(finite[i]);
            }
            double v = statistic.pooled(audits.get(k));
            if (Double.isFinite(v)) {
                pooled.add(new double[] {k - 0.32, v, k + 0.32, v});
            }
        }
        if (xs.isEmpty() && pooled.isEmpty()) {
            throw new IllegalArgumentException("no audit of " + s.where() + " has a finite value of " + statistic.title());
        }
        if (!xs.isEmpty()) {
            XYSeries points = chart.addSeries(SEED_VALUES, xs, ys);
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            points.setMarker(SeriesMarkers.CIRCLE);
            points.setMarkerColor(Theme.ALGORITHM_1);
        }
        if (!pooled.isEmpty()) {
            Theme.line(Theme.pieces(chart, POOLED, pooled), Theme.ALGORITHM_2, 3f);
        }
        return chart;
    }
}
