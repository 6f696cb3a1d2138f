package org.seedscope.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seedscope.format.Numbers;
import org.seedscope.stats.Constancy;
import org.seedscope.stats.SeedLottery;
import org.seedscope.stats.SeedVariance;
import org.seedscope.stats.Wasserstein;
import org.seedscope.viz.Charts;
import org.seedscope.viz.ResultRows;
import tech.tablesaw.api.Table;

/**
 * Package-private: one scenario's section of the report, on the scenario's lead metric
 * ({@link MetricChoice#lead}): the Figure-1 box plots, the W2 distance between the Algorithm-1
 * and Algorithm-2 samples with its noise floor, the variance components of every method, the
 * single-seed lottery and a reading per method.
 */
final class ScenarioSection {

    /** The metrics drawn as Figure-1 box plots (the lead metric first), when the table has them. */
    static final List<String> FIGURE_METRICS = List.of("forget_acc", "test_acc", "mia");

    private final Html html;
    private final Table rows;
    private final Table samples;
    private final MetricChoice choice;
    private final String scenario;
    private final String metric;

    /**
     * @param html where to write
     * @param rows the rows as run
     * @param samples the rows with the Algorithm samples
     * @param choice the metric choice on {@code samples}
     * @param scenario the scenario
     */
    ScenarioSection(Html html, Table rows, Table samples, MetricChoice choice, String scenario) {
        this.html = html;
        this.rows = rows;
        this.samples = samples;
        this.choice = choice;
        this.scenario = scenario;
        this.metric = choice.lead(scenario);
    }

    void write() {
        html.raw("<section id=\"" + Html.slug("scenario-" + scenario) + "\">\n");
        html.tag("h2", "Scenario " + scenario);
        html.tag("p", "This section reads " + Charts.label(metric) + leadReason() + ".");
        figureOne();
        distances();
        SeedVariance sv = SeedVariance.of(rows, metric);
        variance(sv);
        lottery();
        html.tag("h3", "Reading");
        for (String method : ResultRows.methods(rows, scenario)) {
            html.tag("p", Readings.reading(rows, sv, metric, scenario, method));
        }
        html.raw("</section>\n");
    }

    /** Why this metric leads: the preferred candidates passed over, and forget accuracy's state. */
    private String leadReason() {
        List<String> candidates = choice.candidates(scenario);
        List<String> explained = new ArrayList<>(candidates.subList(0, candidates.indexOf(metric)));
        if (candidates.contains("forget_acc") && !explained.contains("forget_acc") && !metric.equals("forget_acc")
                && choice.stuckCount("forget_acc", scenario) > 0) {
            explained.add("forget_acc");
        }
        int methods = ResultRows.methods(samples, scenario).size();
        List<String> reasons = new ArrayList<>();
        for (String m : explained) {
            reasons.add(Charts.label(m) + " sits at its floor or ceiling for " + choice.stuckCount(m, scenario)
                    + " of " + methods + " methods");
        }
        return reasons.isEmpty() ? "" : " (" + String.join("; ", reasons) + ")";
    }

    private void figureOne() {
        html.tag("h3", "One training seed vs many (Figure 1)");
        List<String> drawn = new ArrayList<>(List.of(metric));
        FIGURE_METRICS.stream().filter(m -> !drawn.contains(m)).forEach(drawn::add);
        for (String m : drawn) {
            if (ResultRows.metricColumns(samples).contains(m)) {
                html.chart(() -> Charts.oneSeedVsMany(samples, m, scenario), scenario + "-" + m + "-boxes");
            }
        }
    }

