package org.seedscope.data;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Loaders for the shipped data sets, the full Fashion-MNIST data, a user's own IDX folder or
 * CSV files, and the binary distributions of CIFAR-10 and CIFAR-100 (users bring the files).
 *
 * <p>The shipped data (the Fashion-MNIST subset and digits, from the repository's
 * {@code datasets/} folder) is packaged in the toolkit jar under {@code org/seedscope/datasets/}
 * and read from the classpath, so it loads from any working directory. Nothing is cached:
 * every call reads the data again and returns new arrays.
 */
public final class Datasets {

    /** Fashion-MNIST class names in label order 0..9 (Xiao, Rasul, Vollgraf 2017). */
    public static final List<String> FASHION_MNIST_CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress",
            "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Where Debian's {@code dataset-fashion-mnist} package puts the full data. */
    static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private Datasets() {
    }

    /**
     * The shipped class-balanced Fashion-MNIST subset: 12,000 train (the first 1,200 of each
     * class in the original training file) and 2,000 test (the first 200 of each class in the
     * original test file), 28x28 grey images of shape {@code [1, 28, 28]} (784 features =
     * pixel/255), 10 classes, with the {@link ClassHierarchy#fashionMnist()} hierarchy.
     * Derivation: datasets/fashion-mnist-subset/derive.py.
     *
     * @return the dataset named {@code fashion-mnist-subset}
     */
    public static Dataset fashionMnist() {
        List<DataSource> files = IdxFolder.FILES.stream()
                .map(f -> DataSource.shipped("fashion-mnist-subset/" + f + ".gz")).toList();
        return IdxFolder.dataset("fashion-mnist-subset", "classpath:" + DataSource.CLASSPATH_ROOT
                + "fashion-mnist-subset", files, FASHION_MNIST_CLASSES, Optional.of(ClassHierarchy.fashionMnist()),
                "original train/test files; subset: first 1200 train / 200 test per class in file order");
    }

    /**
     * The full Fashion-MNIST data (60,000 train / 10,000 test, shape {@code [1, 28, 28]},
     * pixel/255), from the first of these folders that exists: {@code datasets/fashion-mnist/}
     * in the working directory or one of its parents (so the repository root is found from
     * {@code toolkit/} or {@code notebooks/}), then {@code /usr/share/datasets/fashion-mnist}
     * (Debian package {@code dataset-fashion-mnist}). That folder must hold the four files of
     * {@link #idx(Path)}: a folder that exists but lacks one is an error, never skipped in
     * favour of the next. Needs about 220 MB of heap.
     *
     * @return the dataset named {@code fashion-mnist}
     * @throws UncheckedIOException if no folder exists, or the first one lacks files; the message
     *         names the folder and the missing files, or says how to get the data
     */
    public static Dataset fashionMnistFull() {
        return fashionMnistFull(IdxFolder.locateFashionMnist(Path.of("").toAbsolutePath(), DEBIAN_FASHION_MNIST));
    }

    /**
     * The full Fashion-MNIST data from a given folder holding the four IDX files named in
     * {@link #idx(Path)}, with the Fashion-MNIST class names and hierarchy.
     *
     * @param directory the folder
     * @return the dataset named {@code fashion-mnist}
     * @throws UncheckedIOException naming the folder and every missing file if one is missing
     */
    public static Dataset fashionMnistFull(Path directory) {
        return IdxFolder.read(directory, "fashion-mnist", Optional.of(FASHION_MNIST_CLASSES),
                Optional.of(ClassHierarchy.fashionMnist()), "original train/test files");
    }

    /**
     * A user's own folder of MNIST-style IDX files (MNIST, Fashion-MNIST, KMNIST, ...; format in
     * {@link Idx}). The folder must hold all four files {@code train-images-idx3-ubyte},
     * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and
     * {@code t10k-labels-idx1-ubyte}, each either plain or gzipped with {@code .gz} appended (not
     * both); the {@code train-} files are the training set, the {@code t10k-} files the test set.
     * Examples have shape {@code [1, rows, columns]}, pixel/255. Class names come from an
     * optional {@code classes.txt} in the folder (UTF-8, one name per line in label order;
     * trailing blank lines ignored), else they are "0", "1", ... up to the largest label of the
     * two label files ("0".."9" for MNIST). No hierarchy is attached (see
     * {@link Dataset#withHierarchy}). The dataset is named after the folder.
     *
     * @param folder the folder
     * @return the dataset
     * @throws UncheckedIOException if the folder does not exist or lacks a file: the message names
     *         the folder and every missing file; nothing else is ever read instead
     * @throws IllegalArgumentException for a damaged file (see {@link Idx#read}), a label not
     *         below the number of names in {@code classes.txt}, or a bad {@code classes.txt}
     */
    public static Dataset idx(Path folder) {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return IdxFolder.read(folder, name == null ? "idx" : name.toString(), Optional.empty(), Optional.empty(),
                "original train/test files (train-* / t10k-*)");
    }

