package org.seedscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MavenMagicTest {
    @Test
    void missingMvnIsExplained() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new MavenMagic(Optional.empty(), List.of()).resolve(List.of("org.example:lib:1.0")));
        assertTrue(e.getMessage().contains("no executable mvn on the PATH"), e.getMessage());
    }

    @Test
    void malformedCoordinatesAreRejectedBeforeRunningMaven() {
        MavenMagic magic = new MavenMagic(Optional.empty(), List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> magic.resolve(List.of("org.example:lib")));
        assertTrue(e.getMessage().contains("'org.example:lib' is not groupId:artifactId:version"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> magic.resolve(List.of()));
        assertThrows(IllegalArgumentException.class, () -> magic.resolve(List.of("a:b:1</version>")));
    }

    @Test
    void resolvesAnArtifactWithItsDependenciesToLocalRepositoryJars() throws InterruptedException {
        Optional<Path> mvn = MavenMagic.findOnPath("mvn");
        assumeTrue(mvn.isPresent(), "skipped: no mvn on the PATH");
        // A toolkit dependency, so it is in the local repository wherever this module was built.
        List<Path> jars = new MavenMagic(mvn, List.of()).resolve(List.of("org.apache.commons:commons-statistics-inference:1.1"));
        assertTrue(jars.stream().anyMatch(p -> p.getFileName().toString().equals("commons-statistics-inference-1.1.jar")), jars::toString);
        assertTrue(jars.stream().anyMatch(p -> p.getFileName().toString().equals("commons-statistics-ranking-1.1.jar")),
                "its dependency, per its POM: " + jars);
        assertTrue(jars.stream().allMatch(Files::isRegularFile), jars::toString);
    }

    @Test
    void ansiEscapesAreStrippedFromMavensErrors(@TempDir Path tmp) throws Exception {
        assertEquals("[ERROR] Could not find artifact a:b:1", MavenMagic.stripAnsi(
                "\u001B[1;31m[ERROR]\u001B[m Could not find \u001B[36martifact\u001B[0;39m a:b:1\u001B(B"));
        Path mvn = tmp.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\nprintf '\\033[1;31m[ERROR]\\033[m Failed to resolve \\033[1mx:y:1\\033[m\\n'\nexit 1\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MavenMagic(Optional.of(mvn), List.of()).resolve(List.of("x:y:1")));
        assertTrue(e.getMessage().endsWith("\n[ERROR] Failed to resolve x:y:1"), e.getMessage());
        assertFalse(e.getMessage().contains("\u001B"), e.getMessage());
    }
}
