package org.seedscope.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seedscope.data.Dataset;
import org.seedscope.report.Report;
import org.seedscope.report.TextSummary;
import org.seedscope.report.TextTable;
import org.seedscope.study.CellScheduler;
import org.seedscope.study.ProtocolRun;
import org.seedscope.study.Progress;
import org.seedscope.study.StudyResult;
import org.seedscope.study.StudyRunner;
import org.seedscope.study.StudySpec;
import org.seedscope.unlearn.MethodRegistry;

/**
 * What the study-running commands share: run with a progress bar (on standard error), then print
 * a summary of at most {@value TextTable#WIDTH} columns ({@link TextSummary}) and write the report.
 */
final class StudyCommands {
    private StudyCommands() {}

    static StudyResult runAndSummarise(StudySpec spec, Dataset data, MethodRegistry registry, Path out,
            StudyOptions options, CellScheduler scheduler, PrintWriter print) {
        StudyRunner runner = StudyRunner.of(spec, data, registry).withWorkers(options.workers())
                .withProgress(Progress.bar(System.err, System.console() != null)).withBudget(options.budget())
                .withMaxCells(options.maxCells()).withScheduler(scheduler);
        if (options.cache != null) {
            runner = runner.withCache(options.cache);
        }
        String where = scheduler == null ? runner.estimate().describe() : "cells on " + scheduler.describe();
        print.print(TextTable.wrap(spec.toString(), TextTable.WIDTH, "    "));
        print.print(TextTable.wrap(data + "; " + where, TextTable.WIDTH, "    "));
        print.println("output: " + out);
        print.flush();
        StudyResult result = runner.run(out);
        Map<String, String> designs = new LinkedHashMap<>();
        for (ProtocolRun p : spec.protocols()) {
            designs.put(p.protocol().id(), p.trainingSeeds() + "x" + p.unlearningSeeds());
        }
        print.println();
        print.print(TextSummary.of(result.results(), designs));
        print.println();
        String models = scheduler == null ? "models trained " + result.cacheMisses() + ", loaded from cache "
                + result.cacheHits() + ", " : "";
        print.print(TextTable.wrap(models + "failed rows " + result.failures().rowCount(), TextTable.WIDTH, "    "));
        print.println("rows: " + out.resolve("results.csv"));
        print.println("report: " + Report.write(result.results(), out));
        print.flush();
        return result;
    }
}
