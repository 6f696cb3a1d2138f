package org.seedscope.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Readers for the binary distributions of CIFAR-10 and CIFAR-100 (A. Krizhevsky, "Learning
 * Multiple Layers of Features from Tiny Images", 2009; file layout as described on the CIFAR
 * page, "Binary version").
 *
 * <p>A record is its label byte(s) — CIFAR-10: one label; CIFAR-100: coarse label, then fine
 * label — followed by 3,072 pixel bytes: the 1,024 red values of the 32x32 image row by row,
 * then the green, then the blue ones. That is exactly C, H, W order, so a record's pixels / 255
 * are its row of shape {@code [3, 32, 32]}, in file order.
 */
final class Cifar {

    /** The shape of one CIFAR image: 3 channels (R, G, B) of 32 x 32 pixels. */
    private static final int[] SHAPE = {3, 32, 32};
    private static final int PIXELS = 3 * 32 * 32;

    private static final List<String> CIFAR10_TRAIN = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    private static final String CIFAR10_TEST = "test_batch.bin";
    private static final String CIFAR10_NAMES = "batches.meta.txt";
    private static final String CIFAR100_TRAIN = "train.bin";
    private static final String CIFAR100_TEST = "test.bin";
    private static final String CIFAR100_COARSE = "coarse_label_names.txt";
    private static final String CIFAR100_FINE = "fine_label_names.txt";

    private Cifar() {
    }

    /** CIFAR-10 from a {@code cifar-10-batches-bin} folder: 10 classes named by batches.meta.txt. */
    static Dataset cifar10(Path folder) {
        List<String> files = new ArrayList<>(CIFAR10_TRAIN);
        files.add(CIFAR10_TEST);
        files.add(CIFAR10_NAMES);
        Path dir = complete(folder, "CIFAR-10", files, "cifar-10-batches-bin");
        List<String> names = DataFiles.classNames(dir.resolve(CIFAR10_NAMES), 10);
        List<LabelByte> labels = List.of(new LabelByte("label", CIFAR10_NAMES, 10));
        Records train = Records.read(dir, CIFAR10_TRAIN, labels);
        Records test = Records.read(dir, List.of(CIFAR10_TEST), labels);
        return dataset("cifar-10", dir, names, Optional.empty(), train.examples(0, 10), test.examples(0, 10),
                "original train/test files (data_batch_1..5.bin / test_batch.bin)");
    }

    /**
     * CIFAR-100 from a {@code cifar-100-binary} folder: either the 100 fine classes with the
     * hierarchy of the 20 superclasses observed in the records, or ({@code coarse}) the 20
     * superclasses as the classes (CIFAR-20).
     */
    static Dataset cifar100(Path folder, boolean coarse) {
        Path dir = complete(folder, "CIFAR-100", List.of(CIFAR100_TRAIN, CIFAR100_TEST, CIFAR100_COARSE,
                CIFAR100_FINE), "cifar-100-binary");
        List<String> coarseNames = DataFiles.classNames(dir.resolve(CIFAR100_COARSE), 20);
        List<String> fineNames = DataFiles.classNames(dir.resolve(CIFAR100_FINE), 100);
        List<LabelByte> labels = List.of(new LabelByte("coarse label", CIFAR100_COARSE, 20),
                new LabelByte("fine label", CIFAR100_FINE, 100));
        Records train = Records.read(dir, List.of(CIFAR100_TRAIN), labels);
        Records test = Records.read(dir, List.of(CIFAR100_TEST), labels);
        String split = "original train/test files (train.bin / test.bin)";
        if (coarse) {
            return dataset("cifar-20", dir, coarseNames, Optional.empty(), train.examples(0, 20),
                    test.examples(0, 20), split + "; labels: the 20 coarse labels (superclasses)");
        }
        return dataset("cifar-100", dir, fineNames, Optional.of(hierarchy(dir, fineNames, coarseNames, train, test)),
                train.examples(1, 100), test.examples(1, 100), split + "; labels: the 100 fine labels");
    }

    private static Path complete(Path folder, String kind, List<String> files, String subfolder) {
        Path dir = DataFiles.folder(folder, kind);
        DataFiles.requireComplete(dir, kind, DataFiles.absent(dir, files), "the files " + files
                + " of the binary distribution", subfolder);
        return dir;
    }

    private static Dataset dataset(String name, Path dir, List<String> names, Optional<ClassHierarchy> hierarchy,
            Examples train, Examples test, String split) {
        return new Dataset(name, train, test, names, hierarchy,
                DataProvenance.of(dir.toString(), "pixel/255", split, train, test));
    }

