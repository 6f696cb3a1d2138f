package org.seedscope.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.seedscope.data.Datasets;
import org.seedscope.data.Examples;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Cnn;
import org.seedscope.engine.Engine;
import org.seedscope.engine.EngineOptions;
import org.seedscope.engine.Model;
import org.seedscope.engine.OptimizerSpec;
import org.seedscope.engine.ResNet;

/** Seeded training: reproducibility, seed sensitivity, thread independence, stops. */
class TrainerTest {
    private static final Architecture ARCH = new Architecture(20, List.of(32), 4);
    private static final TrainingConfig CONFIG = TrainingConfig.defaults().withEpochs(3).withBatchSize(50);

    /** Four seeded Gaussian clusters in 20 dimensions, 150 points each. */
    static Examples clusters(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 600;
        float[] x = new float[n * 20];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 4;
            for (int j = 0; j < 20; j++) {
                x[i * 20 + j] = (float) ((j % 4 == y[i] ? 1.0 : 0.0) + 0.5 * r.nextGaussian());
            }
        }
        return new Examples(x, y, 20, 4);
    }

    @Test
    void sameSeedGivesBitIdenticalParametersAndDifferentSeedsDiffer() {
        Examples data = clusters(1);
        try (Engine engine = Engine.cpu()) {
            Trainer trainer = new Trainer(engine, CONFIG);
            Model a = trainer.fit(ARCH, data, 7).model();
            Model b = trainer.fit(ARCH, data, 7).model();
            Model c = trainer.fit(ARCH, data, 8).model();
            assertTrue(a.parameters().bitEquals(b.parameters()), "seed 7 twice");
            assertFalse(a.parameters().bitEquals(c.parameters()), "seeds 7 and 8");
        }
    }

    @Test
    void oneAndTwoOnnxRuntimeThreadsGiveBitIdenticalParameters() {
        Examples data = clusters(2);
        try (Engine one = Engine.create(EngineOptions.defaults().withThreads(1));
                Engine two = Engine.create(EngineOptions.defaults().withThreads(2))) {
            Model a = new Trainer(one, CONFIG).fit(ARCH, data, 3).model();
            Model b = new Trainer(two, CONFIG).fit(ARCH, data, 3).model();
            assertEquals(a.parameters().sha256(), b.parameters().sha256());
        }
    }

    /** The first 512 rows of the shipped Fashion-MNIST subset: four full batches of 128. */
    private static Examples fashion512() {
        return Datasets.fashionMnist().train().select(java.util.stream.IntStream.range(0, 512).toArray());
    }

    @Test
    void cnnTrainingIsBitIdenticalForTheSameSeedAndForOneAndTwoThreads() {
        Examples data = fashion512();
        Architecture arch = Cnn.DEFAULT.architecture(new int[] {1, 28, 28}, 10);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(1);
        try (Engine one = Engine.create(EngineOptions.defaults().withThreads(1));
                Engine two = Engine.create(EngineOptions.defaults().withThreads(2))) {
            Model a = new Trainer(one, config).fit(arch, data, 3).model();
            Model b = new Trainer(one, config).fit(arch, data, 3).model();
            Model c = new Trainer(two, config).fit(arch, data, 3).model();
            Model d = new Trainer(one, config).fit(arch, data, 4).model();
            assertEquals(a.parameters().sha256(), b.parameters().sha256(), "seed 3 twice");
            assertEquals(a.parameters().sha256(), c.parameters().sha256(), "1 and 2 threads");
            assertFalse(a.parameters().bitEquals(d.parameters()), "seeds 3 and 4");
        }
    }

    @Test
    void resnet8LearnsUpdatesItsRunningStatisticsAndIsReproducible() {
        Examples data = fashion512();
        Architecture arch = ResNet.parse("resnet-8").architecture(new int[] {1, 28, 28}, 10);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(3);
        try (Engine one = Engine.create(EngineOptions.defaults().withThreads(1));
                Engine two = Engine.create(EngineOptions.defaults().withThreads(2))) {
            TrainingRun run = new Trainer(one, config).fit(arch, data, 5);
            assertTrue(run.last().loss() < 0.8 * run.log().get(0).loss(), run.log().toString());
            Model initial = Model.initialise(arch, 0);
            assertFalse(run.model().state().bitEquals(initial.state()), "running statistics were updated");
            Model again = new Trainer(two, config).fit(arch, data, 5).model();
            assertEquals(run.model().parameters().sha256(), again.parameters().sha256(), "parameters, 1 vs 2 threads");
            assertEquals(run.model().state().sha256(), again.state().sha256(), "running statistics, 1 vs 2 threads");
        }
    }

    @Test
    void trainingLearnsAndLogsEveryEpoch() {
        Examples data = clusters(3);
        try (Engine engine = Engine.cpu()) {
            TrainingRun run = new Trainer(engine, CONFIG).fit(ARCH, data, 1);
            assertEquals(3, run.log().size());
            assertTrue(run.last().loss() < run.log().get(0).loss(), run.log().toString());
            assertTrue(engine.predict(run.model(), data.x(), data.size()).accuracy(data.y()) > 0.9);
        }
    }

    @Test
    void startModelIsNotModified() {
        Examples data = clusters(4);
        try (Engine engine = Engine.cpu()) {
            Model start = Model.initialise(ARCH, 1);
            String before = start.parameters().sha256();
            new Trainer(engine, CONFIG).train(start, data, 1, Losses.crossEntropy(data.y()), null);
            assertEquals(before, start.parameters().sha256());
        }
    }

    @Test
    void divergenceStopsWithAClearReason() {
        Examples data = clusters(5);
        float[] ascent = new float[data.size()];
        java.util.Arrays.fill(ascent, -1f);
        try (Engine engine = Engine.cpu()) {
            Trainer trainer = new Trainer(engine, CONFIG.withOptimizer(new OptimizerSpec.Sgd(1e4, 0.9, 0))
                    .withSchedule(Schedule.constant()).withEpochs(50));
            TrainingDiverged e = assertThrows(TrainingDiverged.class, () -> trainer.train(Model.initialise(ARCH, 1),
                    data, 1, Losses.weightedCrossEntropy(data.y(), ascent), null));
            assertTrue(e.getMessage().startsWith("diverged: loss"), e.getMessage());
        }
    }

    @Test
    void interruptStopsBetweenSteps() {
        Examples data = clusters(6);
        try (Engine engine = Engine.cpu()) {
            Thread.currentThread().interrupt();
            assertThrows(CancellationException.class, () -> new Trainer(engine, CONFIG).fit(ARCH, data, 1));
            assertTrue(Thread.interrupted(), "the interrupt flag is restored for the caller");
        }
    }

    @Test
    void schedulesFollowTheirFormulas() {
        assertEquals(1.0, Schedule.constant().factor(5, 10), 0);
        // cosine: (1 + cos(pi * 5 / 10)) / 2 = 0.5
        assertEquals(0.5, Schedule.cosine().factor(5, 10), 1e-15);
        assertEquals(1.0, Schedule.cosine().factor(0, 10), 0);
        Schedule step = Schedule.multiStep(0.1, 3, 6);
        assertEquals(1.0, step.factor(2, 10), 0);
        assertEquals(0.1, step.factor(3, 10), 1e-15);
        assertEquals(0.01, step.factor(9, 10), 1e-15);
        assertEquals(step, Schedule.parse(step.toString()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Schedule.parse("linear"));
        assertTrue(e.getMessage().contains("use constant, cosine or multistep"), e.getMessage());
    }

    @Test
    void permutationIsAFisherYatesShuffleOfAllRows() {
        int[] order = new int[100];
        Trainer.permute(order, new SplittableRandom(1));
        int[] sorted = order.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < 100; i++) {
            assertEquals(i, sorted[i]);
        }
        int[] again = new int[100];
        Trainer.permute(again, new SplittableRandom(1));
        assertEquals(java.util.Arrays.toString(order), java.util.Arrays.toString(again));
    }
}
