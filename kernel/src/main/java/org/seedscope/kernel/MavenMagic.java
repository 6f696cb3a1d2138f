package org.seedscope.kernel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dflib.jjava.jupyter.kernel.magic.LineMagic;

/**
 * The {@code %maven group:artifact:version ...} line magic: resolves the artifacts and their
 * runtime dependencies with the local {@code mvn} command (so Maven's own settings, mirrors and
 * local repository apply) and adds the jars to the session's class path.
 *
 * <p>It writes a throw-away POM listing the artifacts and runs the dependency plugin's
 * {@code build-classpath} goal on it, which prints paths into the local repository; nothing is
 * copied.
 *
 * <p>A second copy of a library is never loaded (it would usually lose to the first, or mix two
 * versions' classes): a requested artifact whose groupId:artifactId is already on the class path
 * ({@link ClasspathArtifacts}) is not resolved at all, and a resolved dependency that is already
 * there in another jar is left out; both are said in the cell's output. Maven's output is asked
 * for without colour and stripped of ANSI escape sequences before it appears in an error.
 */
final class MavenMagic implements LineMagic<List<Path>, SeedScopeKernel> {
    /** {@code groupId:artifactId:version}, each part letters, digits, {@code _ . -}. */
    static final Pattern COORDINATE = Pattern.compile("[\\w.-]+:[\\w.-]+:[\\w.-]+");
    /** Pinned so that Maven needs no plugin metadata lookup. */
    private static final String BUILD_CLASSPATH =
            "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath";
    /**
     * ANSI escape sequences (ECMA-48): CSI {@code ESC [ params final} (colours), OSC
     * {@code ESC ] text BEL|ST} (titles, links) and the other escapes {@code ESC intermediates final}
     * (such as {@code ESC ( B}).
     */
    private static final Pattern ANSI = Pattern.compile(
            "\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)|[ -/]*[0-~])");
    /** Lines of Maven's output kept in an error message. */
    private static final int MAX_ERROR_LINES = 15;

    private final Optional<Path> mvn;
    private final List<String> extraArgs;

