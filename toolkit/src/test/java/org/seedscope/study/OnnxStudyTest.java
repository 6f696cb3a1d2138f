package org.seedscope.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.data.Dataset;
import org.seedscope.data.Datasets;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Model;
import org.seedscope.onnx.OnnxExport;
import org.seedscope.onnx.OnnxModel;
import org.seedscope.train.Trainer;
import org.seedscope.train.TrainingConfig;
import org.seedscope.unlearn.MethodRegistry;
import tech.tablesaw.api.Table;

/**
 * Studies on a user's ONNX network (a PyTorch CNN for the digits, {@code digits-cnn.onnx}) at smoke
 * size: with originals trained elsewhere (files, one per training seed, whose names and SHA-256
 * the rows carry), and with originals the engine trains from PyTorch's initialisation; the spec's
 * object form, relative to the spec's folder; the checks made before any work.
 */
class OnnxStudyTest {
    private static final TrainingConfig SMOKE = TrainingConfig.defaults().withEpochs(2).withBatchSize(64);
    private static Path folder;
    private static Path net;
    private static List<Path> originals;
    private static List<Model> trained;

    @BeforeAll
    static void originalsTrainedElsewhere(@TempDir Path dir) throws IOException {
        folder = dir;
        net = dir.resolve("digits-cnn.onnx");
        Files.copy(OnnxStudyTest.class.getResourceAsStream("/org/seedscope/onnx/digits-cnn.onnx"), net);
        OnnxModel model = OnnxModel.open(net);
        Dataset digits = Datasets.digits();
        try (Engine engine = Engine.cpu()) {
            trained = List.of(new Trainer(engine, SMOKE).fit(model.architecture(), digits.train(), 101).model(),
                    new Trainer(engine, SMOKE).fit(model.architecture(), digits.train(), 202).model());
        }
        originals = List.of(dir.resolve("run-a.onnx"), dir.resolve("run-b.onnx"));
        for (int i = 0; i < 2; i++) {
            OnnxExport.network(trained.get(i), originals.get(i));
        }
    }

    private static StudySpec spec(ModelFamily family, String... methods) {
        return StudySpec.demo().withName("onnx-smoke").withDataset("digits", 0, 0).withModel(family)
                .withTraining(SMOKE).withForget(List.of("full:3")).withMethods(StudySpec.methods(methods))
                .withProtocols(List.of(ProtocolRun.of(Protocol.ONE_TRAINING_SEED, 1, 2),
                        ProtocolRun.of(Protocol.MANY_TRAINING_SEEDS, 2, 1)));
    }

    private static Table run(StudySpec spec, Path out) {
        return StudyRunner.of(spec, DatasetIds.resolve(spec), MethodRegistry.standard()).run(out).results();
    }

    @Test
    void aStudyFromOriginalsFilesRunsToCompletionAndItsRowsNameEachFileAndItsHash(@TempDir Path out) {
        OnnxFamily family = OnnxFamily.open(net, List.of(), originals);
        List<String> methods = MethodRegistry.standard().ids().stream()
                .filter(id -> family.unsupported(MethodRegistry.standard().get(id)).isEmpty()).toList();
        assertTrue(methods.containsAll(List.of("original", "retrain", "finetune", "ssd", "ssd-det", "lfssd", "scrub",
                "unsir", "salun")) && !methods.contains("amnesiac"), methods.toString());
        Table t = run(spec(family, methods.toArray(String[]::new)), out);
        assertEquals(4 * methods.size(), t.rowCount(), "2 cells per protocol (the shared one computed once, its rows copied)");
        assertTrue(t.stringColumn("status").allMatch("ok"::equals),
                t.where(t.stringColumn("status").isNotEqualTo("ok")).selectColumns("method", "reason").printAll());
        for (int row = 0; row < t.rowCount(); row++) {
            long seed = t.longColumn("train_seed").get(row);
            OnnxModel.Source file = family.model().originalFiles().get((int) seed - 1);
            assertEquals("file " + file.path() + " sha256 " + file.sha256() + " (training seed " + seed + ")",
                    t.stringColumn("original").get(row));
        }
        Table original = t.where(t.stringColumn("method").isEqualTo("original"));
        try (Engine engine = Engine.cpu()) {
            Dataset digits = Datasets.digits();
            for (int row = 0; row < original.rowCount(); row++) {
                Model m = trained.get(Math.toIntExact(original.longColumn("train_seed").get(row) - 1));
                double acc = engine.predict(m, digits.test().x(), digits.test().size()).accuracy(digits.test().y());
                assertEquals(acc, original.doubleColumn("test_acc").get(row), 1e-12,
                        "the original of training seed s is the model of file s");
            }
        }
    }