    private void distances() {
        html.tag("h3", "Distance between the two protocols (W2, " + Charts.label(metric) + ")");
        Table w = Wasserstein.compareProtocols(samples, metric, ResultRows.ONE_SEED, ResultRows.MANY_SEEDS,
                Charts.W2_RESAMPLES, Charts.W2_LEVEL, Charts.W2_SEED);
        w = w.where(w.stringColumn("scenario").isEqualTo(scenario));
        if (w.rowCount() == 0) {
            html.tag("p", "No method has rows under both Algorithm 1 and Algorithm 2 here.");
            return;
        }
        List<List<String>> body = new ArrayList<>();
        Map<String, Double> floors = new LinkedHashMap<>();
        List<String> above = new ArrayList<>();
        for (int r = 0; r < w.rowCount(); r++) {
            String method = w.stringColumn("method").get(r);
            double w2 = w.doubleColumn("w2").get(r);
            double floor = w.doubleColumn("w2_floor95").get(r);
            floors.put(method, floor);
            if (w2 > floor) {
                above.add(method);
            }
            body.add(List.of(method, Integer.toString(w.intColumn("n_a").get(r)),
                    Integer.toString(w.intColumn("n_b").get(r)), Numbers.format(w.doubleColumn("mean_a").get(r)),
                    Numbers.format(w.doubleColumn("mean_b").get(r)), Numbers.format(w2) + " "
                    + Numbers.interval(w.doubleColumn("w2_lo").get(r), w.doubleColumn("w2_hi").get(r)),
                    Numbers.format(floor), Numbers.format(w.doubleColumn("w2_p").get(r)),
                    w2 > floor ? "larger than chance" : "within chance"));
        }
        html.rows(List.of("method", "runs Alg. 1", "runs Alg. 2", "mean Alg. 1", "mean Alg. 2",
                "W2 [95 % interval]", "noise floor (95 %)", "permutation p", "W2 vs floor"), body);
        html.tag("p", "The noise floor is the 95 % quantile of W2 between random splits of the two samples pooled:"
                + " a W2 below it is what chance alone produces at these sample sizes. "
                + (above.isEmpty() ? "No method's Algorithm-1 sample differs from its Algorithm-2 sample by more"
                + " than chance." : "Above the floor, so one training seed misrepresents the spread across"
                + " seeds: " + String.join(", ", above) + "."));
        html.chart(() -> Charts.wassersteinByMethod(samples, metric, scenario, floors),
                scenario + "-" + metric + "-w2");
    }

    private void variance(SeedVariance sv) {
        html.tag("h3", "Variance components (" + Charts.label(metric) + ")");
        Footnotes notes = new Footnotes();
        List<List<String>> body = new ArrayList<>();
        for (String method : ResultRows.methods(rows, scenario)) {
            SeedEstimate e = SeedEstimate.of(sv, scenario, method);
            body.add(List.of(method, e.design(), Words.withInterval(e.meanEstimate(), e.mean()),
                    Words.withInterval(e.sigma2Train(), e.sigma2TrainInterval()),
                    Words.withInterval(e.sigma2Unlearn(), e.sigma2UnlearnInterval()),
                    e.shareTrain().isPresent() ? Words.percent(e.shareTrain().getAsDouble()) : Numbers.NOT_ESTIMABLE,
                    e.declaredDeterministic().map(d -> d ? "yes" : "no").orElse("not recorded"), values(e),
                    notes.refer(e.notes(), method)));
        }
        html.rows(List.of("method", "design", "mean [95 % t interval]", "σ²_train [95 %]", "σ²_unlearn [95 %]",
                "share from training seed", "declared deterministic", "runs on one model", "notes"), body);
        notes.write(html);
        String protocol = ResultRows.protocols(rows).contains(ResultRows.GRID) ? ResultRows.GRID : null;
        for (String p : protocol != null ? List.of(protocol) : ResultRows.protocols(rows)) {
            if (sv.entries().stream().anyMatch(x -> x.slice().scenario().equals(scenario)
                    && x.slice().protocol().equals(p))) {
                html.chart(() -> Charts.varianceComponents(rows, metric, scenario, p),
                        scenario + "-" + metric + "-variance-" + p);
            }
        }
    }

    /** How the runs on one model behaved, in words. */
    private static String values(SeedEstimate e) {
        if (e.atBound()) {
            return e.constancy().orElseThrow() == Constancy.FLOOR ? "all at the floor" : "all at the ceiling";
        }
        return e.withinSeedConstant().map(c -> c ? "identical" : "differ").orElse(Numbers.NOT_ESTIMABLE);
    }

    private void lottery() {
        String protocol = ResultRows.protocols(rows).contains(ResultRows.GRID) ? ResultRows.GRID
                : ResultRows.MANY_SEEDS;
        html.tag("h3", "The single-seed lottery (" + Charts.label(metric) + ")");
        Table lt = SeedLottery.summary(rows, metric);
        lt = lt.where(lt.stringColumn("scenario").isEqualTo(scenario).and(lt.stringColumn("protocol")
                .isEqualTo(protocol)));
        if (lt.rowCount() == 0) {
            html.tag("p", "No " + protocol + " rows: the lottery needs several training seeds.");
            return;
        }
        html.tag("p", "What a study on one training seed would have reported, for each training seed it might"
                + " have drawn (the mean of that seed's runs, " + protocol + " rows).");
        html.table(lt, List.of("method", "training_seeds", "grand_mean", "min", "max", "range", "min_seed",
                "max_seed"), List.of("method", "training seeds", "mean over seeds", "worst seed's mean",
                "best seed's mean", "range", "seed of min", "seed of max"));
        html.chart(() -> Charts.seedLottery(rows, metric, scenario, protocol), scenario + "-" + metric
                + "-lottery");
    }
}
