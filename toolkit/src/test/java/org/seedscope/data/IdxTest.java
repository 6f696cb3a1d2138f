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
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {

    @TempDir
    Path dir;

    /** Writes a gzipped file: the given big-endian ints, then the given bytes. */
    private Path gz(String name, int[] header, byte[] body) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * header.length + body.length);
        for (int h : header) {
            b.putInt(h);
        }
        b.put(body);
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(b.array());
        }
        return file;
    }

    /** Two 2x2 images: pixels 0, 51, 102, 255 and 255, 0, 0, 0. */
    private Path images() throws IOException {
        return gz("img.gz", new int[] {2051, 2, 2, 2}, new byte[] {0, 51, 102, (byte) 255, (byte) 255, 0, 0, 0});
    }

    private static void assertMessage(IllegalArgumentException e, Path file, String... parts) {
        assertTrue(e.getMessage().contains(file.toString()), "message names the file: " + e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message says '" + p + "': " + e.getMessage());
        }
    }

    @Test
    void readsPixelsOver255AndLabels() throws IOException {
        Examples e = Idx.read(images(), gz("lab.gz", new int[] {2049, 2}, new byte[] {1, 2}), 3);
        assertEquals(2, e.size());
        assertEquals(4, e.features());
        // hand computation: 51/255 = 0.2, 102/255 = 0.4
        assertArrayEquals(new float[] {0f, 0.2f, 0.4f, 1f, 1f, 0f, 0f, 0f}, e.x(), 1e-7f);
        assertArrayEquals(new int[] {1, 2}, e.y());
    }

    @Test
    void rejectsWrongMagicNumber() throws IOException {
        Path labelsAsImages = gz("swapped.gz", new int[] {2049, 2}, new byte[] {1, 2});
        Path labels = gz("lab.gz", new int[] {2049, 2}, new byte[] {1, 2});
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.read(labelsAsImages, labels, 3));
        assertMessage(e, labelsAsImages, "wrong magic number 2049", "2051");
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        Path shortImages = gz("short.gz", new int[] {2051, 3, 2, 2}, new byte[8]);
        Path labels = gz("lab.gz", new int[] {2049, 3}, new byte[] {0, 1, 2});
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.read(shortImages, labels, 3));
        assertMessage(e, shortImages, "truncated", "12 data bytes", "has 8");
    }

    @Test
    void rejectsTruncatedGzipStream() throws IOException {
        byte[] whole = Files.readAllBytes(images());
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 12));
        Path labels = gz("lab.gz", new int[] {2049, 2}, new byte[] {1, 2});
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.read(cut, labels, 3));
        assertMessage(e, cut, "truncated");
    }

    @Test
    void rejectsLabelOutOfRange() throws IOException {
        Path labels = gz("lab.gz", new int[] {2049, 2}, new byte[] {1, 10});
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.read(images(), labels, 10));
        assertMessage(e, labels, "label 10 of example 1", "out of range", "[0, 10)");
    }

    @Test
    void rejectsCountMismatch() throws IOException {
        Path images = images();
        Path labels = gz("lab.gz", new int[] {2049, 3}, new byte[] {1, 2, 0});
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.read(images, labels, 3));
        assertMessage(e, labels, "count mismatch", "2 images", "3 labels");
        assertTrue(e.getMessage().contains(images.toString()), e.getMessage());
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        Path labels = gz("lab.gz", new int[] {2049, 2}, new byte[] {1, 2, 0});
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.read(images(), labels, 3));
        assertMessage(e, labels, "unexpected bytes");
    }

    @Test
    void readsPlainFilesLikeGzippedOnesAndGivesImagesTheirShape() throws IOException {
        Path plainImages = dir.resolve("img");
        Files.write(plainImages, gunzip(images()));
        Path labels = gz("lab.gz", new int[] {2049, 2}, new byte[] {1, 2});
        Path plainLabels = dir.resolve("lab");
        Files.write(plainLabels, gunzip(labels));
        Examples fromGzip = Idx.read(images(), labels, 3);
        assertEquals(fromGzip, Idx.read(plainImages, plainLabels, 3));
        assertArrayEquals(new int[] {1, 2, 2}, fromGzip.shape(), "[1, rows, columns]");
    }

    @Test
    void rejectsAFileThatIsNeitherIdxNorGzip() throws IOException {
        Path text = dir.resolve("labels.txt");
        Files.writeString(text, "1\n2\n");
        var e = assertThrows(IllegalArgumentException.class, () -> Idx.read(images(), text, 3));
        assertMessage(e, text, "wrong magic number", "2049");
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (var in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    @Test
    void missingFileIsAnIoErrorNamingIt() throws IOException {
        Path missing = dir.resolve("nope.gz");
        var e = assertThrows(UncheckedIOException.class, () -> Idx.read(images(), missing, 3));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
