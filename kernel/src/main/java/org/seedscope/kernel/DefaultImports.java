package org.seedscope.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The imports every kernel session starts with.
 *
 * <p>They are: a fixed list (common {@code java.util} packages, Tablesaw's API, XChart and
 * JJava's notebook statics such as {@code display(Object)}); an on-demand import of every
 * {@code org.seedscope} package found on the class path, except the kernel's own and the command
 * line's; and every line of each {@value #RESOURCE} resource on the class path, which lets the
 * toolkit add imports (for example static ones) without changing the kernel. The kernel
 * evaluates each import separately and silently skips the ones that do not compile, so a
 * package that is missing at run time costs nothing.
 */
final class DefaultImports {
    /** Class-path resource with extra import statements, one per line; {@code #} starts a comment. */
    static final String RESOURCE = "META-INF/seedscope/kernel-imports.txt";

    private static final List<String> FIXED = List.of(
            "import java.util.*;",
            "import java.util.function.*;",
            "import java.util.stream.*;",
            "import java.nio.file.*;",
            "import tech.tablesaw.api.*;",
            "import org.knowm.xchart.*;",
            "import static org.dflib.jjava.jupyter.kernel.BaseNotebookStatics.*;");
    private static final String ROOT = "org/seedscope/";
    private static final List<String> EXCLUDED = List.of("org.seedscope.kernel", "org.seedscope.cli");

    private DefaultImports() {}

    /**
     * @param classpath the session's class path entries (jars and class directories)
     * @param resources where to look up {@value #RESOURCE}
     * @return the import statements, fixed ones first, then toolkit packages in name order, then
     *         the resources' lines
     * @throws UncheckedIOException if a class path entry or resource cannot be read
     */
    static List<String> forClasspath(List<Path> classpath, ClassLoader resources) {
        List<String> imports = new ArrayList<>(FIXED);
        for (String pkg : seedscopePackages(classpath)) {
            imports.add("import " + pkg + ".*;");
        }
        imports.addAll(resourceImports(resources));
        return imports;
    }

    /**
     * @return names of packages under {@code org.seedscope} holding at least one class file in
     *         {@code classpath}, without the excluded ones
     */
    static SortedSet<String> seedscopePackages(List<Path> classpath) {
        SortedSet<String> packages = new TreeSet<>();
        for (Path entry : classpath) {
            try {
                if (Files.isDirectory(entry)) {
                    Path root = entry.resolve(ROOT);
                    if (Files.isDirectory(root)) {
                        try (Stream<Path> files = Files.walk(root)) {
                            files.filter(f -> f.getFileName().toString().endsWith(".class"))
                                    .forEach(f -> addPackage(packages, entry.relativize(f).toString()
                                            .replace(entry.getFileSystem().getSeparator(), "/")));
                        }
                    }
                } else if (Files.isRegularFile(entry) && entry.toString().endsWith(".jar")) {
                    try (ZipFile jar = new ZipFile(entry.toFile())) {
                        Enumeration<? extends ZipEntry> entries = jar.entries();
                        while (entries.hasMoreElements()) {
                            addPackage(packages, entries.nextElement().getName());
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list classes of class path entry " + entry, e);
            }
        }
        return packages;
    }

    private static void addPackage(SortedSet<String> packages, String classFile) {
        int slash = classFile.lastIndexOf('/');
        if (!classFile.startsWith(ROOT) || !classFile.endsWith(".class") || slash < 0) {
            return;
        }
        String pkg = classFile.substring(0, slash).replace('/', '.');
        if (EXCLUDED.stream().noneMatch(x -> pkg.equals(x) || pkg.startsWith(x + "."))) {
            packages.add(pkg);
        }
    }

    private static List<String> resourceImports(ClassLoader resources) {
        List<String> lines = new ArrayList<>();
        try {
            Enumeration<URL> urls = resources.getResources(RESOURCE);
            while (urls.hasMoreElements()) {
                URL url = urls.nextElement();
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
                    in.lines().map(String::strip)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                            .forEach(lines::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the class path", e);
        }
        return lines;
    }
}
