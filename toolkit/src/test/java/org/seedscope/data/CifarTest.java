package org.seedscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CIFAR loaders on small folders written by {@link CifarFolders}. */
class CifarTest {

    private static final int[] SHAPE = {3, 32, 32};

    @TempDir
    Path root;

    private static void assertMessage(RuntimeException e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message says '" + p + "': " + e.getMessage());
        }
    }

    /** Row {@code row} of {@code e} equals the generator's pixels of record {@code record}, / 255. */
    private static void assertPixels(Examples e, int row, int record) {
        float[] expected = new float[CifarFolders.PIXELS];
        for (int p = 0; p < expected.length; p++) {
            expected[p] = CifarFolders.pixel(record, p) / 255f;
        }
        assertArrayEquals(expected, Arrays.copyOfRange(e.x(), row * 3072, (row + 1) * 3072), "row " + row);
    }

    @Test
    void cifar10ReadsTheFiveBatchesInOrderAndTheTestBatch() throws IOException {
        Dataset d = Datasets.cifar10(CifarFolders.cifar10(root, 3, 4));
        assertEquals("cifar-10: 15 train / 4 test, 3072 features (3x32x32), 10 classes", d.toString());
        assertArrayEquals(SHAPE, d.shape());
        assertEquals(CifarFolders.CIFAR10_NAMES, d.classNames(), "batches.meta.txt, trailing blank lines ignored");
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4}, d.train().y());
        assertArrayEquals(new int[] {0, 1, 2, 3}, d.test().y());
        for (int r = 0; r < 15; r++) {
            assertPixels(d.train(), r, r);
        }
        assertPixels(d.test(), 3, 3);
        assertEquals("pixel/255; shape 3x32x32", d.provenance().preprocessing());
        assertEquals(Optional.empty(), d.hierarchy());
    }

    @Test
    void aRecordsPixelsAreTheRedThenGreenThenBluePlanesRowByRow() throws IOException {
        Path dir = CifarFolders.cifar10(root, 1, 1);
        byte[] record = new byte[3073];
        record[0] = 7;
        record[1 + 1] = (byte) 255; // red, row 0, column 1
        record[1 + 1024 + 2 * 32 + 3] = (byte) 128; // green, row 2, column 3
        record[1 + 2048 + 31 * 32 + 30] = 51; // blue, row 31, column 30
        Files.write(dir.resolve("test_batch.bin"), record);
        Examples test = Datasets.cifar10(dir).test();
        assertEquals(7, test.y()[0]);
        // hand computation of the NCHW index c*1024 + h*32 + w and of the value byte/255
        float[] x = test.x();
        assertEquals(1f, x[1]);
        assertEquals(128f / 255f, x[1024 + 64 + 3]);
        assertEquals(0.2f, x[2048 + 992 + 30], 1e-7f);
        assertEquals(3, (int) Arrays.stream(toDoubles(x)).filter(v -> v != 0).count(), "every other pixel is 0");
    }

    private static double[] toDoubles(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    @Test
    void missingFilesAreAllNamedWithTheFolder() throws IOException {
        Path dir = CifarFolders.cifar10(root, 1, 1);
        Files.delete(dir.resolve("data_batch_3.bin"));
        Files.delete(dir.resolve("batches.meta.txt"));
        var e = assertThrows(UncheckedIOException.class, () -> Datasets.cifar10(dir));
        assertMessage(e, "CIFAR-10 folder " + dir + " lacks [data_batch_3.bin, batches.meta.txt]");

        Path cifar100 = CifarFolders.cifar100(root, 1, 1);
        Files.delete(cifar100.resolve("fine_label_names.txt"));
        var f = assertThrows(UncheckedIOException.class, () -> Datasets.cifar100(cifar100));
        assertMessage(f, "CIFAR-100 folder " + cifar100 + " lacks [fine_label_names.txt]");
        assertThrows(UncheckedIOException.class, () -> Datasets.cifar20(cifar100));
    }

    @Test
    void theParentOfTheDistributionFolderGetsAHint() throws IOException {
        CifarFolders.cifar10(root, 1, 1);
        var e = assertThrows(UncheckedIOException.class, () -> Datasets.cifar10(root));
        assertMessage(e, "lacks [data_batch_1.bin",
                "did you mean its subfolder " + root.resolve("cifar-10-batches-bin"));
        var absent = assertThrows(UncheckedIOException.class, () -> Datasets.cifar100(root.resolve("none")));
        assertMessage(absent, root.resolve("none") + " does not exist");
    }

    @Test
    void aFileThatIsNotAWholeNumberOfRecordsIsRejected() throws IOException {
        Path dir = CifarFolders.cifar10(root, 2, 1);
        Path batch = dir.resolve("data_batch_2.bin");
        Files.write(batch, new byte[100], StandardOpenOption.APPEND);
        var extra = assertThrows(IllegalArgumentException.class, () -> Datasets.cifar10(dir));
        // 2 records of 3,073 bytes + 100 = 6,246 bytes
        assertMessage(extra, batch.toString(), "wrong size 6246 bytes", "3073-byte records (1 label byte + 3072 pixel"
                + " bytes)", "2 records and a truncated one of 100 bytes");

        byte[] whole = Files.readAllBytes(dir.resolve("test_batch.bin"));
        Files.write(batch, Arrays.copyOf(whole, whole.length - 10));
        var cut = assertThrows(IllegalArgumentException.class, () -> Datasets.cifar10(dir));
        assertMessage(cut, batch.toString(), "0 records and a truncated one of 3063 bytes");

        Files.write(batch, new byte[0]);
        var empty = assertThrows(IllegalArgumentException.class, () -> Datasets.cifar10(dir));
        assertMessage(empty, batch.toString(), "the file is empty");

        Path cifar100 = CifarFolders.cifar100(root, 1, 1);
        Files.write(cifar100.resolve("test.bin"), new byte[3073 * 2]);
        var size = assertThrows(IllegalArgumentException.class, () -> Datasets.cifar100(cifar100));
        assertMessage(size, cifar100.resolve("test.bin").toString(), "3074-byte records (2 label bytes",
                "1 records and a truncated one of 3072 bytes");
    }

    @Test
    void labelsOutOfRangeNameFileAndRecord() throws IOException {
        Path dir = CifarFolders.cifar10(root, 1, 3);
        Path test = dir.resolve("test_batch.bin");
        CifarFolders.write(test, List.of(new int[] {9}, new int[] {10}, new int[] {0}), 0);
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.cifar10(dir));
        assertMessage(e, test + ": record 1 has label 10", "[0, 10)", "batches.meta.txt");

        Path cifar100 = CifarFolders.cifar100(root, 1, 1);
        Path train = cifar100.resolve("train.bin");
        CifarFolders.cifar100With(train, 100, 42, 3, 100);
        var fine = assertThrows(IllegalArgumentException.class, () -> Datasets.cifar100(cifar100));
        assertMessage(fine, train + ": record 42 has fine label 100", "[0, 100)", "fine_label_names.txt");
        CifarFolders.cifar100With(train, 100, 42, 20, 42);
        var coarse = assertThrows(IllegalArgumentException.class, () -> Datasets.cifar20(cifar100));
        assertMessage(coarse, train + ": record 42 has coarse label 20", "[0, 20)");
    }

    @Test
    void classNameFilesMustHaveTheFormatsCount() throws IOException {
        Path dir = CifarFolders.cifar10(root, 1, 1);
        Files.writeString(dir.resolve("batches.meta.txt"), String.join("\n", CifarFolders.CIFAR10_NAMES.subList(0, 9)));
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.cifar10(dir));
        assertMessage(e, dir.resolve("batches.meta.txt") + ": 9 class names", "exactly 10");

        Path cifar100 = CifarFolders.cifar100(root, 1, 1);
        List<String> repeated = new ArrayList<>(CifarFolders.COARSE);
        repeated.set(19, "fish");
        Files.write(cifar100.resolve("coarse_label_names.txt"), repeated);
        var twice = assertThrows(IllegalArgumentException.class, () -> Datasets.cifar20(cifar100));
        assertMessage(twice, "coarse_label_names.txt: class names must be distinct");
    }

    @Test
    void cifar100HasTheFineClassesAndTheSuperclassHierarchyOfItsRecords() throws IOException {
        Dataset d = Datasets.cifar100(CifarFolders.cifar100(root, 2, 1));
        assertEquals("cifar-100: 200 train / 100 test, 3072 features (3x32x32), 100 classes", d.toString());
        assertEquals(CifarFolders.FINE, d.classNames());
        ClassHierarchy h = d.hierarchy().orElseThrow();
        assertEquals(CifarFolders.COARSE, h.coarseNames());
        for (int f = 0; f < 100; f++) {
            assertEquals(CifarFolders.COARSE_OF[f], h.coarseLabel(f), CifarFolders.FINE.get(f));
        }
        // CIFAR-100's superclass table: vehicles 2 = lawn-mower, rocket, streetcar, tank, tractor
        assertEquals(List.of("lawn_mower", "rocket", "streetcar", "tank", "tractor"), h.finesOf("vehicles_2"));
        assertArrayEquals(new int[] {0, 1, 2, 99}, new int[] {d.train().y()[0], d.train().y()[1], d.train().y()[2],
            d.train().y()[199]}, "fine labels of the records");
        assertPixels(d.train(), 150, 150);
    }

    @Test
    void subClassForgettingOnCifar20TrainsOnSuperclassesAndForgetsOneFineClass() throws IOException {
        Dataset d = Datasets.cifar100(CifarFolders.cifar100(root, 2, 1));
        // the paper's forget classes and their CIFAR-100 superclasses
        Map<String, String> paper = Map.of("rocket", "vehicles_2", "mushroom", "fruit_and_vegetables", "baby",
                "people", "lamp", "household_electrical_devices", "sea", "large_natural_outdoor_scenes");
        for (var entry : paper.entrySet()) {
            Split s = ForgetSpec.subClass(entry.getKey()).split(d);
            int fine = CifarFolders.FINE.indexOf(entry.getKey());
            int coarse = CifarFolders.COARSE.indexOf(entry.getValue());
            assertEquals(CifarFolders.COARSE, s.classNames(), "training labels are the 20 superclasses");
            // train.bin holds records fine and fine + 100 of this class
            assertArrayEquals(new int[] {fine, fine + 100}, s.forgetRows());
            assertArrayEquals(new int[] {coarse, coarse}, s.forgetTrain().y(), "labelled with the superclass");
            assertPixels(s.forgetTrain(), 1, fine + 100);
            assertEquals(198, s.retainTrain().size());
            assertArrayEquals(new int[] {coarse}, s.forgetTest().y());
            assertEquals(99, s.retainTest().size());
            for (int i = 0; i < 200; i++) {
                assertEquals(CifarFolders.COARSE_OF[i % 100], s.train().y()[i], "coarse label of record " + i);
            }
            for (Examples e : List.of(s.train(), s.retainTrain(), s.forgetTrain(), s.test(), s.retainTest(),
                    s.forgetTest())) {
                assertArrayEquals(SHAPE, e.shape(), entry.getKey());
            }
        }
        Split full = ForgetSpec.fullClass("rocket").split(d);
        assertEquals(100, full.classNames().size(), "full-class forgetting keeps the 100 fine labels");
    }

    @Test
    void cifar20LabelsTheSameImagesWithTheirSuperclass() throws IOException {
        Path dir = CifarFolders.cifar100(root, 1, 1);
        Dataset coarse = Datasets.cifar20(dir);
        Dataset fine = Datasets.cifar100(dir);
        assertEquals("cifar-20: 100 train / 100 test, 3072 features (3x32x32), 20 classes", coarse.toString());
        assertEquals(CifarFolders.COARSE, coarse.classNames());
        assertArrayEquals(CifarFolders.COARSE_OF, coarse.train().y());
        assertArrayEquals(fine.train().x(), coarse.train().x());
        assertTrue(coarse.provenance().split().contains("20 coarse labels"), coarse.provenance().split());
        Split s = ForgetSpec.fullClass("vehicles_2").split(coarse);
        assertEquals(5, s.forgetTrain().size(), "lawn_mower, rocket, streetcar, tank, tractor");
    }

    @Test
    void aFineClassWithTwoSuperclassesOrNoRecordIsRejected() throws IOException {
        Path dir = CifarFolders.cifar100(root, 1, 1);
        Path test = dir.resolve("test.bin");
        CifarFolders.cifar100With(test, 100, 69, 18, 69);
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.cifar100(dir));
        assertMessage(e, test + ": record 69 gives fine class 'rocket' the coarse class 'vehicles_1'",
                dir.resolve("train.bin") + ": record 69 gives it 'vehicles_2'");

        CifarFolders.write(test, CifarFolders.cifar100Labels(1), 0);
        CifarFolders.write(dir.resolve("train.bin"), CifarFolders.cifar100Labels(99), 0);
        var none = assertThrows(IllegalArgumentException.class, () -> Datasets.cifar100(dir));
        assertMessage(none, "fine class 'worm' (label 99) has no record");
        assertEquals(99, Datasets.cifar20(dir).train().size(), "CIFAR-20 needs only the coarse labels");
    }
}