    /**
     * @param mvn       the {@code mvn} executable, empty if there is none
     * @param extraArgs extra arguments for every run, for example {@code -o}
     */
    MavenMagic(Optional<Path> mvn, List<String> extraArgs) {
        this.mvn = mvn;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /** @return a magic using the first executable {@code mvn} on {@code PATH}, if any */
    static MavenMagic fromPath() {
        return new MavenMagic(findOnPath("mvn"), List.of());
    }

    /** @return the first executable file {@code name} in the directories of {@code PATH} */
    static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Resolves the artifacts that are not on the class path yet and adds their jars, except
     * those holding an artifact the class path already has; prints what was added and what was
     * not loaded, and why.
     *
     * @param kernel the kernel whose class path grows
     * @param args   one or more {@code groupId:artifactId:version} coordinates
     * @return the jars that were new on the class path
     * @throws IllegalArgumentException if no or a malformed coordinate is given, or Maven cannot
     *                                  resolve it (with Maven's error lines)
     * @throws IllegalStateException    if there is no {@code mvn} command
     * @throws InterruptedException     if the cell is interrupted while Maven runs (Maven is killed)
     */
    @Override
    public List<Path> eval(SeedScopeKernel kernel, List<String> args) throws InterruptedException {
        checkCoordinates(args);
        ClasspathArtifacts present = ClasspathArtifacts.of(kernel.classpath());
        List<String> wanted = new ArrayList<>();
        for (String c : args) {
            String key = c.substring(0, c.lastIndexOf(':'));
            Optional<ClasspathArtifacts.Artifact> have = present.find(key);
            if (have.isPresent()) {
                System.out.println("%maven: " + key + " is already on the class path (version " + have.get().version()
                        + ", " + have.get().file().getFileName() + "); not loading " + c);
            } else {
                wanted.add(c);
            }
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<Path> fresh = new ArrayList<>();
        for (Path jar : resolve(wanted)) {
            Optional<ClasspathArtifacts.Artifact> clash = ClasspathArtifacts.identify(jar).stream()
                    .flatMap(a -> present.find(a.key()).stream())
                    .filter(a -> !a.file().toAbsolutePath().normalize().equals(jar.toAbsolutePath().normalize()))
                    .findFirst();
            if (clash.isPresent()) {
                System.out.println("%maven: not loading " + jar.getFileName() + ": " + clash.get().key()
                        + " is already on the class path (version " + clash.get().version() + ")");
            } else {
                fresh.add(jar);
            }
        }
        List<Path> added = kernel.addToClasspath(fresh);
        System.out.println(added.isEmpty()
                ? "%maven: everything was already on the class path"
                : "%maven: added " + added.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", ")));
        return added;
    }

    /** @throws IllegalArgumentException if no or a malformed coordinate is given */
    private static void checkCoordinates(List<String> coordinates) {
        if (coordinates.isEmpty()) {
            throw new IllegalArgumentException("%maven needs at least one groupId:artifactId:version");
        }
        for (String c : coordinates) {
            if (!COORDINATE.matcher(c).matches()) {
                throw new IllegalArgumentException("%maven: '" + c + "' is not groupId:artifactId:version"
                        + " (letters, digits, '_', '.', '-' in each part)");
            }
        }
    }

    /** @return {@code text} without ANSI escape sequences (colours, cursor moves) */
    static String stripAnsi(String text) {
        return ANSI.matcher(text).replaceAll("");
    }

    /**
     * @param coordinates {@code groupId:artifactId:version} coordinates
     * @return the jars of the artifacts and their runtime dependencies, in Maven's order
     * @throws IllegalArgumentException if no or a malformed coordinate is given, or Maven fails
     * @throws IllegalStateException    if there is no {@code mvn} command
     * @throws InterruptedException     if interrupted while Maven runs (Maven is killed)
     */
    List<Path> resolve(List<String> coordinates) throws InterruptedException {
        checkCoordinates(coordinates);
        Path executable = mvn.orElseThrow(() -> new IllegalStateException(
                "%maven needs Maven's mvn command, but there is no executable mvn on the PATH"
                        + " (PATH=" + System.getenv("PATH") + "); install Maven or add its bin directory to PATH"));
        Path work = null;
        try {
            work = Files.createTempDirectory("seedscope-maven-");
            Path pom = Files.writeString(work.resolve("pom.xml"), pom(coordinates));
            Path classpathFile = work.resolve("classpath.txt");
            Path log = work.resolve("mvn.log");
            List<String> command = new ArrayList<>(List.of(executable.toString(), "-B", "-q", "-Dstyle.color=never", "-f", pom.toString()));
            command.addAll(extraArgs);
            command.addAll(List.of(BUILD_CLASSPATH, "-Dmdep.outputFile=" + classpathFile, "-Dmdep.includeScope=runtime"));
            Process process = new ProcessBuilder(command).directory(work.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int exit;
            try {
                exit = process.waitFor();
            } catch (InterruptedException e) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw e;
            }
            if (exit != 0 || !Files.isRegularFile(classpathFile)) {
                throw new IllegalArgumentException("%maven could not resolve " + String.join(" ", coordinates)
                        + " (mvn exit code " + exit + "):\n" + errorLines(log));
            }
            String classpath = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
            return classpath.isEmpty() ? List.of() : Stream.of(classpath.split(File.pathSeparator)).map(Path::of).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("%maven: cannot run " + executable + " in a temporary directory", e);
        } finally {
            deleteRecursively(work);
        }
    }

    private static String pom(List<String> coordinates) {
        StringBuilder xml = new StringBuilder("""
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>org.seedscope.kernel</groupId>
                  <artifactId>maven-magic</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <dependencies>
                """);
        for (String c : coordinates) {
            String[] parts = c.split(":");
            xml.append("    <dependency><groupId>").append(parts[0]).append("</groupId><artifactId>")
                    .append(parts[1]).append("</artifactId><version>").append(parts[2]).append("</version></dependency>\n");
        }
        return xml.append("  </dependencies>\n</project>\n").toString();
    }

    private static String errorLines(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream().map(MavenMagic::stripAnsi).toList();
        List<String> errors = lines.stream().filter(l -> l.contains("[ERROR]")).limit(MAX_ERROR_LINES).toList();
        return String.join("\n", errors.isEmpty() ? lines.subList(0, Math.min(lines.size(), MAX_ERROR_LINES)) : errors);
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete temporary directory " + dir, e);
        }
    }
}