    /**
     * CIFAR-10 from the folder {@code cifar-10-batches-bin} of its binary distribution, which
     * must hold data_batch_1.bin .. data_batch_5.bin (training set, in that order),
     * test_batch.bin (test set) and batches.meta.txt (the 10 class names, one per line). A
     * record is 1 label byte then 3,072 pixel bytes (the red, green and blue 32x32 planes, each
     * row by row); examples have shape {@code [3, 32, 32]} and features pixel/255, no
     * normalisation. Files of any whole number of records are accepted. Nothing is downloaded.
     * Needs about 750 MB of heap for the 60,000 images.
     *
     * @param folder the folder
     * @return the dataset named {@code cifar-10}
     * @throws UncheckedIOException if the folder or a file is missing (all missing files named)
     * @throws IllegalArgumentException naming the file for an empty file, a size that is not a
     *         whole number of 3,073-byte records, a label above 9 or a names file without
     *         exactly 10 names
     */
    public static Dataset cifar10(Path folder) {
        return Cifar.cifar10(folder);
    }

    /**
     * CIFAR-100 with its 100 fine classes, from the folder {@code cifar-100-binary} of its binary
     * distribution, which must hold train.bin, test.bin, coarse_label_names.txt (20 names) and
     * fine_label_names.txt (100 names). A record is the coarse label byte, the fine label byte,
     * then 3,072 pixel bytes as in {@link #cifar10(Path)}; shape {@code [3, 32, 32]}, pixel/255.
     * The hierarchy of the 20 superclasses is read from the records, so
     * {@code ForgetSpec.subClass("rocket")} trains on the 20 superclasses and forgets the fine
     * class rocket inside vehicles_2: the paper's sub-class scenario on CIFAR-20. Needs about
     * 750 MB of heap.
     *
     * @param folder the folder
     * @return the dataset named {@code cifar-100}
     * @throws UncheckedIOException if the folder or a file is missing (all missing files named)
     * @throws IllegalArgumentException naming the file for an empty file, a size that is not a
     *         whole number of 3,074-byte records, a label out of range, a names file with the
     *         wrong count, a fine class with two superclasses or a class without records
     */
    public static Dataset cifar100(Path folder) {
        return Cifar.cifar100(folder, false);
    }

    /**
     * CIFAR-20: the CIFAR-100 images of {@link #cifar100(Path)} labelled with their 20 coarse
     * classes (superclasses), named by coarse_label_names.txt; no hierarchy. For forgetting a
     * fine class inside its superclass, use {@link #cifar100(Path)} with a sub-class forget spec,
     * which trains on these same 20 labels.
     *
     * @param folder the {@code cifar-100-binary} folder
     * @return the dataset named {@code cifar-20}
     * @throws UncheckedIOException if the folder or a file is missing (all missing files named)
     * @throws IllegalArgumentException as {@link #cifar100(Path)}, except that the fine labels
     *         need not form a hierarchy
     */
    public static Dataset cifar20(Path folder) {
        return Cifar.cifar100(folder, true);
    }

    /**
     * The shipped digits data: 1,797 handwritten digits (8x8 grey images of shape
     * {@code [1, 8, 8]}, 64 features, pixel/16 so in [0, 1]), classes "0".."9", from
     * scikit-learn's copy of the UCI optical digits test set (datasets/digits/README.md). Split
     * by the hold-out rule of {@link #csv(Path, String)}: 1,442 train / 355 test.
     *
     * @return the dataset named {@code digits}
     */
    public static Dataset digits() {
        DataSource source = DataSource.shipped("digits/digits.csv");
        CsvData data = CsvData.read(source, "label");
        float[] x = data.x();
        for (int i = 0; i < x.length; i++) {
            x[i] /= 16f;
        }
        return holdOut("digits", source, data, "label", "pixel/16").withShape(1, 8, 8);
    }

