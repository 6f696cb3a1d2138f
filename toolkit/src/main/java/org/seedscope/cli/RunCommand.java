package org.seedscope.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seedscope.study.CellScheduler;
import org.seedscope.study.DatasetIds;
import org.seedscope.study.SchedulerProvider;
import org.seedscope.study.SpecFiles;
import org.seedscope.study.StudySpec;
import org.seedscope.tribuo.TribuoMethods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs (or resumes) the study a spec file describes. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run or resume the study of a YAML/JSON spec file; rerun the same command to resume.")
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "SPEC", description = "Study spec (.yaml, .yml or .json).")
    Path specFile;

    @Mixin
    StudyOptions options;

    @Spec
    CommandSpec command;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Run the cells as Apache Spark tasks: local[N], "
            + "spark://host:port or any spark-submit master; --cache must then name a folder every executor shares "
            + "(needs the spark module: ./seedscope adds it).")
    String spark;

    @Override
    public Integer call() {
        StudySpec spec = SpecFiles.read(specFile);
        Path out = options.out != null ? options.out : Path.of("seedscope-runs", spec.name());
        Path base = specFile.toAbsolutePath().getParent();
        CellScheduler cells = spark == null ? null : SchedulerProvider.find("spark").open(spark, base);
        StudyCommands.runAndSummarise(spec, DatasetIds.resolve(spec, base), TribuoMethods.registry(), out, options, cells,
                command.commandLine().getOut());
        return 0;
    }
}
