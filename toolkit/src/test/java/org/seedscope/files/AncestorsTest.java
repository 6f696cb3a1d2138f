package org.seedscope.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AncestorsTest {

    @Test
    void theStartThenEachParentUpToTheRoot() {
        assertEquals(List.of(Path.of("/a/b/c"), Path.of("/a/b"), Path.of("/a"), Path.of("/")),
                Ancestors.of(Path.of("/a/b/c")));
    }

    @Test
    void aRelativeStartIsResolvedAgainstTheWorkingDirectory() {
        List<Path> folders = Ancestors.of(Path.of("x"));
        assertEquals(Path.of("").toAbsolutePath().resolve("x"), folders.get(0));
        assertEquals(Path.of("").toAbsolutePath(), folders.get(1));
        assertEquals(Path.of("/"), folders.get(folders.size() - 1));
    }
}
