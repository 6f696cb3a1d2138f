package org.seedscope.cli;

import java.util.concurrent.Callable;
import org.seedscope.data.Dataset;
import org.seedscope.data.Datasets;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Mlp;
import org.seedscope.engine.Model;
import org.seedscope.train.Trainer;
import org.seedscope.train.TrainingConfig;
import org.seedscope.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The main job: the default study on the shipped Fashion-MNIST subset. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the default study on the shipped Fashion-MNIST subset.")
final class DemoCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "A smaller run that finishes in under a minute.")
    boolean quick;

    @Override
    public Integer call() {
        Dataset data = Datasets.fashionMnist();
        System.out.println(data);
        Architecture arch = Mlp.hidden(256).architecture(data.train().features(), data.train().classes());
        TrainingConfig config = quick ? TrainingConfig.defaults().withEpochs(3) : TrainingConfig.defaults();
        try (Engine engine = Engine.cpu()) {
            TrainingRun run = new Trainer(engine, config).fit(arch, data.train(), 1);
            run.log().forEach(e -> System.out.println("  " + e));
            Model model = run.model();
            double acc = engine.predict(model, data.test().x(), data.test().size()).accuracy(data.test().y());
            System.out.printf("%s trained with seed 1 (%s): test accuracy %.4f%n", arch, config, acc);
        }
        return 0;
    }
}
