package org.seedscope.files;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Writes files so that readers see either the old content or the new, never a part: the bytes go
 * to a temporary file in the same folder, are forced to disk, and are renamed over the target.
 * Temporary names start with {@code .} and end with {@value #TMP_SUFFIX}, so {@link #removeLeftovers}
 * can clear what a killed process left behind. Files are created with the process's umask (unlike
 * {@link Files#createTempFile}, which makes them private), and I/O errors keep their cause (e.g.
 * "No space left on device") in the message.
 */
public final class AtomicFiles {
    /** Suffix of every temporary file or folder this class creates. */
    public static final String TMP_SUFFIX = ".seedscope-tmp";
    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFiles() {}

    /** Writes the content of a file to a stream. */
    @FunctionalInterface
    public interface Content {
        /**
         * @param out where to write
         * @throws IOException when writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * @param target the file to replace
     * @param bytes its new content
     * @throws UncheckedIOException naming the file and the cause; the target is unchanged then
     */
    public static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /**
     * @param target the file to replace
     * @param content writes the new content
     * @throws UncheckedIOException naming the file and the cause; the target is unchanged then
     */
    public static void write(Path target, Content content) {
        Path parent = target.toAbsolutePath().getParent();
        Path tmp = temporarySibling(target);
        try {
            Files.createDirectories(parent);
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC)) {
                content.writeTo(out);
            }
            move(tmp, target);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw failure("cannot write " + target, e);
        }
    }

    /**
     * @param target a file or folder to be created
     * @return a fresh temporary path in the same folder ({@code .NAME.PID-N} + {@value #TMP_SUFFIX})
     */
    public static Path temporarySibling(Path target) {
        Path abs = target.toAbsolutePath();
        return abs.getParent().resolve("." + abs.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + COUNTER.incrementAndGet() + TMP_SUFFIX);
    }

    /**
     * Renames {@code from} onto {@code to}, atomically where the file system allows.
     *
     * @param from a file or folder
     * @param to its new name (an existing file is replaced)
     * @throws IOException when the rename fails
     */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Publishes a folder built under a temporary name: renames it to {@code target} unless another
     * process published one first, in which case the temporary folder is deleted and false returned.
     *
     * @param tmp the finished temporary folder
     * @param target its final name
     * @return true when {@code tmp} became {@code target}
     * @throws UncheckedIOException when the rename fails for another reason
     */
    public static boolean publishFolder(Path tmp, Path target) {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException e) {
            deleteTree(tmp);
            return false;
        } catch (IOException e) {
            if (Files.isDirectory(target)) {
                deleteTree(tmp);
                return false;
            }
            deleteTree(tmp);
            throw failure("cannot create " + target, e);
        }
    }

    /**
     * Deletes temporary files and folders ({@value #TMP_SUFFIX}) directly inside {@code dir} that no
     * live process of this machine is writing (their names carry the writer's process id; this
     * process's own are kept, another of its threads may be writing them).
     *
     * @param dir a folder (missing: nothing to do)
     * @return the paths removed
     */
    public static List<Path> removeLeftovers(Path dir) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + TMP_SUFFIX)) {
            for (Path p : entries) {
                if (!writerAlive(p.getFileName().toString())) {
                    deleteTree(p);
                    removed.add(p);
                }
            }
        } catch (IOException e) {
            throw failure("cannot list " + dir, e);
        }
        return removed;
    }

    private static boolean writerAlive(String name) {
        String stem = name.substring(0, name.length() - TMP_SUFFIX.length());
        int dash = stem.lastIndexOf('-');
        int dot = stem.lastIndexOf('.', dash);
        if (dash < 0 || dot < 0) {
            return false;
        }
        try {
            long pid = Long.parseLong(stem.substring(dot + 1, dash));
            return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * Deletes a file or a folder with everything in it; missing paths are ignored.
     *
     * @param path the path
     */
    public static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw failure("cannot delete " + path, e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the original failure is the one worth reporting
        }
    }

    /**
     * @param what what was being done, e.g. {@code cannot write results.csv}
     * @param e the I/O error
     * @return an unchecked exception whose message ends with the cause's own words
     */
    public static UncheckedIOException failure(String what, IOException e) {
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            cause = "permission denied: " + cause;
        } else if (e instanceof java.nio.file.FileAlreadyExistsException) {
            cause = "Not a directory: " + cause + " exists and is a file";
        } else if (e instanceof java.nio.file.NoSuchFileException) {
            cause = "no such file or folder: " + cause;
        } else if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            cause = f.getReason() + (f.getFile() != null ? " (" + f.getFile() + ")" : "");
        }
        return new UncheckedIOException(what + ": " + cause, e);
    }
}
