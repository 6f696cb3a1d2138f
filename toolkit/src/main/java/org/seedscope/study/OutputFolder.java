package org.seedscope.study;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.seedscope.files.AtomicFiles;
import org.seedscope.results.FolderLock;
import org.seedscope.results.ResultStore;

/**
 * A study's output folder, prepared for writing: locked for this process, free of leftovers of
 * killed runs, and either new, empty or written by SeedScope (a folder holding files a study did
 * not write — say another tool's {@code results.csv} — is refused, never overwritten).
 */
final class OutputFolder {
    /** Names a study writes into its folder. */
    static final Set<String> OWNED = Set.of(ResultStore.ROWS, ResultStore.DROPPED, SpecFiles.SPEC_JSON,
            "results.csv", "report.html", "charts", "outputs.bin", "cache", FolderLock.NAME);

    private OutputFolder() {}

    /**
     * @param out the folder
     * @return its lock, held until closed
     * @throws IllegalStateException when another process holds it
     * @throws IllegalArgumentException when it holds files a study did not write
     * @throws java.io.UncheckedIOException when it cannot be created or written, with the cause
     */
    static FolderLock prepare(Path out) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException("output folder " + out + " is a file, not a folder");
        }
        List<String> foreign = foreign(out);
        if (!foreign.isEmpty()) {
            throw new IllegalArgumentException("output folder " + out + " holds files a SeedScope study did not write "
                    + foreign + (Files.exists(out.resolve(ResultStore.ROWS)) ? "" : " and no " + ResultStore.ROWS
                    + " journal") + "; use an empty or new --out folder");
        }
        FolderLock lock = FolderLock.acquire(out);
        try {
            AtomicFiles.removeLeftovers(out);
            return lock;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    private static List<String> foreign(Path out) {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(out)) {
            return names;
        }
        boolean journal = Files.exists(out.resolve(ResultStore.ROWS));
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(out)) {
            for (Path p : entries) {
                String n = p.getFileName().toString();
                boolean ours = OWNED.contains(n) || n.endsWith(AtomicFiles.TMP_SUFFIX);
                if (!ours || !journal && (n.equals("results.csv") || n.equals("report.html"))) {
                    names.add(n);
                }
            }
        } catch (IOException e) {
            throw AtomicFiles.failure("cannot list output folder " + out, e);
        }
        return names.stream().sorted().toList();
    }
}
