package org.seedscope.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.seedscope.stats.Constancy;
import org.seedscope.stats.SeedVariance;
import org.seedscope.viz.ResultRows;
import tech.tablesaw.api.Table;

/**
 * Package-private: which metric a scenario's section and each method's headline lead with.
 *
 * <p>Candidates, in order: for full-class forgetting ({@code full:...}) test accuracy, the L2
 * distance to Retrain, retain accuracy, the MIA, then forget accuracy (which is 0 for most
 * methods there); for every other scenario forget accuracy, test accuracy, the MIA, the L2
 * distance, retain accuracy; then the table's other metrics. A metric is <em>stuck</em> for a
 * method when its Algorithm-1 sample or its many-training-seed sample (the grid, else
 * Algorithm 2) is constant at the metric's floor or ceiling ({@link Constancy}): such values
 * say nothing about seeds. A scenario leads with the first candidate stuck for fewer than half of
 * its methods (else the one stuck for the fewest), so one method at a bound does not change what
 * the whole section reads; a method's headline uses the scenario's lead unless it is stuck for
 * that method, then the first candidate that is not.
 */
final class MetricChoice {

    private static final List<String> FULL_CLASS = List.of("test_acc", "l2_dist", "retain_acc", "mia",
            "forget_acc");
    private static final List<String> OTHER = List.of("forget_acc", "test_acc", "mia", "l2_dist", "retain_acc");

    private final Table samples;
    private final List<String> metrics;
    private final Map<String, SeedVariance> variance = new HashMap<>();
    private final Map<String, String> leads = new HashMap<>();

    /**
     * @param samples the rows with the Algorithm samples ({@link org.seedscope.viz.AlgorithmSamples#rows()})
     */
    MetricChoice(Table samples) {
        this.samples = samples;
        this.metrics = ResultRows.metricColumns(samples);
    }

    /** @return the components of a metric on the sample rows (computed once per metric) */
    SeedVariance variance(String metric) {
        return variance.computeIfAbsent(metric, m -> SeedVariance.of(samples, m));
    }

    /** @return the candidate metrics of a scenario present in the table, in preference order */
    List<String> candidates(String scenario) {
        Set<String> out = new LinkedHashSet<>();
        for (String m : scenario.startsWith("full:") ? FULL_CLASS : OTHER) {
            if (metrics.contains(m)) {
                out.add(m);
            }
        }
        out.addAll(metrics);
        return new ArrayList<>(out);
    }

    /** @return true when the metric sits at a bound in a sample of the method the headline reads */
    boolean stuck(String metric, String scenario, String method) {
        SeedVariance sv = variance(metric);
        String many = sv.entry(scenario, method, ResultRows.GRID).isPresent() ? ResultRows.GRID
                : ResultRows.MANY_SEEDS;
        return atBound(sv.entry(scenario, method, ResultRows.ONE_SEED))
                || atBound(sv.entry(scenario, method, many));
    }

    /** @return how many of the scenario's methods the metric is stuck for */
    long stuckCount(String metric, String scenario) {
        return ResultRows.methods(samples, scenario).stream().filter(m -> stuck(metric, scenario, m)).count();
    }

    /** @return the metric the scenario's section leads with (chosen once per scenario) */
    String lead(String scenario) {
        return leads.computeIfAbsent(scenario, this::chooseLead);
    }

    private String chooseLead(String scenario) {
        List<String> methods = ResultRows.methods(samples, scenario);
        String best = null;
        long fewest = Long.MAX_VALUE;
        for (String metric : candidates(scenario)) {
            long stuck = stuckCount(metric, scenario);
            if (stuck < fewest) {
                best = metric;
                fewest = stuck;
            }
            if (2 * stuck < methods.size()) {
                return metric;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("table '" + samples.name() + "' has no metric column; columns: "
                    + samples.columnNames());
        }
        return best;
    }

    /** @return the metric of the method's headline: the scenario's lead unless stuck for it */
    String forMethod(String scenario, String method) {
        String lead = lead(scenario);
        if (!stuck(lead, scenario, method)) {
            return lead;
        }
        for (String metric : candidates(scenario)) {
            if (!stuck(metric, scenario, method)) {
                return metric;
            }
        }
        return lead;
    }

    private static boolean atBound(Optional<SeedVariance.Entry> entry) {
        return entry.flatMap(SeedVariance.Entry::constancy)
                .filter(c -> c == Constancy.FLOOR || c == Constancy.CEILING).isPresent();
    }
}
