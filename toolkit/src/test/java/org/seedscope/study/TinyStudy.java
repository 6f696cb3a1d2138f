package org.seedscope.study;

import java.nio.file.Path;
import java.util.List;
import org.seedscope.engine.Mlp;
import org.seedscope.train.TrainingConfig;
import org.seedscope.unlearn.MethodRegistry;

/**
 * A study small enough for tests (digits, MLP 64-16-10, 3 epochs, 2 x 2 grid, three methods
 * including a deterministic one and Amnesiac), and a main method so a test can run it in a
 * separate JVM and kill it.
 */
final class TinyStudy {
    private TinyStudy() {}

    static StudySpec spec() {
        return StudySpec.demo().withName("tiny").withDataset("digits", 0, 0).withModel(new NetworkFamily(Mlp.hidden(16)))
                .withTraining(TrainingConfig.defaults().withEpochs(3).withBatchSize(64))
                .withForget(List.of("full:3")).withMethods(StudySpec.methods("retrain", "finetune", "ssd-det", "amnesiac"))
                .withMetrics(List.of("test_acc", "forget_acc", "mia", "js_forget", "l2_dist"))
                .withProtocols(List.of(ProtocolRun.of(Protocol.GRID, 2, 2)));
    }

    static StudyResult run(Path out, int workers) {
        StudySpec spec = spec();
        return StudyRunner.of(spec, DatasetIds.resolve(spec), MethodRegistry.standard()).withWorkers(workers)
                .run(out);
    }

    /**
     * @param args output folder, then the number of workers
     */
    public static void main(String[] args) {
        run(Path.of(args[0]), Integer.parseInt(args[1]));
    }
}
