package org.seedscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClasspathArtifactsTest {

    /** Writes a jar holding one pom.properties per "group:artifact:version". */
    private static Path jar(Path file, String... coordinates) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("org/example/Some.class"));
            zip.closeEntry();
            for (String c : coordinates) {
                String[] p = c.split(":");
                zip.putNextEntry(new ZipEntry("META-INF/maven/" + p[0] + "/" + p[1] + "/pom.properties"));
                zip.write(("groupId=" + p[0] + "\nartifactId=" + p[1] + "\nversion=" + p[2] + "\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                zip.closeEntry();
            }
        }
        return file;
    }

    @Test
    void aJarIsIdentifiedByItsPomProperties(@TempDir Path tmp) throws IOException {
        Path renamed = jar(tmp.resolve("lib/seedscope-toolkit.jar"), "org.seedscope:seedscope-toolkit:0.1.0-SNAPSHOT");
        List<ClasspathArtifacts.Artifact> found = ClasspathArtifacts.identify(renamed);
        assertEquals(List.of(new ClasspathArtifacts.Artifact("org.seedscope:seedscope-toolkit", "0.1.0-SNAPSHOT", renamed)),
                found, "a single pom.properties names the jar whatever the file is called");
    }

    @Test
    void aShadedJarCountsOnlyAsItself(@TempDir Path tmp) throws IOException {
        Path shaded = jar(tmp.resolve("surefire-shared-utils-3.5.2.jar"),
                "org.apache.maven.surefire:surefire-shared-utils:3.5.2", "commons-io:commons-io:2.17.0");
        assertEquals(List.of("org.apache.maven.surefire:surefire-shared-utils:3.5.2"),
                ClasspathArtifacts.identify(shaded).stream().map(ClasspathArtifacts.Artifact::coordinate).toList(),
                "commons-io inside it is relocated, so it must not block %maven commons-io");
    }

    @Test
    void withoutPomPropertiesTheRepositoryLayoutNamesTheJar(@TempDir Path tmp) throws IOException {
        Path plain = jar(tmp.resolve(".m2/repository/org/example/tools/lib/2.0/lib-2.0.jar"));
        assertEquals(List.of("org.example.tools:lib:2.0"),
                ClasspathArtifacts.identify(plain).stream().map(ClasspathArtifacts.Artifact::coordinate).toList());
        assertTrue(ClasspathArtifacts.identify(jar(tmp.resolve("elsewhere/lib-2.0.jar"))).isEmpty());
        assertTrue(ClasspathArtifacts.identify(Files.createDirectories(tmp.resolve("classes"))).isEmpty());
    }

    @Test
    void theFirstEntryForAnArtifactWins(@TempDir Path tmp) throws IOException {
        Path first = jar(tmp.resolve("a/lib-1.0.jar"), "org.example:lib:1.0");
        Path second = jar(tmp.resolve("b/lib-2.0.jar"), "org.example:lib:2.0");
        ClasspathArtifacts artifacts = ClasspathArtifacts.of(List.of(first, second));
        assertEquals("1.0", artifacts.find("org.example:lib").orElseThrow().version(), "as the class loader would");
        assertTrue(artifacts.find("org.example:other").isEmpty());
    }
}
