package org.seedscope.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.data.Datasets;
import org.seedscope.data.ForgetSpec;
import org.seedscope.engine.Mlp;
import org.seedscope.engine.Model;
import org.seedscope.train.TrainingConfig;
import org.seedscope.unlearn.UnlearningContext;
import org.seedscope.unlearn.UnlearningMethod;
import tech.tablesaw.api.Table;

/** The notebook-facing fluent API. */
class StudyTest {

    /** A user's own method: returns the original unchanged. */
    record Identity() implements UnlearningMethod {
        @Override
        public String name() {
            return "identity";
        }

        @Override
        public boolean deterministic() {
            return true;
        }

        @Override
        public Map<String, Object> hyperparameters() {
            return Map.of();
        }

        @Override
        public Model unlearn(Model original, UnlearningContext context) {
            return original.copy();
        }
    }

    @Test
    void builderIsImmutableAndRunsAUsersOwnMethodNextToTheStandardOnes(@TempDir Path dir) {
        Study base = Study.on(Datasets.digits()).model(Mlp.hidden(16))
                .training(TrainingConfig.defaults().withEpochs(10).withBatchSize(32)).forget(ForgetSpec.fullClass("3"))
                .protocols(Protocol.ONE_TRAINING_SEED).trainingSeeds(1).unlearningSeeds(2);
        Study withMine = base.methods(new StudyTest.Identity());
        assertEquals(StudySpec.demo().methods(), base.spec().methods(), "the base builder is unchanged");
        assertNotEquals(base.folder(), withMine.folder(), "the default folder follows the spec");

        StudyResult r = withMine.methods("retrain").out(dir).run();
        assertEquals(2, r.results().rowCount());
        StudyResult mine = withMine.out(dir.resolve("mine")).run();
        Table t = mine.results();
        assertEquals(List.of("identity"), t.stringColumn("method").unique().asList());
        // the identity method leaves the original's forget accuracy: far above Retrain's 0
        assertTrue(t.doubleColumn("forget_acc").min() > 0.5, t.printAll());
        assertTrue(t.doubleColumn("l2_dist").min() > 0, "the original is at a distance from Retrain");
    }
}