    /**
     * A user's own labelled CSV file (header line required), read with Tablesaw.
     *
     * <p>The label column may hold integers or strings: the distinct values, sorted (numerically
     * when all are integers, else as strings), become the class names and classes 0, 1, ...
     * in that order. Every other column is a feature and must hold a finite number in every row;
     * values are converted to float, no other preprocessing ("none"). Test set: the last
     * floor(n_c / 5) rows of each class c (file order); the rest is the training set; both keep
     * file order. The dataset is named after the file without its {@code .csv} extension.
     *
     * @param file the CSV file
     * @param labelColumn name of the label column
     * @return the dataset
     * @throws IllegalArgumentException for an empty file, a missing label column (the message
     *         lists the columns present), a non-numeric feature (the message names the column
     *         and the first bad row) or fewer than 2 classes
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Dataset csv(Path file, String labelColumn) {
        DataSource source = DataSource.of(file);
        return holdOut(baseName(file), source, CsvData.read(source, labelColumn), labelColumn, "none");
    }

    /**
     * A user's own data as separate train and test CSV files with the same columns; labels,
     * features and errors as in {@link #csv(Path, String)}; class names come from both files.
     *
     * @param trainFile the training CSV file
     * @param testFile the test CSV file
     * @param labelColumn name of the label column
     * @return the dataset, named after the training file
     */
    public static Dataset csv(Path trainFile, Path testFile, String labelColumn) {
        DataSource trainSource = DataSource.of(trainFile);
        DataSource testSource = DataSource.of(testFile);
        CsvData train = CsvData.read(trainSource, labelColumn);
        CsvData test = CsvData.read(testSource, labelColumn);
        if (!train.featureNames().equals(test.featureNames())) {
            throw new IllegalArgumentException(testFile + ": feature columns " + test.featureNames()
                    + " differ from those of " + trainFile + ": " + train.featureNames());
        }
        List<String> names = classNames(trainSource.name() + " and " + testFile, labelColumn, train.labels(),
                test.labels());
        Examples trainSet = examples(train, names);
        Examples testSet = examples(test, names);
        return new Dataset(baseName(trainFile), trainSet, testSet, names, Optional.empty(), DataProvenance.of(
                trainSource.name() + " + " + testSource.name(), "none", "separate train and test files", trainSet,
                testSet));
    }

    private static Dataset holdOut(String name, DataSource source, CsvData data, String labelColumn,
            String preprocessing) {
        List<String> names = classNames(source.name(), labelColumn, data.labels());
        Examples all = examples(data, names);
        int[] perClass = new int[names.size()];
        for (int label : all.y()) {
            perClass[label]++;
        }
        int[] seen = new int[names.size()];
        int[] trainRows = new int[all.size()];
        int[] testRows = new int[all.size()];
        int nTrain = 0;
        int nTest = 0;
        for (int i = 0; i < all.size(); i++) {
            int c = all.y()[i];
            if (seen[c]++ < perClass[c] - perClass[c] / 5) {
                trainRows[nTrain++] = i;
            } else {
                testRows[nTest++] = i;
            }
        }
        Examples train = all.select(Arrays.copyOf(trainRows, nTrain));
        Examples test = all.select(Arrays.copyOf(testRows, nTest));
        return new Dataset(name, train, test, names, Optional.empty(), DataProvenance.of(source.name(),
                preprocessing, "hold-out: last floor(n_c/5) rows of each class (file order) are test", train, test));
    }

    /** Distinct labels sorted numerically if all are integers, else as strings. */
    private static List<String> classNames(String source, String labelColumn, String[]... labelSets) {
        TreeSet<String> distinct = new TreeSet<>();
        for (String[] labels : labelSets) {
            distinct.addAll(List.of(labels));
        }
        List<String> names = new ArrayList<>(distinct);
        if (names.stream().allMatch(s -> s.matches("[+-]?\\d{1,18}"))) {
            names.sort(Comparator.comparingLong(Long::parseLong));
        }
        if (names.size() < 2) {
            throw new IllegalArgumentException(source + ": label column '" + labelColumn + "' has " + names.size()
                    + " distinct value(s) " + names + "; a classifier needs at least 2 classes");
        }
        return List.copyOf(names);
    }

    private static Examples examples(CsvData data, List<String> names) {
        Map<String, Integer> index = new HashMap<>();
        for (int c = 0; c < names.size(); c++) {
            index.put(names.get(c), c);
        }
        int[] y = new int[data.labels().length];
        for (int i = 0; i < y.length; i++) {
            y[i] = index.get(data.labels()[i]);
        }
        return new Examples(data.x(), y, data.featureNames().size(), names.size());
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    }
}
