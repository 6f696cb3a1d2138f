package org.seedscope.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reader for IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed.
 *
 * <p>Format (big-endian): a 4-byte magic number, one 4-byte size per dimension, then unsigned
 * bytes. Image files have magic 2051 ({@code 0x00000803}: unsigned bytes, 3 dimensions
 * count x rows x columns); label files have magic 2049 ({@code 0x00000801}: 1 dimension).
 * Source: Y. LeCun et al., "THE MNIST DATABASE of handwritten digits", file format section.
 * A file starting with the gzip magic bytes {@code 1f 8b} is decompressed first (an IDX file
 * starts with two zero bytes, so the two cannot be confused), whatever its name.
 */
public final class Idx {

    /** Magic number of an unsigned-byte, 3-dimensional IDX file (images). */
    public static final int IMAGES_MAGIC = 2051;
    /** Magic number of an unsigned-byte, 1-dimensional IDX file (labels). */
    public static final int LABELS_MAGIC = 2049;

    private static final int BUFFER = 1 << 16;

    private Idx() {
    }

    /**
     * Reads an image file and its label file into examples.
     *
     * <p>Each image becomes one row of {@code rows * columns} features of shape
     * {@code [1, rows, columns]}, pixel value / 255 (so in [0, 1]), in the file's row-major pixel
     * order. Content problems — a damaged gzip stream, wrong magic number, truncated data,
     * trailing bytes, a label {@code >= classes}, or different image and label counts — raise an
     * IllegalArgumentException naming the file and the problem; a missing or unreadable file
     * raises an UncheckedIOException.
     *
     * @param images IDX image file (magic 2051), plain or gzipped
     * @param labels IDX label file (magic 2049), plain or gzipped
     * @param classes number of classes; every label must be in {@code [0, classes)}
     * @return the examples, in file order
     */
    public static Examples read(Path images, Path labels, int classes) {
        return read(DataSource.of(images), DataSource.of(labels), classes);
    }

    static Examples read(DataSource images, DataSource labels, int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be at least 2, got " + classes);
        }
        Parsed img = parse(images, IMAGES_MAGIC, 3);
        int[] y = labels(labels);
        if (img.dims[0] != y.length) {
            throw new IllegalArgumentException("count mismatch: images file " + images.name() + " has "
                    + img.dims[0] + " images but labels file " + labels.name() + " has " + y.length + " labels");
        }
        for (int i = 0; i < y.length; i++) {
            if (y[i] >= classes) {
                throw new IllegalArgumentException(labels.name() + ": label " + y[i] + " of example " + i
                        + " is out of range; labels must be in [0, " + classes + ")");
            }
        }
        float[] x = new float[img.data.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (img.data[i] & 0xFF) / 255f;
        }
        return new Examples(x, y, new int[] {1, img.dims[1], img.dims[2]}, classes);
    }

    /** The labels of an IDX label file, each in [0, 255], not range-checked. */
    static int[] labels(DataSource labels) {
        byte[] data = parse(labels, LABELS_MAGIC, 1).data;
        int[] y = new int[data.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = data[i] & 0xFF;
        }
        return y;
    }

    /** Dimension sizes and raw bytes of one IDX file. */
    private record Parsed(int[] dims, byte[] data) {
    }

    private static Parsed parse(DataSource source, int magic, int dimensions) {
        String kind = magic == IMAGES_MAGIC ? "image" : "label";
        try (InputStream raw = source.open(); DataInputStream in = new DataInputStream(decompressed(raw))) {
            int found = readHeaderInt(in, source);
            if (found != magic) {
                throw new IllegalArgumentException(source.name() + ": wrong magic number " + found
                        + String.format(" (0x%08X)", found) + "; an IDX " + kind + " file starts with " + magic
                        + String.format(" (0x%08X)", magic));
            }
            int[] dims = new int[dimensions];
            long total = 1;
            for (int d = 0; d < dimensions; d++) {
                dims[d] = readHeaderInt(in, source);
                if (dims[d] < (d == 0 ? 0 : 1)) {
                    throw new IllegalArgumentException(source.name() + ": dimension " + d + " has size "
                            + dims[d] + " in the header");
                }
                total *= dims[d];
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(source.name() + ": header promises " + total
                        + " bytes, more than one array can hold");
            }
            byte[] data = new byte[(int) total];
            int read = in.readNBytes(data, 0, data.length);
            if (read < data.length) {
                throw new IllegalArgumentException(source.name() + ": truncated file: header promises "
                        + total + " data bytes, file has " + read);
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException(source.name() + ": unexpected bytes after the "
                        + total + " data bytes the header promises");
            }
            return new Parsed(dims, data);
        } catch (ZipException e) {
            throw new IllegalArgumentException(source.name() + ": damaged gzip stream (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new IllegalArgumentException(source.name() + ": truncated file: the gzip stream ends early", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.name() + ": " + e.getMessage(), e);
        }
    }

    /** The stream itself, or its gzip decompression when it starts with the gzip magic 1f 8b. */
    private static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip ? new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER) : in;
    }

    private static int readHeaderInt(DataInputStream in, DataSource source) throws IOException {
        byte[] b = in.readNBytes(4);
        if (b.length < 4) {
            throw new IllegalArgumentException(source.name() + ": truncated file: it ends inside the IDX header");
        }
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }
}
