package org.seedscope.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Which Maven artifacts (groupId:artifactId) a class path already holds, so that {@code %maven}
 * does not load a second copy of a library.
 *
 * <p>A jar is identified by the {@code META-INF/maven/GROUP/ARTIFACT/pom.properties} file Maven
 * writes into the jars it builds, or else by its place in a Maven repository
 * ({@code .../group/as/dirs/ARTIFACT/VERSION/ARTIFACT-VERSION.jar}). A shaded jar carries the
 * pom.properties of every library it bundles, often under relocated packages (surefire's shared
 * utilities hold commons-io as {@code org.apache.maven.surefire.shared.io}), so of several only
 * the one naming the jar itself ({@code ARTIFACT-VERSION...jar}) counts. Class directories and
 * jars with neither are not identified.
 */
final class ClasspathArtifacts {
    /**
     * An artifact found on the class path.
     *
     * @param key     {@code groupId:artifactId}
     * @param version its version
     * @param file    the jar that holds it
     */
    record Artifact(String key, String version, Path file) {
        /** @return {@code groupId:artifactId:version} */
        String coordinate() {
            return key + ":" + version;
        }
    }

    private final Map<String, Artifact> byKey = new LinkedHashMap<>();

    /**
     * @param entries class path entries; unreadable or unidentifiable entries are skipped
     * @return the artifacts they hold, the first entry winning for a key held twice (as the class
     *         loader's order does)
     */
    static ClasspathArtifacts of(List<Path> entries) {
        ClasspathArtifacts out = new ClasspathArtifacts();
        entries.forEach(out::add);
        return out;
    }

    /** Adds the artifacts of one more class path entry (keys already known keep their jar). */
    void add(Path entry) {
        for (Artifact a : identify(entry)) {
            byKey.putIfAbsent(a.key(), a);
        }
    }

    /** @return the artifact with this {@code groupId:artifactId}, if the class path holds it */
    Optional<Artifact> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** @return the artifacts one class path entry is (none for directories and unknown jars) */
    static List<Artifact> identify(Path entry) {
        List<Artifact> out = new ArrayList<>();
        String name = entry.getFileName().toString();
        if (!Files.isRegularFile(entry) || !name.endsWith(".jar")) {
            return out;
        }
        try (ZipFile jar = new ZipFile(entry.toFile())) {
            Enumeration<? extends ZipEntry> files = jar.entries();
            while (files.hasMoreElements()) {
                ZipEntry e = files.nextElement();
                if (e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties")) {
                    Properties p = new Properties();
                    try (InputStream in = jar.getInputStream(e)) {
                        p.load(in);
                    }
                    String g = p.getProperty("groupId");
                    String a = p.getProperty("artifactId");
                    String v = p.getProperty("version");
                    if (g != null && a != null && v != null) {
                        out.add(new Artifact(g + ":" + a, v, entry));
                    }
                }
            }
        } catch (IOException e) {
            return out;
        }
        if (out.size() > 1) {
            out.removeIf(a -> !name.startsWith(a.key().substring(a.key().indexOf(':') + 1) + "-" + a.version()));
        }
        if (out.isEmpty()) {
            fromRepositoryLayout(entry).ifPresent(out::add);
        }
        return out;
    }

    /** .../GROUP/DIRS/ARTIFACT/VERSION/ARTIFACT-VERSION[-CLASSIFIER].jar inside a ".../repository" folder. */
    private static Optional<Artifact> fromRepositoryLayout(Path jar) {
        Path abs = jar.toAbsolutePath().normalize();
        int n = abs.getNameCount();
        if (n < 5) {
            return Optional.empty();
        }
        String version = abs.getName(n - 2).toString();
        String artifact = abs.getName(n - 3).toString();
        if (!abs.getFileName().toString().startsWith(artifact + "-" + version)) {
            return Optional.empty();
        }
        for (int i = n - 4; i > 0; i--) {
            if (abs.getName(i - 1).toString().equals("repository")) {
                String group = abs.subpath(i, n - 3).toString().replace(abs.getFileSystem().getSeparator(), ".");
                return Optional.of(new Artifact(group + ":" + artifact, version, jar));
            }
        }
        return Optional.empty();
    }
}
