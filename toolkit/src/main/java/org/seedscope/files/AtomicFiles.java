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
     * @return a fresh temporary path in the same folder ({@code .NAME.HOST.PID-N} + {@value #TMP_SUFFIX})
     */
    public static Path temporarySibling(Path target) {
        Path abs = target.toAbsolutePath();
        return abs.getParent().resolve("." + abs.getFileName() + "." + Host.NAME + "." + ProcessHandle.current().pid()
                + "-" + COUNTER.incrementAndGet() + TMP_SUFFIX);
    }

    /** @return this machine's name as temporary names carry it (characters other than letters, digits, _ and - replaced by _) */
    public static String hostName() {
        return Host.NAME;
    }

    /** This machine's name, dots replaced, as temporary names carry it. */
    private static final class Host {
        static final String NAME = name();

        private static String name() {
            String h = System.getenv("HOSTNAME");
            if (h == null || h.isBlank()) {
                try {
                    h = java.net.InetAddress.getLocalHost().getHostName();
                } catch (java.io.IOException e) {
                    h = "host";
                }
            }
            return h.replaceAll("[^A-Za-z0-9_-]", "_");
        }
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
     * live process is writing: their names carry the writer's host and process id; this process's own
     * are kept (another of its threads may be writing them), and another host's are kept for a day
     * after their last change (a cache folder shared between machines).
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
                if (!writerAlive(p)) {
                    deleteTree(p);
                    removed.add(p);
                }
            }
        } catch (IOException e) {
            throw failure("cannot list " + dir, e);
        }
        return removed;
    }

    private static boolean writerAlive(Path path) {
        String name = path.getFileName().toString();
        String stem = name.substring(0, name.length() - TMP_SUFFIX.length());
        int dash = stem.lastIndexOf('-');
        int dot = stem.lastIndexOf('.', dash);
        int hostDot = dot < 0 ? -1 : stem.lastIndexOf('.', dot - 1);
        if (dash < 0 || dot < 0) {
            return false;
        }
        if (hostDot >= 0 && !stem.substring(hostDot + 1, dot).equals(Host.NAME)) {
            return recentlyModified(path);
        }
        try {
            long pid = Long.parseLong(stem.substring(dot + 1, dash));
            return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Another machine's temporary file (a shared cache) counts as live for a day after its last change. */
    private static boolean recentlyModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis() > System.currentTimeMillis() - 24L * 3600 * 1000;
        } catch (IOException e) {
            return true;
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
