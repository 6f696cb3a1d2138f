package org.seedscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    private static int[] counts(Examples e) {
        int[] c = new int[e.classes()];
        for (int label : e.y()) {
            c[label]++;
        }
        return c;
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }

    @Test
    void shippedFashionMnistSubsetIsClassBalanced() {
        Dataset d = Datasets.fashionMnist();
        assertEquals("fashion-mnist-subset: 12000 train / 2000 test, 784 features (1x28x28), 10 classes", d.toString());
        // counts from datasets/fashion-mnist-subset/README.md (1,200 / 200 per class)
        assertArrayEquals(filled(10, 1200), counts(d.train()));
        assertArrayEquals(filled(10, 200), counts(d.test()));
        assertEquals(Datasets.FASHION_MNIST_CLASSES, d.classNames());
        assertEquals(Optional.of(ClassHierarchy.fashionMnist()), d.hierarchy());
        assertEquals("pixel/255; shape 1x28x28", d.provenance().preprocessing());
        assertArrayEquals(new int[] {1, 28, 28}, d.shape());
        float max = 0;
        for (float v : d.train().x()) {
            assertTrue(v >= 0 && v <= 1, "pixel/255 is in [0, 1]");
            max = Math.max(max, v);
        }
        assertEquals(1f, max, "some pixel is 255");
    }

    @Test
    void digitsHas1797RowsOf64FeaturesIn10Classes() {
        Dataset d = Datasets.digits();
        // sklearn digits.rst: 1,797 instances, 64 attributes, 10 classes
        assertEquals(1797, d.train().size() + d.test().size());
        assertEquals(64, d.features());
        assertArrayEquals(new int[] {1, 8, 8}, d.shape());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), d.classNames());
        // hold-out rule, per-class counts of digits.csv (178,182,177,183,181,182,181,179,174,180):
        // sum of floor(n_c / 5) = 35+36+35+36+36+36+36+35+34+36 = 355
        assertEquals(355, d.test().size());
        assertEquals("pixel/16; shape 1x8x8", d.provenance().preprocessing());
        float max = 0;
        for (float v : d.train().x()) {
            max = Math.max(max, v);
        }
        assertEquals(1f, max, "pixel maximum 16 maps to 1");
        // first row of digits.csv starts 0,0,5,13,... with label 0
        assertEquals(5f / 16f, d.train().x()[2]);
        assertEquals(13f / 16f, d.train().x()[3]);
        assertEquals(0, d.train().y()[0]);
    }

    @Test
    void hashIsStableAndFollowsTheDocumentedLayout() {
        assertEquals(Datasets.digits().provenance().sha256(), Datasets.digits().provenance().sha256());
        Examples train = new Examples(new float[] {0.5f, 1f}, new int[] {1}, 2, 2);
        Examples empty = new Examples(new float[0], new int[0], 2, 2);
        // reference: Python hashlib.sha256 over struct.pack('>iii',1,2,2)+pack('>ii',1,2)
        // +pack('>ff',0.5,1.0)+pack('>i',1)+pack('>iii',0,2,2)+pack('>ii',1,2)
        assertEquals("a55f14085961343e2a55df91a0299afbe27d2872ba4ef11c7eccd58c2e3b3a81",
                DataProvenance.sha256(train, empty));
        // reference: numpy float32(pixel)/float32(255) over the shipped IDX files, same layout
        // (command in datasets/fashion-mnist-subset/README.md)
        assertEquals("15b50c9faefa34c4dc479847a37899a2104436bfb0e96631eb939cd9a4968900",
                Datasets.fashionMnist().provenance().sha256());
        Examples relabelled = train.relabel(new int[] {0}, 2);
        assertNotEquals(DataProvenance.sha256(train, empty), DataProvenance.sha256(relabelled, empty));
    }

    @Test
    void subsetTakesTheFirstExamplesOfEachClassInOrder() {
        Dataset full = Datasets.fashionMnist();
        Dataset sub = full.subset(1000, 50);
        assertEquals("fashion-mnist-subset[1000/50]", sub.name());
        assertArrayEquals(filled(10, 100), counts(sub.train()));
        assertArrayEquals(filled(10, 5), counts(sub.test()));
        // expected rows computed independently: walk the training labels, keep the first 100 per class
        int[] seen = new int[10];
        int[] rows = new int[1000];
        int n = 0;
        for (int i = 0; i < full.train().size(); i++) {
            if (seen[full.train().y()[i]]++ < 100) {
                rows[n++] = i;
            }
        }
        assertEquals(full.train().select(rows), sub.train());
        assertEquals(DataProvenance.sha256(sub.train(), sub.test()), sub.provenance().sha256());
        assertNotEquals(full.provenance().sha256(), sub.provenance().sha256());
    }

    @Test
    void subsetSpreadsARemainderOverTheFirstClassesAndRejectsTooLargeRequests() {
        Dataset d = Datasets.digits();
        Dataset sub = d.subset(1003, 10);
        assertArrayEquals(new int[] {101, 101, 101, 100, 100, 100, 100, 100, 100, 100}, counts(sub.train()));
        var e = assertThrows(IllegalArgumentException.class, () -> d.subset(2000, 10));
        // class 0 has 178 rows, 178 - floor(178/5) = 143 in train; 2000 / 10 = 200 per class
        assertTrue(e.getMessage().contains("class '0' has 143 training examples, the request needs 200"),
                e.getMessage());
    }

    @Test
    void locatesFullFashionMnistFromSubfoldersOfTheRepository(@TempDir Path repo) throws IOException {
        Path data = repo.resolve("datasets/fashion-mnist");
        Path nested = Files.createDirectories(repo.resolve("notebooks/deep"));
        Path system = repo.resolve("system");
        var e = assertThrows(UncheckedIOException.class, () -> IdxFolder.locateFashionMnist(nested, system));
        assertTrue(e.getMessage().contains("apt-get install dataset-fashion-mnist"), e.getMessage());
        assertTrue(e.getMessage().contains("datasets/fashion-mnist/"), e.getMessage());
        List<String> names = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
        Files.createDirectories(system);
        for (String f : names) {
            Files.createFile(system.resolve(f));
        }
        assertEquals(system, IdxFolder.locateFashionMnist(nested, system), "system folder when no repository copy");
        Files.createDirectories(data);
        for (String f : names.subList(0, 3)) {
            Files.createFile(data.resolve(f));
        }
        var incomplete = assertThrows(UncheckedIOException.class, () -> IdxFolder.locateFashionMnist(nested, system),
                "a repository folder with three of four files is an error, not a fall-back to the system copy");
        assertTrue(incomplete.getMessage().contains(data.toString()), incomplete.getMessage());
        assertTrue(incomplete.getMessage().contains("[t10k-labels-idx1-ubyte]"), incomplete.getMessage());
        Files.createFile(data.resolve("t10k-labels-idx1-ubyte"));
        assertEquals(data, IdxFolder.locateFashionMnist(nested, system), "repository folder first; plain files too");
    }

    @Test
    void fullFashionMnistFromAFolderNamesEveryMissingFile(@TempDir Path dir) throws IOException {
        Files.createFile(dir.resolve("train-images-idx3-ubyte.gz"));
        Files.createFile(dir.resolve("t10k-images-idx3-ubyte"));
        var e = assertThrows(UncheckedIOException.class, () -> Datasets.fashionMnistFull(dir));
        assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("[train-labels-idx1-ubyte, t10k-labels-idx1-ubyte]"), e.getMessage());
    }

    @Test
    void fullFashionMnistWhenInstalled() {
        Assumptions.assumeTrue(Files.isDirectory(Datasets.DEBIAN_FASHION_MNIST), "dataset-fashion-mnist not installed");
        Dataset d = Datasets.fashionMnistFull(Datasets.DEBIAN_FASHION_MNIST);
        // Fashion-MNIST README: 60,000 train / 10,000 test, 6,000 / 1,000 per class
        assertEquals("fashion-mnist: 60000 train / 10000 test, 784 features (1x28x28), 10 classes", d.toString());
        assertArrayEquals(filled(10, 6000), counts(d.train()));
        assertArrayEquals(filled(10, 1000), counts(d.test()));
        // the shipped subset is its first 1,200 train / 200 test per class
        assertEquals(Datasets.fashionMnist().train(), d.subset(12_000, 2_000).train());
    }
}
