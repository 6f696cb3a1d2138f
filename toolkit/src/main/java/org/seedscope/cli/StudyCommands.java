package org.seedscope.cli;

import java.nio.file.Path;
import java.util.List;
import org.seedscope.data.Dataset;
import org.seedscope.report.Report;
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
        StudyRunner runner = StudyRunner.of(spec, data, registry).withWorkers(options.workers())
                .withProgress(Progress.bar(System.err, System.console() != null)).withBudget(options.budget())
                .withMaxCells(options.maxCells());
        if (options.cache != null) {
            runner = runner.withCache(options.cache);
        }
        System.out.println(spec);
        System.out.println(data + "; " + runner.estimate().describe() + "; output " + out);
        StudyResult result = runner.run(out);
        System.out.println();
        for (String metric : List.of("forget_acc", "test_acc", "mia")) {
            if (result.results().columnNames().contains(metric)) {
                Table t = result.summary(metric);
                System.out.println(t.printAll());
            }
        }
        System.out.println("rows: " + out.resolve("results.csv") + "  (models trained " + result.cacheMisses()
                + ", loaded from cache " + result.cacheHits() + ", failed rows " + result.failures().rowCount() + ")");
        System.out.println("report: " + Report.write(result.results(), out));
        return result;
    }
}
