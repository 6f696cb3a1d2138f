package org.seedscope.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.seedscope.files.Ancestors;

/** Finds the SeedScope checkout the command line runs from (for bench scripts and shipped files). */
final class Home {
    private Home() {}

    /**
     * @return the folder named by the {@code seedscope.home} system property (set by the
     *     {@code ./seedscope} launcher), else the nearest ancestor of the working directory holding
     *     {@code bench/} and {@code datasets/}
     */
    static Path find() {
        String prop = System.getProperty("seedscope.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath();
        }
        for (Path p : Ancestors.of(Path.of(""))) {
            if (Files.isDirectory(p.resolve("bench")) && Files.isDirectory(p.resolve("datasets"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the SeedScope checkout: run through ./seedscope or set "
                + "-Dseedscope.home=<checkout>");
    }
}
