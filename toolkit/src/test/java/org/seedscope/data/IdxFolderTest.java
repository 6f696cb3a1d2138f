package org.seedscope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Datasets#idx(Path)} on folders the tests write: 3 x 2 images, labels 0..2. */
class IdxFolderTest {

    @TempDir
    Path root;

    /** An IDX file: big-endian header ints, then bytes; gzipped when the name ends in .gz. */
    private static void write(Path file, int[] header, byte[] body) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * header.length + body.length);
        for (int h : header) {
            b.putInt(h);
        }
        b.put(body);
        try (OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(Files.newOutputStream(file))
                : Files.newOutputStream(file)) {
            out.write(b.array());
        }
    }

    /**
     * A folder with 4 training and 2 test images of 3 rows x 2 columns; pixel j of image i is
     * 10 i + j; training labels 0, 1, 2, 1 and test labels {@code testLabels}. The training files
     * are gzipped, the test files plain.
     */
    private Path folder(String name, byte... testLabels) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        write(dir.resolve("train-images-idx3-ubyte.gz"), new int[] {2051, 4, 3, 2}, pixels(4));
        write(dir.resolve("train-labels-idx1-ubyte.gz"), new int[] {2049, 4}, new byte[] {0, 1, 2, 1});
        write(dir.resolve("t10k-images-idx3-ubyte"), new int[] {2051, testLabels.length, 3, 2},
                pixels(testLabels.length));
        write(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {2049, testLabels.length}, testLabels);
        return dir;
    }

    private static byte[] pixels(int images) {
        byte[] p = new byte[images * 6];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (10 * (i / 6) + i % 6);
        }
        return p;
    }

    @Test
    void readsAFolderOfPlainAndGzippedFiles() throws IOException {
        Path dir = folder("my-mnist", (byte) 2, (byte) 0);
        Dataset d = Datasets.idx(dir);
        assertEquals("my-mnist", d.name());
        assertArrayEquals(new int[] {1, 3, 2}, d.shape(), "[1, rows, columns] from the IDX header");
        assertEquals(List.of("0", "1", "2"), d.classNames(), "0 .. largest label");
        assertArrayEquals(new int[] {0, 1, 2, 1}, d.train().y());
        assertArrayEquals(new int[] {2, 0}, d.test().y());
        // image 1, pixel (row 2, column 1) = byte 10 + 5 = 15
        assertEquals(15f / 255f, d.train().x()[6 + 2 * 2 + 1]);
        assertEquals(Optional.empty(), d.hierarchy());
        assertEquals(dir.toString(), d.provenance().source());
        assertEquals("pixel/255; shape 1x3x2", d.provenance().preprocessing());
    }

    @Test
    void classNamesComeFromClassesTxtAndBoundTheLabels() throws IOException {
        Path dir = folder("named", (byte) 0, (byte) 1);
        Files.writeString(dir.resolve("classes.txt"), "cat\n dog \nbird\nfish\n\n");
        Dataset d = Datasets.idx(dir);
        assertEquals(List.of("cat", "dog", "bird", "fish"), d.classNames(), "trimmed, trailing blank lines ignored");
        assertEquals(4, d.classes(), "a class without examples still counts");

        Files.writeString(dir.resolve("classes.txt"), "cat\ndog\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.idx(dir));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte.gz") && e.getMessage().contains("label 2")
                && e.getMessage().contains("[0, 2)"), e.getMessage());

        Files.writeString(dir.resolve("classes.txt"), "cat\n\ndog\nbird\n");
        var gap = assertThrows(IllegalArgumentException.class, () -> Datasets.idx(dir));
        assertTrue(gap.getMessage().contains("classes.txt: line 2 is blank"), gap.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte"})
    void aMissingFileFailsNamingTheFolderAndTheFile(String file) throws IOException {
        Path dir = folder("incomplete", (byte) 0);
        Files.delete(dir.resolve(file));
        var e = assertThrows(UncheckedIOException.class, () -> Datasets.idx(dir));
        String base = file.replace(".gz", "");
        assertTrue(e.getMessage().contains("IDX folder " + dir + " lacks [" + base + "]"), e.getMessage());
        assertTrue(e.getMessage().contains(".gz appended"), "the message states the naming rule: " + e.getMessage());
    }

    @Test
    void everyMissingFileIsNamedAndFashionMnistFullDoesNotFallBack() throws IOException {
        Path dir = Files.createDirectories(root.resolve("fashion-mnist"));
        Files.createFile(dir.resolve("train-labels-idx1-ubyte"));
        String missing = "[train-images-idx3-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte]";
        var e = assertThrows(UncheckedIOException.class, () -> Datasets.idx(dir));
        assertTrue(e.getMessage().contains(dir + " lacks " + missing), e.getMessage());
        var full = assertThrows(UncheckedIOException.class, () -> Datasets.fashionMnistFull(dir));
        assertTrue(full.getMessage().contains(dir + " lacks " + missing), full.getMessage());
        var absent = assertThrows(UncheckedIOException.class, () -> Datasets.idx(root.resolve("nowhere")));
        assertTrue(absent.getMessage().contains(root.resolve("nowhere") + " does not exist"), absent.getMessage());
    }

    @Test
    void aFileInBothFormsIsAmbiguous() throws IOException {
        Path dir = folder("both", (byte) 0);
        Files.copy(dir.resolve("t10k-labels-idx1-ubyte"), dir.resolve("t10k-labels-idx1-ubyte.gz"));
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.idx(dir));
        assertTrue(e.getMessage().contains("both t10k-labels-idx1-ubyte and t10k-labels-idx1-ubyte.gz"),
                e.getMessage());
    }

    @Test
    void aFolderWhoseLabelsAreAllZeroNeedsClassNames() throws IOException {
        Path dir = Files.createDirectories(root.resolve("zeros"));
        write(dir.resolve("train-images-idx3-ubyte"), new int[] {2051, 1, 1, 1}, new byte[1]);
        write(dir.resolve("train-labels-idx1-ubyte"), new int[] {2049, 1}, new byte[1]);
        write(dir.resolve("t10k-images-idx3-ubyte"), new int[] {2051, 0, 1, 1}, new byte[0]);
        write(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {2049, 0}, new byte[0]);
        var e = assertThrows(IllegalArgumentException.class, () -> Datasets.idx(dir));
        assertTrue(e.getMessage().contains("every label is 0") && e.getMessage().contains("classes.txt"),
                e.getMessage());
        Files.writeString(dir.resolve("classes.txt"), "no\nyes\n");
        Dataset d = Datasets.idx(dir);
        assertEquals(List.of("no", "yes"), d.classNames());
        assertEquals(0, d.test().size(), "an empty test set is allowed");
    }

    @Test
    void subsetsAndSplitsOfAnIdxFolderKeepItsShape() throws IOException {
        Dataset d = Datasets.idx(folder("split", (byte) 2, (byte) 1));
        Split s = ForgetSpec.fullClass("1").split(d);
        assertArrayEquals(new int[] {1, 3, 2}, s.forgetTrain().shape());
        assertArrayEquals(new int[] {1, 3, 2}, s.retainTrain().concat(s.forgetTrain()).shape());
        assertArrayEquals(new int[] {1, 3, 2}, d.subset(3, 0).shape());
    }
}
