package org.seedscope.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seedscope.format.Numbers;
import org.seedscope.stats.SeedLottery;
import org.seedscope.stats.SeedVariance;
import org.seedscope.stats.Slice;
import org.seedscope.viz.AlgorithmSamples;
import org.seedscope.viz.ResultRows;
import tech.tablesaw.api.Table;

/**
 * The terminal summary of a finished study, at most {@value TextTable#WIDTH} columns wide: the
 * {@link Headline}, then per scenario one table on its lead metric — per method the mean ± standard
 * deviation of one run under each protocol run, the lowest and highest training-seed mean, σ²_train,
 * σ²_unlearn and the training seed's share ({@link SeedEstimate}) — and one table of the means of
 * the other Figure-1 metrics. Numbers by {@link Numbers} (three significant figures); a table that
 * would be wider than the limit drops the ± standard deviations, then the other metrics.
 */
public final class TextSummary {

    private TextSummary() {
    }

    /**
     * @param rows the study's result table
     * @param designs per protocol id its design for the column titles, e.g. "1x11" (protocols
     *     missing from the map are titled by id alone)
     * @return the summary, lines ending in newlines
     * @throws IllegalArgumentException when the table has no metric column or lacks a key column
     */
    public static String of(Table rows, Map<String, String> designs) {
        AlgorithmSamples samples = AlgorithmSamples.of(rows);
        MetricChoice choice = new MetricChoice(samples.rows());
        Headline headline = Headline.of(samples.rows(), choice);
        StringBuilder sb = new StringBuilder("Headline: one training seed vs many\n");
        sb.append(TextTable.wrap(headline.explanation(), TextTable.WIDTH, ""));
        String scenario = null;
        for (Headline.Line line : headline.lines()) {
            if (!line.scenario().equals(scenario)) {
                scenario = line.scenario();
                sb.append(scenario).append('\n');
            }
            sb.append(TextTable.wrap("  " + line.text(), TextTable.WIDTH, "      "));
        }
        for (String s : ResultRows.scenarios(rows)) {
            sb.append('\n').append(lead(rows, designs, s, choice.lead(s)));
            String others = others(rows, designs, s, choice.lead(s));
            if (!others.isEmpty()) {
                sb.append('\n').append(others);
            }
        }
        return sb.toString();
    }

    /** The lead metric's table, with ± standard deviations when they fit. */
    private static String lead(Table rows, Map<String, String> designs, String scenario, String metric) {
        String title = TextTable.wrap(scenario + ", " + metric + ": mean ± sd of one run per protocol; seed means"
                + " = lowest–highest mean of one training seed; σ² from " + source(rows), TextTable.WIDTH, "  ");
        SeedVariance sv = SeedVariance.of(rows, metric);
        Map<Slice, SeedLottery> lotteries = SeedLottery.bySlice(rows, metric);
        List<String> protocols = ResultRows.protocols(rows);
        String table = null;
        for (boolean withSd : new boolean[] {true, false}) {
            List<String> head = new ArrayList<>(List.of("method"));
            protocols.forEach(p -> head.add(title(p, designs)));
            head.addAll(List.of("seed means", "σ²_train", "σ²_unlearn", "from train"));
            List<List<String>> body = new ArrayList<>();
            for (String method : ResultRows.methods(rows, scenario)) {
                List<String> row = new ArrayList<>(List.of(method));
                for (String p : protocols) {
                    row.add(meanSd(ResultRows.values(rows, metric, scenario, method, p), withSd));
                }
                SeedLottery l = lotteries.get(new Slice(scenario, method, ResultRows.GRID));
                l = l != null ? l : lotteries.get(new Slice(scenario, method, ResultRows.MANY_SEEDS));
                row.add(l == null || l.trainSeeds().length < 2 ? Numbers.NOT_ESTIMABLE : Words.range(l.min(), l.max()));
                SeedEstimate e = SeedEstimate.of(sv, scenario, method);
                row.add(Numbers.estimate(e.sigma2Train()));
                row.add(Numbers.estimate(e.sigma2Unlearn()));
                row.add(e.shareTrain().isPresent() ? Words.percent(e.shareTrain().getAsDouble())
                        : Numbers.NOT_ESTIMABLE);
                body.add(row);
            }
            table = TextTable.render(head, body);
            if (widest(table) <= TextTable.WIDTH) {
                break;
            }
        }
        return title + table;
    }

    /** Means of the other Figure-1 metrics per protocol; empty when none or too wide. */
    private static String others(Table rows, Map<String, String> designs, String scenario, String lead) {
        List<String> metrics = new ArrayList<>();
        for (String m : ScenarioSection.FIGURE_METRICS) {
            if (!m.equals(lead) && ResultRows.metricColumns(rows).contains(m)) {
                metrics.add(m);
            }
        }
        List<String> protocols = ResultRows.protocols(rows);
        while (!metrics.isEmpty()) {
            List<String> head = new ArrayList<>(List.of("method"));
            for (String m : metrics) {
                protocols.forEach(p -> head.add(m + ", " + title(p, designs)));
            }
            List<List<String>> body = new ArrayList<>();
            for (String method : ResultRows.methods(rows, scenario)) {
                List<String> row = new ArrayList<>(List.of(method));
                for (String m : metrics) {
                    protocols.forEach(p -> row.add(meanSd(ResultRows.values(rows, m, scenario, method, p), false)));
                }
                body.add(row);
            }
            String table = TextTable.render(head, body);
            if (widest(table) <= TextTable.WIDTH) {
                return scenario + ", means of the other metrics\n" + table;
            }
            metrics.remove(metrics.size() - 1);
        }
        return "";
    }

    private static String source(Table rows) {
        return ResultRows.protocols(rows).contains(ResultRows.GRID) ? "the grid"
                : "Algorithm 1 (σ²_unlearn) and Algorithm 2 (total)";
    }

    private static String title(String protocol, Map<String, String> designs) {
        String label = switch (protocol) {
            case ResultRows.ONE_SEED -> "Alg. 1";
            case ResultRows.MANY_SEEDS -> "Alg. 2";
            default -> protocol;
        };
        String design = designs.get(protocol);
        return design == null ? label : label + " " + design;
    }

    private static String meanSd(double[] values, boolean withSd) {
        if (values.length == 0) {
            return "–";
        }
        double[] ms = Words.meanAndSd(values);
        return !withSd || Double.isNaN(ms[1]) ? Numbers.format(ms[0])
                : Numbers.format(ms[0]) + " ± " + Numbers.format(ms[1]);
    }

    private static int widest(String text) {
        return text.lines().mapToInt(String::length).max().orElse(0);
    }
}
