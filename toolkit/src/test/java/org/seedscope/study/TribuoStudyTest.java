package org.seedscope.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        StudySpec spec = TinyStudy.spec().withFamily(StudySpec.TRIBUO_LR)
                .withMethods(List.of("retrain", "finetune", "ssd-det", "certified-removal", "amnesiac"))
                .withSeeds(2, 1).withProtocols(List.of(Protocol.MANY_TRAINING_SEEDS));
        assertEquals(spec, SpecFiles.parse(SpecFiles.toJson(spec), false, "spec.json"), "model: tribuo-lr round trip");
        Dataset data = DatasetIds.resolve(spec);
        Table t = StudyRunner.of(spec, data, TribuoMethods.registry()).run(dir).results();
        for (String m : List.of("retrain", "finetune", "ssd-det", "certified-removal")) {
            Table rows = t.where(t.stringColumn("method").isEqualTo(m));
            assertEquals(2, rows.rowCount(), m);
            assertTrue(rows.stringColumn("status").allMatch("ok"::equals), m + ": " + rows.stringColumn("reason").print());
            assertEquals("mlp 64-10", rows.stringColumn("model").get(0), "a linear model");
        }
        Table amnesiac = t.where(t.stringColumn("method").isEqualTo("amnesiac"));
        assertTrue(amnesiac.stringColumn("reason").get(0).contains("trained by Tribuo"), amnesiac.printAll());

        // Retrain's row is Tribuo's logistic regression fitted directly on D_r with the Retrain-order
        // stream of the unlearning seed
        Split split = ForgetSpec.parse("full:3").split(data);
        Table retrain = t.where(t.stringColumn("method").isEqualTo("retrain"));
        for (int r = 0; r < retrain.rowCount(); r++) {
            long seed = retrain.intColumn("unlearn_seed").get(r);
            double direct = LogisticRegression.withDefaults().fit(split.retainTrain(), split.classNames(),
                            SeedPurpose.RETRAIN_ORDER.derive(seed))
                    .predict(split.test()).accuracy(split.test().y());
            assertEquals(direct, retrain.doubleColumn("test_acc").get(r), 2.0 / split.test().size(),
                    "seed " + seed + " (float rounding may flip a near-tie)");
        }
    }
}
