package org.seedscope.viz;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.seedscope.audit.Audit;
import org.seedscope.audit.MethodAudit;
import org.seedscope.audit.Roc;
import org.seedscope.format.Numbers;

/**
 * The U-LiRA ROC of every method of one (protocol, forget scenario) slice on log–log axes, as
 * membership-inference papers draw it (Carlini et al. 2022; Hayes et al. 2024): the low
 * false-positive corner, where an attack is confident, is what matters. The Retrain-vs-Retrain
 * floor ({@link Audit#FLOOR}, grey dashed) is what perfect unlearning looks like with this many
 * models; the original ({@link Audit#ORIGINAL}, black dotted) what no unlearning looks like. A
 * method is judged by its distance above the floor, not above the chance diagonal.
 *
 * <p>An {@link XYChart} with both axes logarithmic. Series:
 * <ul>
 * <li>{@value #CHANCE}: (r, r) and (1, 1), r the smallest false-positive rate drawn;</li>
 * <li>one per audit, named by {@link #seriesName}: the points of
 *     {@link Roc#logSpaced(int) roc().logSpaced(}{@value #POINTS}{@code )} whose true-positive rate
 *     is above 0 (a logarithmic axis cannot show 0), in ascending false-positive rate.</li>
 * </ul>
 */
public final class AuditRocChart {

    /** Series name of the chance diagonal. */
    public static final String CHANCE = "chance (TPR = FPR)";
    /** Log-spaced false-positive rates per curve. */
    public static final int POINTS = 80;

    private AuditRocChart() {
    }

    /**
     * Draws the slice of {@code scenario} under the first protocol that audited it.
     *
     * @param audit a study's audit
     * @param scenario a forget scenario id, e.g. "sub:Shirt"
     * @return the chart
     * @throws IllegalArgumentException when the audit has no such slice (the message lists the
     *     slices)
     */
    public static XYChart of(Audit audit, String scenario) {
        return of(AuditSlice.of(audit, null, scenario).audits());
    }

    /**
     * Draws the given audits of one slice.
     *
     * @param slice audits of one (protocol, scenario), e.g. a filtered {@link Audit#audits()}
     * @return the chart
     * @throws IllegalArgumentException when the list is empty, mixes slices or repeats a method
     */
    public static XYChart of(List<MethodAudit> slice) {
        AuditSlice s = AuditSlice.of(slice);
        XYChart chart = new XYChart(Theme.WIDTH, Theme.HEIGHT);
        chart.setTitle("U-LiRA ROC, " + s.where() + " (log–log; floor: Retrain vs Retrain)");
        chart.setXAxisTitle("false-positive rate (retrained models called unlearned)");
        chart.setYAxisTitle("true-positive rate (unlearned models caught)");
        XYStyler st = chart.getStyler();
        Theme.axes(st);
        st.setXAxisLogarithmic(true);
        st.setYAxisLogarithmic(true);
        st.setXAxisMax(1.0);
        st.setYAxisMax(1.0);
        st.setXAxisDecimalPattern("0.####");
        st.setYAxisDecimalPattern("0.####");
        st.setLegendPosition(Styler.LegendPosition.InsideSE);
        st.setLegendLayout(Styler.LegendLayout.Vertical);
        double lowest = 1;
        List<List<double[]>> curves = new ArrayList<>();
        for (MethodAudit a : s.audits()) {
            List<double[]> curve = curve(a.roc());
            curves.add(curve);
            lowest = Math.min(lowest, curve.get(0)[0]);
        }
        Theme.line(chart.addSeries(CHANCE, new double[] {lowest, 1}, new double[] {lowest, 1}), Theme.REFERENCE, 1f)
                .setLineStyle(Theme.dashed(1f, 3f));
        for (int k = 0; k < curves.size(); k++) {
            List<double[]> curve = curves.get(k);
            MethodAudit a = s.audits().get(k);
            XYSeries series = chart.addSeries(seriesName(a), curve.stream().mapToDouble(p -> p[0]).toArray(),
                    curve.stream().mapToDouble(p -> p[1]).toArray());
            boolean floor = a.method().equals(Audit.FLOOR);
            boolean original = a.method().equals(Audit.ORIGINAL);
            Theme.line(series, s.colour(k), floor ? 3f : 2.2f);
            if (floor) {
                series.setLineStyle(Theme.dashed(3f, 12f));
            } else if (original) {
                series.setLineStyle(Theme.dashed(2.2f, 3f));
            }
        }
        return chart;
    }

    /**
     * @param a an audit
     * @return its series name: the legend label and its pooled AUC, e.g. "finetune, AUC 0.866"
     */
    public static String seriesName(MethodAudit a) {
        return AuditSlice.label(a) + ", AUC " + Numbers.estimate(a.auc());
    }

    /** The log-spaced points with a positive true-positive rate; at least the last, (1, 1). */
    static List<double[]> curve(Roc roc) {
        List<double[]> out = new ArrayList<>();
        for (double[] p : roc.logSpaced(POINTS)) {
            if (p[1] > 0) {
                out.add(p);
            }
        }
        return out;
    }
}
