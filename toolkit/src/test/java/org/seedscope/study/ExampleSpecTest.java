package org.seedscope.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.tribuo.TribuoMethods;
import org.seedscope.unlearn.MethodRegistry;
import tech.tablesaw.api.Table;

/** The example specs the README points to parse, validate against the shipped data and run. */
class ExampleSpecTest {
    @Test
    void exampleGridSpecIsValidAndPlansTheGrid() {
        StudySpec spec = SpecFiles.read(Path.of("../examples/grid.yaml"));
        assertEquals(List.of(Protocol.GRID), spec.protocols().stream().map(ProtocolRun::protocol).toList());
        StudyRunner runner = StudyRunner.of(spec, DatasetIds.resolve(spec), MethodRegistry.standard());
        assertEquals(2 * 4 * 3 * 5, runner.plan().size());
    }

    @Test
    void exampleOwnNetworkSpecOpensTheNotebooksOnnxFileRelativeToItsFolderAndBindsItToTheData() {
        StudySpec spec = SpecFiles.read(Path.of("../examples/own-network.yaml"));
        OnnxFamily family = (OnnxFamily) spec.model();
        assertEquals(Path.of("../notebooks/models/fashion-cnn.onnx").toAbsolutePath().normalize(),
                family.model().file().path());
        assertTrue(family.model().originalFiles().isEmpty(), "the engine trains the originals");
        StudyRunner runner = StudyRunner.of(spec, DatasetIds.resolve(spec), MethodRegistry.standard());
        assertEquals(5 * 5, runner.plan().size());
        StudySpec tenClasses = spec.withForget(List.of("full:Shirt"));
        String message = assertThrows(IllegalArgumentException.class,
                () -> StudyRunner.of(tenClasses, DatasetIds.resolve(tenClasses), MethodRegistry.standard())).getMessage();
        assertTrue(message.contains("ONNX file fashion-cnn.onnx takes examples of shape [1, 28, 28] and scores 3 "
                + "classes, the data has shape [1, 28, 28] and 10 classes"), message);
    }

    @Test
    void ssdAtTwoAlphasWithAnOriginalRowAndSelectionCountsOnAnIdxFolder(@TempDir Path dir) {
        Path file = Path.of("../examples/ssd-alpha.yaml");
        StudySpec spec = SpecFiles.read(file);
        assertTrue(spec.dataset().startsWith("idx:"), spec.dataset());
        Table t = StudyRunner.of(spec, DatasetIds.resolve(spec, file.toAbsolutePath().getParent()),
                TribuoMethods.registry()).run(dir).results();
        assertEquals(3 * 5, t.rowCount());
        assertTrue(t.stringColumn("status").allMatch("ok"::equals), t.stringColumn("reason").print());
        for (int r = 0; r < t.rowCount(); r++) {
            String method = t.stringColumn("method").get(r);
            boolean ssd = method.startsWith("ssd");
            assertEquals(!ssd, t.longColumn("selected").isMissing(r), method + ": selected only for SSD rows");
            assertEquals(ssd ? "ssd" : method, t.stringColumn("method_id").get(r));
        }
        for (long seed : t.longColumn("train_seed").unique().asSet()) {
            Table one = t.where(t.longColumn("train_seed").isEqualTo(seed));
            long a10 = selected(one, "ssd-a10");
            long a100 = selected(one, "ssd-a100");
            assertTrue(a100 <= a10, "a larger alpha selects fewer parameters: " + a10 + " vs " + a100);
            double original = value(one, "original", "forget_acc");
            assertTrue(original > value(one, "retrain", "forget_acc") + 0.3,
                    "the original still knows the forgotten class: " + original);
            assertTrue(value(one, "original", "l2_dist") > 0, "the original is not its Retrain");
            assertTrue(one.stringColumn("hyperparameters").get(one.stringColumn("method").indexOf("ssd-a100"))
                    .contains("\"alpha\":100"), "effective hyperparameters are recorded");
        }
        Table shuffled = t.where(t.stringColumn("method").isEqualTo("ssd-a10-shuffled"));
        assertFalse(shuffled.booleanColumn("deterministic").get(0), "a shuffled SSD uses its seed");
    }

    private static long selected(Table t, String method) {
        return t.longColumn("selected").get(t.stringColumn("method").indexOf(method));
    }

    private static double value(Table t, String method, String metric) {
        return t.doubleColumn(metric).get(t.stringColumn("method").indexOf(method));
    }
}
