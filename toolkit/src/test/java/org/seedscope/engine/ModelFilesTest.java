package org.seedscope.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving and loading models. */
class ModelFilesTest {

    @Test
    void saveThenLoadGivesBitIdenticalParametersArchitectureAndProvenance(@TempDir Path dir) {
        Model model = Model.initialise(new Architecture(4, List.of(3, 2), 2), 9).withProvenance("train_seed", "9");
        Path folder = dir.resolve("m");
        ModelFiles.save(model, folder);
        ModelFiles.save(model, folder); // overwriting is allowed
        Model back = ModelFiles.load(folder);
        assertTrue(back.parameters().bitEquals(model.parameters()));
        assertEquals(model.architecture(), back.architecture());
        assertEquals("9", back.provenance().get("train_seed"));
        assertTrue(Files.exists(folder.resolve("model.onnx")));
    }

    @Test
    void aResNetSavesWithItsRunningStatisticsAndLoadsBitIdentical(@TempDir Path dir) {
        Model model = Checks.model(ResNet.parse("resnet-8-w2").architecture(new int[] {3, 8, 8}, 4), 3);
        Path folder = dir.resolve("resnet");
        ModelFiles.save(model, folder);
        Model back = ModelFiles.load(folder);
        assertEquals(model.architecture(), back.architecture());
        assertEquals("resnet-8-w2 3x8x8->4", back.architecture().toString());
        assertTrue(back.parameters().bitEquals(model.parameters()), "parameters");
        assertTrue(back.state().bitEquals(model.state()), "running statistics");
        assertTrue(Files.exists(folder.resolve("state.bin")));
    }

    @Test
    void aCorruptedStateFileIsDetected(@TempDir Path dir) throws Exception {
        Model model = Checks.model(ResNet.parse("resnet-8").architecture(new int[] {3, 8, 8}, 4), 3);
        Path folder = dir.resolve("m");
        ModelFiles.save(model, folder);
        byte[] bytes = Files.readAllBytes(folder.resolve("state.bin"));
        bytes[5] ^= 1;
        Files.write(folder.resolve("state.bin"), bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(folder));
        assertTrue(e.getMessage().contains("state.bin does not match the SHA-256"), e.getMessage());
    }

    @Test
    void aFileFromBeforeLayerGraphsLoadsAsItsMlp(@TempDir Path dir) throws Exception {
        Model model = Model.initialise(new Architecture(4, List.of(3), 2), 2);
        Path folder = dir.resolve("old");
        ModelFiles.save(model, folder);
        // the model.json main wrote before this change: widths instead of the layer graph
        Files.writeString(folder.resolve("model.json"), "{\"widths\": [4, 3, 2], \"sha256\": \""
                + model.parameters().sha256() + "\", \"provenance\": {}}");
        Model back = ModelFiles.load(folder);
        assertEquals(model.architecture(), back.architecture());
        assertTrue(back.parameters().bitEquals(model.parameters()));
    }

    @Test
    void corruptedParametersAreDetected(@TempDir Path dir) throws Exception {
        Model model = Model.initialise(new Architecture(4, List.of(), 2), 1);
        Path folder = dir.resolve("m");
        ModelFiles.save(model, folder);
        byte[] bytes = Files.readAllBytes(folder.resolve("parameters.bin"));
        bytes[0] ^= 1;
        Files.write(folder.resolve("parameters.bin"), bytes);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(folder));
        assertTrue(e.getMessage().contains("parameters.bin does not match the SHA-256"), e.getMessage());
        Files.write(folder.resolve("parameters.bin"), new byte[7]);
        e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(folder));
        assertTrue(e.getMessage().contains("holds 1 floats but"), e.getMessage());
    }
}