    @Test
    void withoutOriginalsTheEngineTrainsEachTrainingSeedFromPyTorchsInitialisation(@TempDir Path out) {
        OnnxFamily family = OnnxFamily.open(net, List.of(), List.of());
        Table t = run(spec(family, "original", "retrain", "ssd-det", "amnesiac"), out);
        assertTrue(t.stringColumn("status").allMatch("ok"::equals),
                t.where(t.stringColumn("status").isNotEqualTo("ok")).selectColumns("method", "reason").printAll());
        Table many = t.where(t.stringColumn("protocol").isEqualTo("many-training-seeds")
                .and(t.stringColumn("method").isEqualTo("original")));
        assertEquals(2, many.rowCount());
        assertNotEquals(many.stringColumn("model_sha256").get(0), many.stringColumn("model_sha256").get(1));
        assertEquals("trained by " + family.id() + " from training seed 1", many.stringColumn("original").get(0));
        assertTrue(t.stringColumn("model").get(0).equals("onnx digits-cnn.onnx 1x8x8->10"), t.stringColumn("model").get(0));
    }

    @Test
    void tooFewOriginalsAndAmnesiacOnForeignOriginalsAreRejectedBeforeAnyWork(@TempDir Path out) throws IOException {
        OnnxFamily family = OnnxFamily.open(net, List.of(), originals);
        StudySpec three = spec(family, "retrain").withProtocols(List.of(ProtocolRun.of(Protocol.MANY_TRAINING_SEEDS, 3, 1)));
        String seeds = assertThrows(IllegalArgumentException.class, () -> run(three, out)).getMessage();
        assertTrue(seeds.contains("model: protocol many-training-seeds needs training seeds 1 to 3 (base seed 0, 3 "
                + "training seeds), but digits-cnn.onnx has 2 originals files, for training seeds 1 to 2"), seeds);
        String amnesiac = assertThrows(IllegalArgumentException.class, () -> run(spec(family, "amnesiac"), out))
                .getMessage();
        assertTrue(amnesiac.contains("the originals of digits-cnn.onnx were trained elsewhere"), amnesiac);
        try (var files = Files.list(out)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    @Test
    void theSpecsObjectFormIsRelativeToTheSpecsFolderAndRoundTripsWithEveryHash() throws IOException {
        Path spec = folder.resolve("study.yaml");
        Files.writeString(spec, """
                dataset: digits
                model: {onnx: digits-cnn.onnx, originals: [run-a.onnx, run-b.onnx]}
                forget: [full:3]
                methods: [retrain]
                """);
        StudySpec s = SpecFiles.read(spec);
        OnnxFamily family = (OnnxFamily) s.model();
        assertEquals(OnnxFamily.open(net, List.of(), originals), family);
        String json = SpecFiles.toJson(s);
        assertTrue(json.contains("\"sha256\" : \"" + family.model().file().sha256() + "\""), json);
        assertEquals(s, SpecFiles.parse(json, false, "spec.json"));
        StudySpec frozen = s.withModel(OnnxFamily.open(net, List.of("conv.weight"), List.of()));
        assertEquals(frozen, SpecFiles.parse(SpecFiles.toJson(frozen), false, "frozen.json"));
        assertNotEquals(SpecFiles.sha256(s, "data"), SpecFiles.sha256(frozen, "data"), "the model is part of the identity");
        assertNotEquals(SpecFiles.sha256(frozen, "data"), SpecFiles.sha256(frozen.withModel(OnnxFamily.open(net,
                List.of(), List.of())), "data"), "frozen names are part of the identity");
        String changed = json.replace(family.model().file().sha256(), "0".repeat(64));
        String message = assertThrows(IllegalArgumentException.class, () -> SpecFiles.parse(changed, false, "spec.json"))
                .getMessage();
        assertTrue(message.startsWith("spec.json: field 'model.sha256': ONNX file " + net.toAbsolutePath() + " has SHA-256 "
                + family.model().file().sha256() + ", the spec names 000"), message);
        String missing = assertThrows(java.io.UncheckedIOException.class, () -> SpecFiles.parse(
                "model: {onnx: missing.onnx}", true, "m.yaml", folder)).getMessage();
        assertEquals("cannot read ONNX file " + folder.resolve("missing.onnx").toAbsolutePath().normalize(), missing);
    }
}
