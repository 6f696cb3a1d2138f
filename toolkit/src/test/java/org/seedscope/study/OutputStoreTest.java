package org.seedscope.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.data.Examples;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Engine;
import org.seedscope.engine.Model;
import org.seedscope.engine.Parameters;
import org.seedscope.engine.Predictions;
import org.seedscope.study.OutputStore.Role;

class OutputStoreTest {
    @TempDir
    Path dir;

    private static ExampleOutputs outputs(long seed, int forget, int test) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] fi = random.ints(forget, 0, 1000).toArray();
        int[] ti = random.ints(test, 0, 1000).toArray();
        float[] f = new float[forget];
        float[] t = new float[test];
        for (int i = 0; i < forget; i++) {
            f[i] = (float) (10 * random.nextDouble() - 5);
        }
        for (int i = 0; i < test; i++) {
            t[i] = (float) (10 * random.nextDouble() - 5);
        }
        return new ExampleOutputs(fi, f, ti, t);
    }

    private long size() throws IOException {
        return Files.size(dir.resolve(OutputStore.FILE));
    }

    @Test
    void recordsSurviveReopeningAndAppendsGoOnAfterThem() {
        ExampleOutputs a = outputs(1, 30, 20);
        ExampleOutputs b = outputs(2, 30, 20);
        ExampleOutputs c = outputs(3, 30, 0);
        try (OutputStore store = OutputStore.open(dir)) {
            store.append("grid|full:Shirt|ssd|1|1|1", Role.METHOD, a);
            store.append("grid|full:Shirt|ssd|1|1|1", Role.RETRAIN, b);
        }
        try (OutputStore store = OutputStore.open(dir)) {
            store.append("grid|full:Shirt|ssd|2|2|2", Role.METHOD, c);
        }
        StoredOutputs read = StoredOutputs.read(dir);
        assertEquals(a, read.get("grid|full:Shirt|ssd|1|1|1", Role.METHOD));
        assertEquals(b, read.get("grid|full:Shirt|ssd|1|1|1", Role.RETRAIN));
        assertEquals(c, read.get("grid|full:Shirt|ssd|2|2|2", Role.METHOD));
        assertNull(read.get("grid|full:Shirt|ssd|2|2|2", Role.RETRAIN), "never stored");
        assertEquals(List.of("grid|full:Shirt|ssd|1|1|1", "grid|full:Shirt|ssd|2|2|2"), List.copyOf(read.keys()));
        assertEquals(3, read.records());
        assertEquals(0, read.corruptRecords());
    }

    @Test
    void aTornTailIsCutOnOpenAndTheNextRecordIsReadable() throws IOException {
        try (OutputStore store = OutputStore.open(dir)) {
            store.append("k1", Role.METHOD, outputs(1, 10, 5));
        }
        long intact = size();
        // the first 37 bytes of another record, as a process killed mid-write would leave them
        Path other = dir.resolve("other");
        try (OutputStore store = OutputStore.open(other)) {
            store.append("k2", Role.RETRAIN, outputs(2, 10, 5));
        }
        byte[] record = Files.readAllBytes(other.resolve(OutputStore.FILE));
        Files.write(dir.resolve(OutputStore.FILE), Arrays.copyOfRange(record, OutputStore.HEADER_BYTES,
                OutputStore.HEADER_BYTES + 37), StandardOpenOption.APPEND);
        assertEquals(1, StoredOutputs.read(dir).records(), "readers ignore the torn tail");
        assertEquals(0, StoredOutputs.read(dir).corruptRecords(), "a torn tail is not a corrupt record");
        try (OutputStore store = OutputStore.open(dir)) {
            assertEquals(intact, size(), "open cut the torn tail");
            store.append("k3", Role.METHOD, outputs(3, 10, 5));
        }
        StoredOutputs read = StoredOutputs.read(dir);
        assertEquals(Set.of("k1", "k3"), read.keys());
        assertEquals(outputs(3, 10, 5), read.get("k3", Role.METHOD));
    }

    @Test
    void aTornHeaderIsRewritten() throws IOException {
        Files.write(dir.resolve(OutputStore.FILE), new byte[] {0x53, 0x53});
        try (OutputStore store = OutputStore.open(dir)) {
            store.append("k", Role.METHOD, outputs(4, 3, 3));
        }
        assertEquals(outputs(4, 3, 3), StoredOutputs.read(dir).get("k", Role.METHOD));
    }

    @Test
    void theLastRecordPerKeyAndRoleWins() {
        try (OutputStore store = OutputStore.open(dir)) {
            store.append("k", Role.METHOD, outputs(1, 4, 2));
            store.append("k", Role.RETRAIN, outputs(2, 4, 2));
            store.append("k", Role.METHOD, outputs(3, 4, 2));
        }
        StoredOutputs read = StoredOutputs.read(dir);
        assertEquals(outputs(3, 4, 2), read.get("k", Role.METHOD), "the rerun's copy");
        assertEquals(outputs(2, 4, 2), read.get("k", Role.RETRAIN));
        assertEquals(3, read.records());
    }

    @Test
    void aCorruptRecordIsSkippedAndTheRecordsAroundItAreKept() throws IOException {
        try (OutputStore store = OutputStore.open(dir)) {
            store.append("a", Role.METHOD, outputs(1, 8, 4));
            store.append("b", Role.METHOD, outputs(2, 8, 4));
            store.append("b", Role.METHOD, outputs(3, 8, 4));
            store.append("c", Role.METHOD, outputs(4, 8, 4));
        }
        byte[] bytes = Files.readAllBytes(dir.resolve(OutputStore.FILE));
        int recordBytes = (bytes.length - OutputStore.HEADER_BYTES) / 4;
        // flip one bit inside the payload of the third record (the second copy of "b")
        bytes[OutputStore.HEADER_BYTES + 2 * recordBytes + 40] ^= 0x10;
        Files.write(dir.resolve(OutputStore.FILE), bytes);
        StoredOutputs read = StoredOutputs.read(dir);
        assertEquals(1, read.corruptRecords());
        assertEquals(3, read.records());
        assertEquals(outputs(1, 8, 4), read.get("a", Role.METHOD));
        assertEquals(outputs(2, 8, 4), read.get("b", Role.METHOD), "the corrupt copy is skipped, the older one stays");
        assertEquals(outputs(4, 8, 4), read.get("c", Role.METHOD), "records after the corrupt one are kept");
        long before = size();
        try (OutputStore store = OutputStore.open(dir)) {
            assertEquals(before, size(), "a corrupt record in the middle is not a torn tail: nothing is cut");
        }
    }

    @Test
    void aFileOfAnotherKindIsRefusedAndAMissingOneIsNamed() throws IOException {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> StoredOutputs.read(dir));
        assertTrue(missing.getMessage().contains(OutputStore.FILE) && missing.getMessage().contains("without storing"),
                missing.getMessage());
        Files.writeString(dir.resolve(OutputStore.FILE), "{\"key\": 1}\n");
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> OutputStore.open(dir));
        assertTrue(wrong.getMessage().contains("not a SeedScope outputs file"), wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StoredOutputs.read(dir));
    }

    /** Hand computation: phi = ln(p_y / (1 - p_y)) with p the softmax of the logits. */
    @Test
    void confidenceIsTheLogOddsOfTheTrueClassAndStaysFiniteAtExtremes() {
        Predictions p = new Predictions(new float[] {1, 2, 0.5f, 1000, 0, 0, -1000, 0, 0}, new float[9], new float[0],
                3, 3, 0);
        double[] phi = ExampleOutputs.confidences(p, new int[] {1, 0, 0});
        double e1 = Math.exp(1);
        double e2 = Math.exp(2);
        double e05 = Math.exp(0.5);
        double py = e2 / (e1 + e2 + e05);
        assertEquals(Math.log(py / (1 - py)), phi[0], 1e-12);
        assertEquals(1000 - Math.log(2), phi[1], 1e-9, "p_y rounds to 1 in double, yet phi is exact");
        assertEquals(-1000 - Math.log(2), phi[2], 1e-9, "p_y underflows to 0, yet phi is exact");
        assertThrows(IllegalArgumentException.class, () -> ExampleOutputs.confidences(p, new int[] {0, 3, 0}));
    }

    @Test
    void outputsOfAModelAreItsConfidencesThroughTheEngine() {
        Model model = new Model(new Architecture(2, List.of(), 2), Parameters.of(new float[] {3, -1, 0, 2, 0.5f, 0}),
                Map.of());
        Examples forget = new Examples(new float[] {1, 0, 0, 1, 0.5f, 0.5f}, new int[] {0, 1, 1}, 2, 2);
        Examples test = new Examples(new float[] {0, 0}, new int[] {0}, 2, 2);
        try (Engine engine = Engine.cpu()) {
            ExampleOutputs out = ExampleOutputs.of(engine, model, forget, new int[] {7, 8, 9}, test, new int[] {4});
            double[] expected = ExampleOutputs.confidences(engine.predict(model, forget.x(), 3), forget.y());
            for (int i = 0; i < 3; i++) {
                assertEquals((float) expected[i], out.forget()[i], 0);
            }
            // logits of x = (1, 0): W^T x + b with W = [[3, -1], [0, 2]], b = (0.5, 0): z = (3.5, -1), y = 0
            assertEquals(4.5, out.forget()[0], 1e-6, "two classes: phi = z_y - z_other");
            assertArrayEquals(new int[] {7, 8, 9}, out.forgetIds());
            assertEquals(0.5, out.test()[0], 1e-6, "x = 0: z = b = (0.5, 0)");
        }
    }

    @Test
    void theTestSampleIsFixedByItsSeedDistinctAndSorted() {
        int[] s = ExampleOutputs.testSample(100, 30, 9);
        assertArrayEquals(s, ExampleOutputs.testSample(100, 30, 9), "seed 9");
        assertEquals(30, Arrays.stream(s).distinct().count());
        assertTrue(Arrays.stream(s).allMatch(i -> i >= 0 && i < 100));
        int[] sorted = s.clone();
        Arrays.sort(sorted);
        assertArrayEquals(sorted, s);
        assertTrue(!Arrays.equals(s, ExampleOutputs.testSample(100, 30, 10)), "another seed, another sample");
        assertEquals(5, ExampleOutputs.testSample(5, 30, 9).length, "capped at the test size");
    }
}
