package org.seedscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultImportsTest {
    @Test
    void toolkitPackagesAreFoundInDirectoriesAndJarsButNotTheKernelsOwn(@TempDir Path tmp) throws IOException {
        Path classes = tmp.resolve("classes");
        for (String f : List.of("org/seedscope/stats/A.class", "org/seedscope/kernel/K.class",
                "org/seedscope/cli/C.class", "org/other/B.class", "org/seedscope/viz/readme.txt")) {
            Files.createDirectories(classes.resolve(f).getParent());
            Files.createFile(classes.resolve(f));
        }
        Path jar = tmp.resolve("toolkit.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (String f : List.of("org/seedscope/Version.class", "org/seedscope/study/runner/R.class")) {
                zip.putNextEntry(new ZipEntry(f));
                zip.closeEntry();
            }
        }
        assertEquals(Set.of("org.seedscope.stats", "org.seedscope", "org.seedscope.study.runner"),
                DefaultImports.seedscopePackages(List.of(classes, jar, tmp.resolve("missing.jar"))));
    }

    @Test
    void resourceLinesAreAddedAfterTheScannedPackages(@TempDir Path tmp) throws IOException {
        Path resource = tmp.resolve(DefaultImports.RESOURCE);
        Files.createDirectories(resource.getParent());
        try (OutputStream out = Files.newOutputStream(resource)) {
            out.write("# toolkit extras\nimport static java.lang.Math.*;\n\n".getBytes());
        }
        ClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {tmp.toUri().toURL()}, null);
        List<String> imports = DefaultImports.forClasspath(List.of(), loader);
        assertEquals("import static java.lang.Math.*;", imports.get(imports.size() - 1));
        assertEquals(1, imports.stream().filter(i -> i.startsWith("import static java.lang.Math")).count());
    }
}
