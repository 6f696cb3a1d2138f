package org.seedscope.cli;

import org.seedscope.study.StudyRunner;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that run studies. */
final class StudyOptions {
    @Option(names = "--out", description = "Output folder (results.csv, rows.jsonl, spec.json, cache/); default: "
            + "seedscope-runs/NAME in the current folder, NAME the study's name.")
    Path out;

    @Option(names = "--workers", description = "Cells run at once (default: number of processors).")
    Integer workers;

    @Option(names = "--cache", description = "Model cache folder, shareable between studies (default: OUT/cache).")
    Path cache;

    @Option(names = "--budget", description = "Longest one unlearning run may take, in seconds; longer runs are "
            + "stopped and recorded as failed (default: no limit).")
    Double budgetSeconds;

    @Option(names = "--max-cells", description = "Largest number of cells to start (default: "
            + StudyRunner.DEFAULT_MAX_CELLS + "); a larger study is refused with its estimate.")
    Long maxCells;

    long maxCells() {
        return maxCells == null ? StudyRunner.DEFAULT_MAX_CELLS : maxCells;
    }

    java.time.Duration budget() {
        if (budgetSeconds == null) {
            return null;
        }
        if (!(budgetSeconds > 0)) {
            throw new IllegalArgumentException("--budget must be a positive number of seconds, got " + budgetSeconds);
        }
        return java.time.Duration.ofNanos((long) (budgetSeconds * 1e9));
    }

    int workers() {
        if (workers == null) {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
        }
        return workers;
    }
}
