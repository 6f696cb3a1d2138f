package org.seedscope.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seedscope.study.DatasetIds;
import org.seedscope.study.ProtocolRun;
import org.seedscope.study.StudySpec;
import org.seedscope.unlearn.MethodRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The main job: the default study on the shipped Fashion-MNIST subset — full-class and sub-class
 * forgetting of "Shirt", seven methods, Algorithm 1 and Algorithm 2 with 11 seeds each.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the default study on the shipped Fashion-MNIST subset (Algorithm 1 vs 2, 11 seeds).")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "3 seeds per protocol on a 3,000/1,000 subset, 5 epochs: under a minute.")
    boolean quick;

    @Mixin
    StudyOptions options;

    /**
     * @param quick the small variant
     * @return the spec the demo runs
     */
    static StudySpec spec(boolean quick) {
        StudySpec spec = StudySpec.demo();
        return quick ? spec.withName("demo-quick").withDataset("fashion-mnist", 3000, 1000)
                .withProtocols(spec.protocols().stream().map(p -> ProtocolRun.of(p.protocol(), 3, 3)).toList())
                .withTraining(spec.training().withEpochs(5)) : spec;
    }

    @Override
    public Integer call() {
        StudySpec spec = spec(quick);
        Path out = options.out != null ? options.out : Path.of("seedscope-runs", spec.name());
        StudyCommands.runAndSummarise(spec, DatasetIds.resolve(spec), MethodRegistry.standard(), out, options);
        return 0;
    }
}
