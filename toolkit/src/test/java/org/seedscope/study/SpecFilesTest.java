package org.seedscope.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.engine.Mlp;
import org.seedscope.engine.OptimizerSpec;
import org.seedscope.train.Schedule;
import org.seedscope.train.TrainingConfig;

/** Spec files: the canonical mapping (every field, both ways), identity, defaults and errors naming the field. */
class SpecFilesTest {
    /** A PyTorch-exported CNN for the digits (toolkit/src/test/python/onnx_fixtures.py). */
    private static final Path DIGITS_CNN = resource("/org/seedscope/onnx/digits-cnn.onnx");

    private static Path resource(String name) {
        try {
            return Path.of(SpecFilesTest.class.getResource(name).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A spec with a non-default value in every field, Adam constants and a seed above 2^31 included. */
    static final StudySpec EVERY_FIELD = new StudySpec("every", "csv:data.csv", "target", 300, 100,
            new NetworkFamily(Mlp.hidden(32, 16)),
            new TrainingConfig(4, 32, new OptimizerSpec.Adam(0.003, 0.85, 0.995, 1e-7, 1e-4),
                    Schedule.multiStep(0.5, 1, 3)),
            List.of("full:3", "random:0.1@seed7"),
            List.of(MethodSpec.of("retrain"), new MethodSpec("ssd", "ssd-a100", Map.of("alpha", 100, "lambda", 0.5))),
            List.of("test_acc", "l2_dist_layer2"),
            List.of(ProtocolRun.of(Protocol.GRID, 5, 2), ProtocolRun.of(Protocol.ONE_TRAINING_SEED, 5, 7)),
            (1L << 33) + 5, "cuda:1", 250);

    /** One changed value per field of StudySpec (checked below to cover every record component). */
    static Map<String, UnaryOperator<StudySpec>> oneFieldChanges() {
        Map<String, UnaryOperator<StudySpec>> m = new LinkedHashMap<>();
        m.put("name", s -> s.withName("other"));
        m.put("dataset", s -> s.withDataset("csv:other.csv", s.trainSize(), s.testSize()));
        m.put("labelColumn", s -> s.withLabelColumn("label2"));
        m.put("trainSize", s -> s.withDataset(s.dataset(), s.trainSize() + 1, s.testSize()));
        m.put("testSize", s -> s.withDataset(s.dataset(), s.trainSize(), s.testSize() + 1));
        m.put("model", s -> s.withModel(new NetworkFamily(Mlp.hidden(32, 17))));
        m.put("training", s -> s.withTraining(s.training().withEpochs(5)));
        m.put("forget", s -> s.withForget(List.of("full:3")));
        m.put("methods", s -> s.withMethods(List.of(MethodSpec.of("retrain"),
                new MethodSpec("ssd", "ssd-a100", Map.of("alpha", 101, "lambda", 0.5)))));
        m.put("metrics", s -> s.withMetrics(List.of("test_acc")));
        m.put("protocols", s -> s.withProtocols(List.of(ProtocolRun.of(Protocol.GRID, 5, 3))));
        m.put("baseSeed", s -> s.withBaseSeed(s.baseSeed() + 1));
        m.put("device", s -> s.withDevice("cpu"));
        m.put("auditSample", s -> s.withAuditSample(0));
        return m;
    }

    /** A user's ONNX network with a non-default value in every field of the object form. */
    private static OnnxFamily onnx(Path file, List<String> frozen, int originals) {
        return OnnxFamily.open(file, frozen, Collections.nCopies(originals, DIGITS_CNN));
    }

    /**
     * One changed value per field of the object form {@code model: {onnx, frozen, originals}}
     * (checked below to cover {@link SpecFiles#ONNX_FIELDS}; {@code sha256} follows the file): the
     * same bytes under another path, one more frozen name, one more originals file.
     */
    static Map<String, Supplier<OnnxFamily>> oneOnnxChanges(Path otherFolder) {
        Map<String, Supplier<OnnxFamily>> m = new LinkedHashMap<>();
        m.put("onnx", () -> {
            Path copy = otherFolder.resolve("digits-cnn.onnx");
            try {
                Files.copy(DIGITS_CNN, copy, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return onnx(copy, List.of("conv.weight"), 1);
        });
        m.put("frozen", () -> onnx(DIGITS_CNN, List.of("conv.weight", "fc.bias"), 1));
        m.put("originals", () -> onnx(DIGITS_CNN, List.of("conv.weight"), 2));
        return m;
    }

    @Test
    void theOnnxObjectFormRoundTripsEveryFieldAndEachChangesTheIdentity(@TempDir Path other) {
        Set<String> covered = new TreeSet<>(oneOnnxChanges(other).keySet());
        covered.add("sha256");
        assertEquals(new TreeSet<>(SpecFiles.ONNX_FIELDS), covered,
                "a new field of model: {onnx: ...} needs a line in oneOnnxChanges");
        StudySpec base = EVERY_FIELD.withModel(onnx(DIGITS_CNN, List.of("conv.weight"), 1));
        String json = SpecFiles.toJson(base);
        assertEquals(base, SpecFiles.parse(json, false, "spec.json"));
        assertTrue(json.contains("\"onnx\" : \"" + DIGITS_CNN.toAbsolutePath().normalize()) && json.contains(
                "\"frozen\" : [ \"conv.weight\" ]"), json);
        String id = SpecFiles.sha256(base, "data");
        for (Map.Entry<String, Supplier<OnnxFamily>> e : oneOnnxChanges(other).entrySet()) {
            StudySpec changed = base.withModel(e.getValue().get());
            assertNotEquals(base, changed, e.getKey());
            assertEquals(changed, SpecFiles.parse(SpecFiles.toJson(changed), false, "spec.json"), e.getKey());
            assertNotEquals(id, SpecFiles.sha256(changed, "data"), e.getKey());
        }
    }

    /** One changed value per training setting, the optimiser's constants included. */
    static Map<String, UnaryOperator<TrainingConfig>> oneTrainingChanges() {
        Map<String, UnaryOperator<TrainingConfig>> m = new LinkedHashMap<>();
        m.put("epochs", t -> t.withEpochs(t.epochs() + 1));
        m.put("batchSize", t -> t.withBatchSize(t.batchSize() + 1));
        m.put("schedule", t -> t.withSchedule(Schedule.cosine()));
        m.put("learningRate", t -> t.withOptimizer(adam(t, 0.004, 0, 0, 0, 0)));
        m.put("beta1", t -> t.withOptimizer(adam(t, 0, 0.86, 0, 0, 0)));
        m.put("beta2", t -> t.withOptimizer(adam(t, 0, 0, 0.996, 0, 0)));
        m.put("epsilon", t -> t.withOptimizer(adam(t, 0, 0, 0, 2e-7, 0)));
        m.put("weightDecay", t -> t.withOptimizer(adam(t, 0, 0, 0, 0, 2e-4)));
        m.put("optimizer", t -> t.withOptimizer(new OptimizerSpec.Sgd(0.003, 0.9, 1e-4)));
        return m;
    }

    private static OptimizerSpec adam(TrainingConfig t, double lr, double b1, double b2, double eps, double wd) {
        OptimizerSpec.Adam a = (OptimizerSpec.Adam) t.optimizer();
        return new OptimizerSpec.Adam(lr > 0 ? lr : a.learningRate(), b1 > 0 ? b1 : a.beta1(), b2 > 0 ? b2 : a.beta2(),
                eps > 0 ? eps : a.epsilon(), wd > 0 ? wd : a.weightDecay());
    }

    private static Set<String> components(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void theChangeTablesCoverEveryRecordComponent() {
        assertEquals(components(StudySpec.class), new TreeSet<>(oneFieldChanges().keySet()),
                "a new StudySpec field needs a line in oneFieldChanges (and in SpecFiles)");
        Set<String> training = new TreeSet<>(components(TrainingConfig.class));
        training.addAll(components(OptimizerSpec.Adam.class));
        training.addAll(components(OptimizerSpec.Sgd.class));
        training.removeAll(Set.of("momentum"));
        assertEquals(training, new TreeSet<>(oneTrainingChanges().keySet()));
    }

    @Test
    void everyFieldRoundTripsThroughTheCanonicalForm() {
        String json = SpecFiles.toJson(EVERY_FIELD);
        assertEquals(EVERY_FIELD, SpecFiles.parse(json, false, "spec.json"));
        assertTrue(json.contains("\"beta2\" : 0.995") && json.contains("\"epsilon\" : 1.0E-7")
                && json.contains("\"baseSeed\" : 8589934597"), json);
        StudySpec sgd = EVERY_FIELD.withTraining(EVERY_FIELD.training().withOptimizer(
                new OptimizerSpec.Sgd(0.01, 0.8, 3e-4)));
        assertEquals(sgd, SpecFiles.parse(SpecFiles.toJson(sgd), false, "spec.json"));
        assertEquals(StudySpec.demo(), SpecFiles.parse(SpecFiles.toJson(StudySpec.demo()), false, "demo.json"));
        for (Map.Entry<String, UnaryOperator<StudySpec>> e : oneFieldChanges().entrySet()) {
            StudySpec changed = e.getValue().apply(EVERY_FIELD);
            assertEquals(changed, SpecFiles.parse(SpecFiles.toJson(changed), false, "spec.json"), e.getKey());
        }
    }

    @Test
    void changingAnyOneFieldChangesTheSpecIdentityAndSoTheStudyFolder() {
        String base = SpecFiles.sha256(EVERY_FIELD, "data");
        for (Map.Entry<String, UnaryOperator<StudySpec>> e : oneFieldChanges().entrySet()) {
            assertNotEquals(base, SpecFiles.sha256(e.getValue().apply(EVERY_FIELD), "data"), e.getKey());
        }
        for (Map.Entry<String, UnaryOperator<TrainingConfig>> e : oneTrainingChanges().entrySet()) {
            StudySpec changed = EVERY_FIELD.withTraining(e.getValue().apply(EVERY_FIELD.training()));
            assertNotEquals(base, SpecFiles.sha256(changed, "data"), "training." + e.getKey());
        }
        assertNotEquals(base, SpecFiles.sha256(EVERY_FIELD, "other data"), "the data's content is part of the identity");
    }

    @Test
    void yamlShortFormsSetFieldsAndLeaveOthersAtDemoDefaults() {
        StudySpec s = SpecFiles.parse("""
                name: small
                dataset: {idx: my/folder}
                model: mlp-32-16
                training: {epochs: 4, batchSize: 64, optimizer: adam, learningRate: 1e-3, beta2: 0.99}
                forget: [full:3]
                methods: [retrain, {id: ssd, name: ssd-a100, alpha: 100}]
                trainingSeeds: 5
                unlearningSeeds: 2
                protocol: grid
                baseSeed: 4294967296
                """, true, "small.yaml");
        assertEquals("idx:my/folder", s.dataset());
        assertEquals(new NetworkFamily(Mlp.hidden(32, 16)), s.model());
        assertEquals(new OptimizerSpec.Adam(1e-3, 0.9, 0.99, 1e-8, 0), s.training().optimizer());
        assertEquals(List.of(MethodSpec.of("retrain"), new MethodSpec("ssd", "ssd-a100", Map.of("alpha", 100))),
                s.methods());
        assertEquals(List.of(ProtocolRun.of(Protocol.GRID, 5, 2)), s.protocols());
        assertEquals(4294967296L, s.baseSeed());
        assertEquals(StudySpec.demo().device(), s.device());
        StudySpec perProtocol = SpecFiles.parse("protocols: [{protocol: grid, trainingSeeds: 11, unlearningSeeds: 3}, "
                + "{protocol: one-training-seed, unlearningSeeds: 11}]", true, "p.yaml");
        assertEquals(List.of(ProtocolRun.of(Protocol.GRID, 11, 3), ProtocolRun.of(Protocol.ONE_TRAINING_SEED, 1, 11)),
                perProtocol.protocols());
    }

    @Test
    void badFieldsAreNamedWithWhatIsAllowed() {
        assertMessage("s.yaml: field 'trainingSeeds' must be a whole number, got string \"eleven\"", "trainingSeeds: eleven");
        assertMessage("s.yaml: field 'trainingSeeds' must be a whole number between -2^31 and 2^31 - 1, got number "
                + "3000000000", "trainingSeeds: 3000000000");
        assertMessage("s.yaml: grid: trainingSeeds (I) must be at least 1, got 0", "trainingSeeds: 0\nprotocol: grid");
        assertMessage("s.yaml: grid: unlearningSeeds (J) must be at least 1, got -2", "unlearningSeeds: -2\nprotocol: grid");
        assertMessage("s.yaml: field 'protocol': protocol 'alg3' is not known: use one of one-training-seed, "
                + "many-training-seeds, grid", "protocol: alg3");
        assertMessage("s.yaml: field 'methods' must be a method id or a mapping {id: ..., name: ..., "
                + "<hyperparameter>: ...}, got number 3", "methods: [3]");
        assertMessage("s.yaml: methods lists the name 'ssd' twice: give variants their own names, e.g. {id: ssd, "
                + "name: ssd-a100, alpha: 100}", "methods: [ssd, {id: ssd, alpha: 100}]");
        assertMessage("s.yaml: field 'training.optimizer' is 'rmsprop': use sgd or adam", "training: {optimizer: rmsprop}");
        assertMessage("s.yaml: field 'training.beta1' does not apply to the sgd optimizer",
                "training: {optimizer: sgd, beta1: 0.5}");
        assertMessage("s.yaml: field 'training.optimizer': Adam betas must be in [0, 1), got 1.5, 0.999",
                "training: {optimizer: {type: adam, beta1: 1.5}}");
        assertMessage("s.yaml: unknown field 'dataset.csv'; allowed: [dataset.idx]", "dataset: {csv: x.csv}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpecFiles.parse("seeds: 3", true, "s.yaml"));
        assertTrue(e.getMessage().startsWith("s.yaml: unknown field 'seeds'; allowed: [auditSample, baseSeed"),
                e.getMessage());
    }

    private static void assertMessage(String expected, String yaml) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpecFiles.parse(yaml, true, "s.yaml"));
        assertEquals(expected, e.getMessage());
    }
}
