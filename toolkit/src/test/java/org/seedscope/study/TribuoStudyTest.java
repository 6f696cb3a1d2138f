package org.seedscope.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.seed.SeedPurpose;
import org.seedscope.data.Dataset;
import org.seedscope.data.ForgetSpec;
import org.seedscope.data.Split;
import org.seedscope.tribuo.LogisticRegression;
import org.seedscope.tribuo.TribuoMethods;
import tech.tablesaw.api.Table;

/** The Tribuo logistic-regression family inside an ordinary study. */
class TribuoStudyTest {

    @Test
    void tribuoFamilyRunsEngineMethodsAndCertifiedRemovalAndItsRetrainIsTribuosOwnFit(@TempDir Path dir) {
        StudySpec spec = TinyStudy.spec().withModel(ModelFamily.parse("tribuo-lr"))
                .withMethods(StudySpec.methods("retrain", "finetune", "ssd-det", "certified-removal"))
                .withProtocols(List.of(ProtocolRun.of(Protocol.MANY_TRAINING_SEEDS, 2, 1)));
        assertEquals(spec, SpecFiles.parse(SpecFiles.toJson(spec), false, "spec.json"), "model: tribuo-lr round trip");
        Dataset data = DatasetIds.resolve(spec);
        // Amnesiac needs updates recorded while the engine trains: rejected before any training
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StudyRunner.of(
                spec.withMethods(StudySpec.methods("retrain", "amnesiac")), data, TribuoMethods.registry()));
        assertTrue(e.getMessage().contains("amnesiac cannot run on model tribuo-lr")
                && e.getMessage().contains("methods this model supports: ") && e.getMessage().contains("finetune"),
                e.getMessage());
        Table t = StudyRunner.of(spec, data, TribuoMethods.registry()).run(dir).results();
        for (String m : List.of("retrain", "finetune", "ssd-det", "certified-removal")) {
            Table rows = t.where(t.stringColumn("method").isEqualTo(m));
            assertEquals(2, rows.rowCount(), m);
            assertTrue(rows.stringColumn("status").allMatch("ok"::equals), m + ": " + rows.stringColumn("reason").print());
            assertEquals("mlp 64-10", rows.stringColumn("model").get(0), "a linear model");
        }

        // Retrain's row is Tribuo's logistic regression fitted directly on D_r with the Retrain-order
        // stream of the unlearning seed
        Split split = ForgetSpec.parse("full:3").split(data);
        Table retrain = t.where(t.stringColumn("method").isEqualTo("retrain"));
        for (int r = 0; r < retrain.rowCount(); r++) {
            long seed = retrain.longColumn("unlearn_seed").get(r);
            double direct = LogisticRegression.withDefaults().fit(split.retainTrain(), java.util.stream.IntStream.range(0, split.classNames().size())
                            .mapToObj(Integer::toString).toList(),
                            SeedPurpose.RETRAIN_ORDER.derive(seed))
                    .predict(split.test()).accuracy(split.test().y());
            assertEquals(direct, retrain.doubleColumn("test_acc").get(r), 2.0 / split.test().size(),
                    "seed " + seed + " (float rounding may flip a near-tie)");
        }
    }
}
