package org.seedscope.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seedscope.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes the HTML report of a study. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write DIR/report.html (charts embedded; SVGs in DIR/charts/) from DIR/results.csv.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Study output folder holding results.csv.")
    Path dir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path html = Report.write(ResultsDir.load(dir), dir);
        spec.commandLine().getOut().println(html.toAbsolutePath());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
