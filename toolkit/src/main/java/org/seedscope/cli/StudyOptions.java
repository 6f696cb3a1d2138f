package org.seedscope.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that run studies. */
final class StudyOptions {
    @Option(names = "--out", description = "Output folder (results.csv, rows.jsonl, spec.json, cache/).")
    Path out;

    @Option(names = "--workers", description = "Cells run at once (default: number of processors).")
    Integer workers;

    @Option(names = "--cache", description = "Model cache folder, shareable between studies (default: OUT/cache).")
    Path cache;

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
