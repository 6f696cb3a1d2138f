package org.seedscope.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seedscope.audit.Audit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the privacy audit of a finished study (U-LiRA and the NeurIPS 2023 competition's epsilon). */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Privacy audit of DIR from its stored per-example outputs: U-LiRA (leave one training seed out), "
                + "the NeurIPS 2023 competition's per-example epsilon and forgetting quality, per training seed and "
                + "pooled, with the original model and Retrain vs Retrain as references.")
final class AuditCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Study output folder holding results.csv and outputs.bin.")
    Path dir;

    @Option(names = "--json", description = "Print one JSON object (with ROC points and per-example epsilons) instead "
            + "of text tables.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Audit audit = Audit.of(dir);
        var out = spec.commandLine().getOut();
        if (json) {
            try {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(audit.toJson()));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("cannot write the audit as JSON", e);
            }
        } else {
            out.print(audit);
        }
        out.flush();
        return 0;
    }
}
