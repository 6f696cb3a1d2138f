package org.seedscope.study;

import java.nio.file.Path;
import java.util.List;
import org.seedscope.results.ResultSchema;
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
 * @param cacheRepaired damaged cache entries moved aside and trained again
 * @param warnings warnings of this run (damaged cache entries, dropped journal lines, determinism
 *     violations)
 */
public record StudyResult(StudySpec spec, Table results, Path folder, int cacheHits, int cacheMisses,
        int cacheRepaired, List<String> warnings) {

    /** Copies the warnings. */
    public StudyResult {
        warnings = List.copyOf(warnings);
    }

    /** @return rows whose status is {@code failed} */
    public Table failures() {
        return results.where(results.stringColumn(ResultSchema.STATUS.name()).isEqualTo(ResultSchema.FAILED));
    }

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
        Table ok = results.where(results.stringColumn(ResultSchema.STATUS.name()).isEqualTo(ResultSchema.OK));
        return ok.summarize(metric, AggregateFunctions.mean, AggregateFunctions.stdDev, AggregateFunctions.min,
                AggregateFunctions.max).by("protocol", "scenario", "method");
    }

    @Override
    public String toString() {
        int failed = failures().rowCount();
        return "StudyResult[" + spec.name() + ": " + results.rowCount() + " rows (" + failed + " failed) in " + folder
                + "; models: " + cacheHits + " from cache, " + cacheMisses + " trained"
                + (cacheRepaired > 0 ? ", " + cacheRepaired + " damaged entries retrained" : "")
                + (warnings.isEmpty() ? "" : "; " + warnings.size() + " warnings") + "]";
    }
}
