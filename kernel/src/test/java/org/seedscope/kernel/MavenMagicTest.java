package org.seedscope.kernel;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

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
}
