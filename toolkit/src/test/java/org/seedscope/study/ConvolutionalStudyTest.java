package org.seedscope.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.engine.Network;
import org.seedscope.results.ResultTables;
import org.seedscope.unlearn.MethodRegistry;
import tech.tablesaw.api.Table;

/** Every registered method and metric on convolutional and residual networks, at smoke size. */
class ConvolutionalStudyTest {

    static StudySpec smoke(String model) {
        return StudySpec.demo().withName("conv-smoke").withDataset("fashion-mnist", 600, 200)
                .withModel(new NetworkFamily(Network.parse(model)))
                .withTraining(StudySpec.demo().training().withEpochs(2).withBatchSize(64))
                .withForget(List.of("full:Shirt", "sub:Shirt"))
                .withMethods(StudySpec.methods(MethodRegistry.standard().ids().toArray(String[]::new)))
                .withProtocols(List.of(ProtocolRun.of(Protocol.GRID, 1, 1))).withAuditSample(50);
    }

    @Test
    void aCnnStudyRunsEveryMethodToCompletion(@TempDir Path dir) {
        StudySpec spec = smoke("cnn");
        Table t = StudyRunner.of(spec, DatasetIds.resolve(spec), MethodRegistry.standard()).run(dir).results();
        assertEquals(2 * MethodRegistry.standard().ids().size(), t.rowCount());
        assertTrue(t.stringColumn("status").allMatch("ok"::equals),
                t.where(t.stringColumn("status").isNotEqualTo("ok")).selectColumns("method", "reason").printAll());
        assertTrue(t.stringColumn("model").get(0).startsWith("cnn 1x28x28"), t.stringColumn("model").get(0));
        List<String> metrics = ResultTables.metricColumns(t);
        assertTrue(metrics.containsAll(List.of("forget_acc", "mia", "zrf", "act_dist", "l2_dist")), metrics.toString());
        assertTrue(metrics.stream().filter(m -> m.startsWith("l2_dist_layer")).count() >= 4,
                "a distance per parameterised layer: " + metrics);
    }

    @Test
    void aResNetStudyRunsTheDeterministicAndGradientMethods(@TempDir Path dir) {
        StudySpec spec = smoke("resnet-8").withForget(List.of("full:Shirt"))
                .withMethods(StudySpec.methods("retrain", "finetune", "ssd", "ssd-det", "lfssd-det", "amnesiac", "unsir"));
        Table t = StudyRunner.of(spec, DatasetIds.resolve(spec), MethodRegistry.standard()).run(dir).results();
        assertEquals(7, t.rowCount());
        assertTrue(t.stringColumn("status").allMatch("ok"::equals),
                t.where(t.stringColumn("status").isNotEqualTo("ok")).selectColumns("method", "reason").printAll());
    }
}
