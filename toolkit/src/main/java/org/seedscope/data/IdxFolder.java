package org.seedscope.data;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.seedscope.files.Ancestors;

/**
 * A folder of the four MNIST-style IDX files: {@link #FILES}, each plain or with {@code .gz}
 * appended, every one required.
 */
final class IdxFolder {

    /** The four files, train images and labels then test images and labels, as MNIST names them. */
    static final List<String> FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    /** Optional file of class names, one per line in label order. */
    static final String CLASS_NAMES = "classes.txt";
    /** The naming rule, for messages. */
    static final String RULE = "the four files " + FILES + ", each either plain or gzipped with .gz appended";

    private IdxFolder() {
    }

    /**
     * Reads a folder.
     *
     * @param fixedNames the class names, or empty to take them from {@link #CLASS_NAMES} when the
     *     folder has it, else "0", "1", ..., up to the largest label in either label file
     */
    static Dataset read(Path folder, String name, Optional<List<String>> fixedNames,
            Optional<ClassHierarchy> hierarchy, String split) {
        Path dir = DataFiles.folder(folder, "IDX");
        List<String> missing = missing(dir);
        DataFiles.requireComplete(dir, "IDX", missing, RULE, "");
        List<DataSource> files = FILES.stream().map(f -> DataSource.of(file(dir, f))).toList();
        List<String> names = fixedNames.orElseGet(() -> Files.isRegularFile(dir.resolve(CLASS_NAMES))
                ? DataFiles.classNames(dir.resolve(CLASS_NAMES), 0) : numberedClasses(files, dir));
        return dataset(name, dir.toString(), files, names, hierarchy, split);
    }

    /** Builds a dataset from the four sources, in {@link #FILES} order; pixels / 255. */
    static Dataset dataset(String name, String source, List<DataSource> files, List<String> names,
            Optional<ClassHierarchy> hierarchy, String split) {
        Examples train = Idx.read(files.get(0), files.get(1), names.size());
        Examples test = Idx.read(files.get(2), files.get(3), names.size());
        return new Dataset(name, train, test, names, hierarchy,
                DataProvenance.of(source, "pixel/255", split, train, test));
    }

    /** The files of {@link #FILES} that are in neither form. */
    static List<String> missing(Path dir) {
        return FILES.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))
                && !Files.isRegularFile(dir.resolve(f + ".gz"))).toList();
    }

    /** The plain or the gzipped file of a base name; it is an error to have both. */
    private static Path file(Path dir, String base) {
        Path plain = dir.resolve(base);
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(plain) && Files.isRegularFile(gz)) {
            throw new IllegalArgumentException("IDX folder " + dir + " holds both " + base + " and " + base
                    + ".gz; keep one so it is clear which is read");
        }
        return Files.isRegularFile(plain) ? plain : gz;
    }

    /** "0", "1", ..., "m" for the largest label m of both label files. */
    private static List<String> numberedClasses(List<DataSource> files, Path dir) {
        int max = Math.max(IntStream.of(Idx.labels(files.get(1))).max().orElse(0),
                IntStream.of(Idx.labels(files.get(3))).max().orElse(0));
        if (max < 1) {
            throw new IllegalArgumentException("IDX folder " + dir + ": every label is 0, but a classifier needs at"
                    + " least 2 classes; add a " + CLASS_NAMES + " file with one class name per line");
        }
        return IntStream.rangeClosed(0, max).mapToObj(Integer::toString).toList();
    }

    /**
     * The first of {@code datasets/fashion-mnist} under {@code start} or one of its parents, then
     * {@code system}, that exists as a folder; it must hold all four files. A folder that exists
     * but lacks a file is an error naming it and the missing files: it is never skipped in
     * favour of the next.
     */
    static Path locateFashionMnist(Path start, Path system) {
        List<Path> candidates = new ArrayList<>();
        for (Path p : Ancestors.of(start)) {
            candidates.add(p.resolve("datasets").resolve("fashion-mnist"));
        }
        candidates.add(system);
        for (Path dir : candidates) {
            if (Files.isDirectory(dir)) {
                DataFiles.requireComplete(dir, "Fashion-MNIST", missing(dir), RULE, "");
                return dir;
            }
        }
        throw new UncheckedIOException(new NoSuchFileException("the full Fashion-MNIST data was not found in"
                + " datasets/fashion-mnist/ (searched from " + start + " upwards) nor in " + system
                + ". Get it with 'apt-get install dataset-fashion-mnist' (Debian/Ubuntu) or put " + RULE
                + " from https://github.com/zalandoresearch/fashion-mnist into datasets/fashion-mnist/"
                + " of the repository"));
    }
}
