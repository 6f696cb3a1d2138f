package org.seedscope.data;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
import java.util.function.Function;

/**
 * Loaders for the shipped data sets, the full Fashion-MNIST data and a user's own CSV files.
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

    private static final List<String> IDX_FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
    private static final String PIXEL_255 = "pixel/255";

    private Datasets() {
    }

    /**
     * The shipped class-balanced Fashion-MNIST subset: 12,000 train (the first 1,200 of each
     * class in the original training file) and 2,000 test (the first 200 of each class in the
     * original test file), 28x28 grey images of shape {@code [1, 28, 28]} (784 features =
     * pixel/255), 10 classes, with the {@link ClassHierarchy#fashionMnist()} hierarchy. Derivation: datasets/fashion-mnist-subset/derive.py.
     *
     * @return the dataset named {@code fashion-mnist-subset}
     */
    public static Dataset fashionMnist() {
        return idx("fashion-mnist-subset", "classpath:" + DataSource.CLASSPATH_ROOT + "fashion-mnist-subset",
                f -> DataSource.shipped("fashion-mnist-subset/" + f),
                "original train/test files; subset: first 1200 train / 200 test per class in file order");
    }

    /**
     * The full Fashion-MNIST data (60,000 train / 10,000 test, pixel/255), found in the first
     * of: a {@code datasets/fashion-mnist/} folder in the working directory or one of its
     * parents (so the repository root is found from {@code toolkit/} or {@code notebooks/}),
     * then {@code /usr/share/datasets/fashion-mnist} (Debian package {@code dataset-fashion-mnist}).
     * The folder must hold train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,
     * t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz. Needs about 220 MB of heap.
     *
     * @return the dataset named {@code fashion-mnist}
     * @throws UncheckedIOException if no folder has the four files; the message says how to get them
     */
    public static Dataset fashionMnistFull() {
        return fashionMnistFull(locateFashionMnist(Path.of("").toAbsolutePath(), DEBIAN_FASHION_MNIST));
    }

    /**
     * The full Fashion-MNIST data from a given folder holding the four IDX files named in
     * {@link #fashionMnistFull()}.
     *
     * @param directory the folder
     * @return the dataset named {@code fashion-mnist}
     */
    public static Dataset fashionMnistFull(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        return idx("fashion-mnist", dir.toString(), f -> DataSource.of(dir.resolve(f)), "original train/test files");
    }

    /**
     * The first folder with all four IDX files: {@code datasets/fashion-mnist} under
     * {@code start} or one of its parents, else {@code system}; else an error saying how to get the data.
     */
    static Path locateFashionMnist(Path start, Path system) {
        List<Path> candidates = new ArrayList<>();
        for (Path p = start; p != null; p = p.getParent()) {
            candidates.add(p.resolve("datasets").resolve("fashion-mnist"));
        }
        candidates.add(system);
        return candidates.stream().filter(d -> IDX_FILES.stream().allMatch(f -> Files.isRegularFile(d.resolve(f))))
                .findFirst().orElseThrow(() -> new UncheckedIOException(new NoSuchFileException(
                        "the full Fashion-MNIST data was not found in datasets/fashion-mnist/ (searched from " + start
                        + " upwards) nor in " + system + ". Get it with 'apt-get install dataset-fashion-mnist'"
                        + " (Debian/Ubuntu) or put the four files " + IDX_FILES
                        + " from https://github.com/zalandoresearch/fashion-mnist into datasets/fashion-mnist/"
                        + " of the repository")));
    }

    private static Dataset idx(String name, String source, Function<String, DataSource> file, String split) {
        int k = FASHION_MNIST_CLASSES.size();
        Examples train = Idx.read(file.apply(IDX_FILES.get(0)), file.apply(IDX_FILES.get(1)), k);
        Examples test = Idx.read(file.apply(IDX_FILES.get(2)), file.apply(IDX_FILES.get(3)), k);
        return new Dataset(name, train, test, FASHION_MNIST_CLASSES, Optional.of(ClassHierarchy.fashionMnist()),
                DataProvenance.of(source, PIXEL_255, split, train, test));
    }

    /**
     * The shipped digits data: 1,797 handwritten digits (8x8 grey images of shape
     * {@code [1, 8, 8]}, 64 features, pixel/16 so in [0, 1]), classes "0".."9", from scikit-learn's copy of the UCI optical digits test set
     * (datasets/digits/README.md). Split by the hold-out rule of {@link #csv(Path, String)}:
     * 1,442 train / 355 test.
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