    /**
     * The fine-to-coarse map the records show; every fine class must occur, always with the
     * same coarse label, and every coarse class must have a fine class.
     */
    private static ClassHierarchy hierarchy(Path dir, List<String> fineNames, List<String> coarseNames,
            Records train, Records test) {
        int[] coarseOf = new int[fineNames.size()];
        String[] firstSeen = new String[fineNames.size()];
        for (Records r : List.of(train, test)) {
            for (int i = 0; i < r.size(); i++) {
                int c = r.labels[0][i];
                int f = r.labels[1][i];
                if (firstSeen[f] == null) {
                    coarseOf[f] = c;
                    firstSeen[f] = r.where(i);
                } else if (coarseOf[f] != c) {
                    throw new IllegalArgumentException(r.where(i) + " gives fine class '" + fineNames.get(f)
                            + "' the coarse class '" + coarseNames.get(c) + "', but " + firstSeen[f] + " gives it '"
                            + coarseNames.get(coarseOf[f]) + "'; each fine class belongs to one superclass");
                }
            }
        }
        Map<String, String> map = new HashMap<>();
        for (int f = 0; f < coarseOf.length; f++) {
            if (firstSeen[f] == null) {
                throw new IllegalArgumentException("CIFAR-100 folder " + dir + ": fine class '" + fineNames.get(f)
                        + "' (label " + f + ") has no record in " + CIFAR100_TRAIN + " or " + CIFAR100_TEST
                        + ", so its superclass is unknown");
            }
            map.put(fineNames.get(f), coarseNames.get(coarseOf[f]));
        }
        for (String c : coarseNames) {
            if (!map.containsValue(c)) {
                throw new IllegalArgumentException("CIFAR-100 folder " + dir + ": coarse class '" + c
                        + "' has no record in " + CIFAR100_TRAIN + " or " + CIFAR100_TEST);
            }
        }
        return new ClassHierarchy(fineNames, coarseNames, map);
    }

    /** One label byte of a record: its name, the file naming its classes, and their count. */
    private record LabelByte(String what, String namesFile, int classes) {
    }

    /**
     * The records of one or more files, in order: pixels / 255 and one label array per label byte.
     *
     * @param x {@code size() * 3072} features
     * @param labels {@code labels[b][i]}: label byte {@code b} of record {@code i}
     * @param files the files read, in order
     * @param ends the number of records up to and including each file
     */
    private record Records(float[] x, int[][] labels, List<Path> files, long[] ends) {

        static Records read(Path dir, List<String> names, List<LabelByte> labelBytes) {
            int recordBytes = labelBytes.size() + PIXELS;
            List<Path> files = names.stream().map(dir::resolve).toList();
            long[] ends = new long[files.size()];
            long total = 0;
            for (int k = 0; k < files.size(); k++) {
                total += recordCount(files.get(k), recordBytes, labelBytes.size());
                ends[k] = total;
            }
            if (total * PIXELS > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(files + ": " + total + " records are more than one array holds");
            }
            float[] x = new float[(int) total * PIXELS];
            int[][] labels = new int[labelBytes.size()][(int) total];
            byte[] record = new byte[recordBytes];
            int row = 0;
            for (int k = 0; k < files.size(); k++) {
                Path file = files.get(k);
                long count = ends[k] - (k == 0 ? 0 : ends[k - 1]);
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    for (long r = 0; r < count; r++, row++) {
                        if (in.readNBytes(record, 0, recordBytes) < recordBytes) {
                            throw new IllegalArgumentException(file + ": truncated record " + r
                                    + " (the file shrank while it was read)");
                        }
                        for (int b = 0; b < labelBytes.size(); b++) {
                            labels[b][row] = label(record[b] & 0xFF, labelBytes.get(b), file, r);
                        }
                        for (int p = 0; p < PIXELS; p++) {
                            x[row * PIXELS + p] = (record[labelBytes.size() + p] & 0xFF) / 255f;
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
                }
            }
            return new Records(x, labels, files, ends);
        }

        int size() {
            return labels[0].length;
        }

        /** {@code <file>: record <r>} for a row, counting records from 0 within their file. */
        String where(int row) {
            int k = 0;
            while (row >= ends[k]) {
                k++;
            }
            return files.get(k) + ": record " + (row - (k == 0 ? 0 : ends[k - 1]));
        }

        /** The examples labelled by label byte {@code b}, with {@code classes} classes. */
        Examples examples(int b, int classes) {
            return new Examples(x, labels[b].clone(), SHAPE, classes);
        }

        private static long recordCount(Path file, int recordBytes, int labelCount) {
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
            String layout = recordBytes + "-byte records (" + labelCount + " label byte" + (labelCount == 1 ? "" : "s")
                    + " + " + PIXELS + " pixel bytes)";
            if (size == 0) {
                throw new IllegalArgumentException(file + ": the file is empty; it should hold " + layout);
            }
            if (size % recordBytes != 0) {
                throw new IllegalArgumentException(file + ": wrong size " + size + " bytes, not a whole number of "
                        + layout + ": " + size / recordBytes + " records and a truncated one of " + size % recordBytes
                        + " bytes");
            }
            return size / recordBytes;
        }

        private static int label(int value, LabelByte kind, Path file, long record) {
            if (value >= kind.classes()) {
                throw new IllegalArgumentException(file + ": record " + record + " has " + kind.what() + " " + value
                        + ", out of range; labels must be in [0, " + kind.classes() + ") as " + kind.namesFile()
                        + " names " + kind.classes() + " classes");
            }
            return value;
        }
    }
}
