package org.seedscope.study;

import java.nio.file.Path;
import tech.tablesaw.aggregate.AggregateFunctions;
import tech.tablesaw.api.Table;

/**
 * A finished study: its spec, its rows as a Tablesaw table and where they are stored.
 *
 * @param spec the spec
 * @param results one row per cell, sorted by cell index
 * @param folder the output folder ({@code results.csv}, {@code rows.jsonl}, {@code spec.json})
 * @param cacheHits originals and Retrains loaded from the cache in this run
 * @param cacheMisses originals and Retrains trained in this run
 */
public record StudyResult(StudySpec spec, Table results, Path folder, int cacheHits, int cacheMisses) {

    /**
     * Mean and standard deviation of a metric per protocol, scenario and method (successful runs).
     *
     * @param metric a metric column, e.g. {@code forget_acc}
     * @return the summary table
     */
    public Table summary(String metric) {
        if (!results.columnNames().contains(metric)) {
            throw new IllegalArgumentException("no metric column '" + metric + "'; columns: " + results.columnNames());
        }
        Table ok = results.where(results.stringColumn("status").isEqualTo("ok"));
        return ok.summarize(metric, AggregateFunctions.mean, AggregateFunctions.stdDev, AggregateFunctions.min,
                AggregateFunctions.max).by("protocol", "scenario", "method");
    }

    @Override
    public String toString() {
        return "StudyResult[" + spec.name() + ": " + results.rowCount() + " rows in " + folder + "]";
    }
}
