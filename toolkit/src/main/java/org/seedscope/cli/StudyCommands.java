package org.seedscope.cli;

import java.nio.file.Path;
import java.util.List;
import org.seedscope.data.Dataset;
import org.seedscope.report.Report;
import org.seedscope.study.CellScheduler;
import org.seedscope.study.Progress;
import org.seedscope.study.StudyResult;
import org.seedscope.study.StudyRunner;
import org.seedscope.study.StudySpec;
import org.seedscope.unlearn.MethodRegistry;
import tech.tablesaw.api.Table;

/** What the study-running commands share: run with a progress bar, then print a summary. */
final class StudyCommands {
    private StudyCommands() {}

    static StudyResult runAndSummarise(StudySpec spec, Dataset data, MethodRegistry registry, Path out,
            StudyOptions options) {
        return runAndSummarise(spec, data, registry, out, options, null);
    }

    /**
     * @param scheduler where the cells run (e.g. a Spark cluster), or null for this JVM's threads
     */
    static StudyResult runAndSummarise(StudySpec spec, Dataset data, MethodRegistry registry, Path out,
            StudyOptions options, CellScheduler scheduler) {
        StudyRunner runner = StudyRunner.of(spec, data, registry).withWorkers(options.workers())
                .withProgress(Progress.bar(System.err, System.console() != null)).withBudget(options.budget())
                .withMaxCells(options.maxCells()).withScheduler(scheduler);
        if (options.cache != null) {
            runner = runner.withCache(options.cache);
        }
        System.out.println(spec);
        System.out.println(data + "; " + (scheduler == null ? runner.estimate().describe() : "cells on "
                + scheduler.describe()) + "; output " + out);
        StudyResult result = runner.run(out);
        System.out.println();
        for (String metric : List.of("forget_acc", "test_acc", "mia")) {
            if (result.results().columnNames().contains(metric)) {
                Table t = result.summary(metric);
                System.out.println(t.printAll());
            }
        }
        String models = scheduler == null ? "models trained " + result.cacheMisses() + ", loaded from cache "
                + result.cacheHits() + ", " : "";
        System.out.println("rows: " + out.resolve("results.csv") + "  (" + models + "failed rows "
                + result.failures().rowCount() + ")");
        System.out.println("report: " + Report.write(result.results(), out));
        return result;
    }
}
