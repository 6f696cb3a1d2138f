package org.seedscope.report;

import java.util.ArrayList;
import java.util.List;
import org.seedscope.format.Numbers;
import org.seedscope.stats.Budget;
import org.seedscope.stats.SeedVariance;
import org.seedscope.viz.Charts;
import org.seedscope.viz.ResultRows;
import tech.tablesaw.api.Table;

/**
 * Package-private: the seed-budget section. Per scenario (on its lead metric) and method with
 * both variance components ({@link SeedEstimate}): Var(Z̄) for a few designs, the cost-optimal
 * J* with c_T = mean {@code retrain_runtime_s} of the scenario (the cost of training one model)
 * and c_U = mean {@code runtime_s} of the method; then per scenario the minimum-detectable-
 * difference heat map of its most variable non-Retrain method (largest σ²_train + σ²_unlearn).
 */
final class BudgetSection {

    /** Designs (I, J) whose Var(Z̄) the section tabulates. */
    static final int[][] DESIGNS = {{1, 11}, {3, 3}, {5, 5}, {11, 1}, {11, 11}};
    /** I values of the MDD heat map. */
    static final int[] MDD_IS = {1, 3, 5, 11, 25, 75};
    /** J values of the MDD heat map. */
    static final int[] MDD_JS = {1, 3, 5, 11};

    private BudgetSection() {
    }

    static void write(Html html, Table rows, MetricChoice choice) {
        html.raw("<section id=\"budget\">\n");
        html.tag("h2", "Seed budget");
        html.tag("p", "Var(Z̄) = σ²_train / I + σ²_unlearn / (I·J) for I training seeds and J unlearning seeds"
                + " each; σ²_train / I is a floor no number of unlearning seeds removes. Costs: c_T = mean Retrain"
                + " runtime (the cost of training one model), c_U = mean runtime of the method;"
                + " J* = sqrt((σ²_unlearn/σ²_train)(c_T/c_U)).");
        List<String> head = new ArrayList<>(List.of("method", "σ²_train", "σ²_unlearn", "c_T (s)", "c_U (s)"));
        for (int[] d : DESIGNS) {
            head.add("Var(Z̄) I=" + d[0] + ", J=" + d[1]);
        }
        head.add("J*");
        boolean costs = rows.containsColumn("runtime_s") && rows.containsColumn("retrain_runtime_s");
        for (String scenario : ResultRows.scenarios(rows)) {
            String metric = choice.lead(scenario);
            html.tag("h3", scenario + " (" + Charts.label(metric) + ")");
            SeedVariance sv = SeedVariance.of(rows, metric);
            double ct = costs ? ResultRows.mean(ResultRows.values(rows, "retrain_runtime_s", scenario, null, null))
                    : Double.NaN;
            List<List<String>> body = new ArrayList<>();
            double[] worst = null;
            String worstMethod = null;
            for (String method : ResultRows.methods(rows, scenario)) {
                SeedEstimate e = SeedEstimate.of(sv, scenario, method);
                if (e.sigma2Train().isEmpty() || e.sigma2Unlearn().isEmpty()) {
                    continue;
                }
                double s2t = e.sigma2Train().getAsDouble();
                double s2u = e.sigma2Unlearn().getAsDouble();
                double cu = costs ? ResultRows.mean(ResultRows.values(rows, "runtime_s", scenario, method, null))
                        : Double.NaN;
                List<String> row = new ArrayList<>(List.of(method, Numbers.estimate(s2t), Numbers.estimate(s2u),
                        Numbers.estimate(ct), Numbers.estimate(cu)));
                for (int[] d : DESIGNS) {
                    row.add(Numbers.estimate(Budget.varianceOfMean(s2t, s2u, d[0], d[1])));
                }
                row.add(optimalJ(s2t, s2u, ct, cu));
                body.add(row);
                if (!method.equalsIgnoreCase(ResultRows.RETRAIN) && (worst == null || s2t + s2u > worst[0] + worst[1])) {
                    worst = new double[] {s2t, s2u};
                    worstMethod = method;
                }
            }
            if (body.isEmpty()) {
                html.tag("p", "No method has both variance components estimated (this needs a full grid, or"
                        + " Algorithm 1 with J ≥ 2 together with Algorithm 2 with I ≥ 2).");
                continue;
            }
            html.rows(head, body);
            if (worst != null && worst[0] + worst[1] > 0) {
                double[] w = worst;
                String label = worstMethod + " (" + scenario + ")";
                html.tag("p", "Minimum detectable difference in " + Charts.label(metric) + " between two methods"
                        + " that share the variance components of " + label + ", the most variable method"
                        + " there (two-sided α = 0.05, power 0.8, independent runs): the smallest true"
                        + " difference a study of I × J runs per method would detect.");
                html.chart(() -> Charts.mddHeatmap(w[0], w[1], MDD_IS, MDD_JS, 0.05, 0.8), "mdd-" + label);
            }
        }
        html.raw("</section>\n");
    }

    private static String optimalJ(double s2t, double s2u, double ct, double cu) {
        if (!(ct > 0) || !(cu > 0)) {
            return "n/a (no costs)";
        }
        if (s2u == 0) {
            return "1 (no unlearning-seed variance)";
        }
        if (s2t == 0) {
            return "unbounded (σ²_train = 0)";
        }
        return Integer.toString(Budget.optimalJ(s2t, s2u, ct, cu));
    }
}
