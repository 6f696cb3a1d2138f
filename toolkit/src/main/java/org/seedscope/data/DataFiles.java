package org.seedscope.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Checks on a user's data folder and the class-name files found in one. */
final class DataFiles {

    private DataFiles() {
    }

    /**
     * The folder, absolute and normalised, if it is a directory.
     *
     * @param kind what the folder should hold, e.g. {@code "CIFAR-10"}, for the message
     * @throws UncheckedIOException naming the folder when it does not exist or is not a directory
     */
    static Path folder(Path folder, String kind) {
        Path dir = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new UncheckedIOException(new NoSuchFileException(kind + " folder " + dir
                    + (Files.exists(dir) ? " is not a directory" : " does not exist")));
        }
        return dir;
    }

    /**
     * The names of {@code wanted} that are not regular files in {@code dir}, in the order given.
     */
    static List<String> absent(Path dir, List<String> wanted) {
        return wanted.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))).toList();
    }

    /**
     * Fails when a folder lacks required files, naming the folder, every missing file and what
     * the folder must hold; never falls back to another copy.
     *
     * @param kind what the folder should hold, e.g. {@code "CIFAR-10"}
     * @param missing the missing files; nothing happens when empty
     * @param required the full rule, e.g. the list of required files
     * @param subfolder a subfolder name the files usually come in (for a hint when the user gave
     *     its parent), or the empty string
     * @throws UncheckedIOException if {@code missing} is not empty
     */
    static void requireComplete(Path dir, String kind, List<String> missing, String required, String subfolder) {
        if (missing.isEmpty()) {
            return;
        }
        String hint = !subfolder.isEmpty() && Files.isDirectory(dir.resolve(subfolder))
                ? "; did you mean its subfolder " + dir.resolve(subfolder) + "?" : "";
        throw new UncheckedIOException(new NoSuchFileException(kind + " folder " + dir + " lacks " + missing
                + "; it must hold " + required + hint));
    }

    /**
     * Class names from a text file: UTF-8, one name per line in label order, each trimmed;
     * blank lines at the end are ignored (the CIFAR files end with some).
     *
     * @param expected the number of names the format requires, or 0 for any number of at least 2
     * @throws IllegalArgumentException naming the file for a blank line before the last name, a
     *     repeated name or a wrong count
     * @throws UncheckedIOException if the file cannot be read
     */
    static List<String> classNames(Path file, int expected) {
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        List<String> names = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                throw new IllegalArgumentException(file + ": line " + (names.size() + 1)
                        + " is blank; class names are one per line in label order, with no gaps");
            }
            names.add(line.trim());
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException(file + ": class names must be distinct, got " + names);
        }
        if (expected > 0 ? names.size() != expected : names.size() < 2) {
            throw new IllegalArgumentException(file + ": " + names.size() + " class names, one per line; expected "
                    + (expected > 0 ? "exactly " + expected : "at least 2"));
        }
        return List.copyOf(names);
    }
}
