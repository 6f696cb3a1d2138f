package org.seedscope.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: all or nothing, causes kept in messages, leftovers of dead processes removed. */
class AtomicFilesTest {

    @Test
    void aWriteReplacesTheFileWholeAndAFailedOneLeavesItAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("results.csv");
        AtomicFiles.write(target, "old".getBytes());
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes());
            throw new IOException("No space left on device");
        }));
        assertEquals("cannot write " + target + ": No space left on device", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("results.csv"), Files.list(dir).map(p -> p.getFileName().toString()).toList());
    }

    @Test
    void errorsKeepTheirCause(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.write(file.resolve("inside.txt"), new byte[1]));
        assertTrue(e.getMessage().startsWith("cannot write " + file.resolve("inside.txt") + ": ")
                && e.getMessage().contains("Not a directory"), e.getMessage());
        UncheckedIOException full = AtomicFiles.failure("cannot save model", new FileSystemException("/x/model.onnx", null,
                "No space left on device"));
        assertEquals("cannot save model: No space left on device (/x/model.onnx)", full.getMessage());
    }

    @Test
    void leftoversOfDeadProcessesAreRemovedAndLiveOnesKept(@TempDir Path dir) throws IOException {
        Path dead = Files.createDirectories(dir.resolve(".entry." + AtomicFiles.hostName() + ".999999999-3" + AtomicFiles.TMP_SUFFIX));
        Path mine = Files.writeString(AtomicFiles.temporarySibling(dir.resolve("report.html")), "in progress");
        assertEquals(List.of(dead), AtomicFiles.removeLeftovers(dir));
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(mine), "this process's own temporary file is not a leftover");
        Path otherHost = Files.createDirectories(dir.resolve(".entry.another_host.999999999-4" + AtomicFiles.TMP_SUFFIX));
        assertEquals(List.of(), AtomicFiles.removeLeftovers(dir), "another machine's recent entry may be in progress");
        assertTrue(Files.exists(otherHost));
    }
}
