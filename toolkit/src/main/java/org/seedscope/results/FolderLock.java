package org.seedscope.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.seedscope.files.AtomicFiles;

/**
 * An exclusive, operating-system lock on a study's output folder ({@value #NAME} inside it), so
 * that only one process (and one study within a process) writes a folder at a time. The lock file
 * holds the holder's process id for the refusal message. The operating system releases the lock
 * when its process dies, so a lock left by a killed process is reclaimed by the next run; the
 * stale process id in the file is simply overwritten.
 */
public final class FolderLock implements AutoCloseable {
    /** Name of the lock file inside the folder. */
    public static final String NAME = ".seedscope.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock or fails at once.
     *
     * @param dir the output folder (created if missing)
     * @return the held lock; close it to release
     * @throws IllegalStateException when another process or study holds it, naming the folder and
     *     the holder's process id
     * @throws java.io.UncheckedIOException when the folder cannot be created or the lock file
     *     written (with the cause)
     */
    public static FolderLock acquire(Path dir) {
        Path file = dir.resolve(NAME);
        FileChannel ch = null;
        try {
            Files.createDirectories(dir);
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null;
            }
            if (l == null) {
                String holder = holder(ch);
                ch.close();
                throw new IllegalStateException("output folder " + dir + " is in use by "
                        + (holder.isEmpty() ? "another study" : "process " + holder)
                        + " (lock " + file + "); wait for it to finish or use another --out folder");
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new FolderLock(ch, l);
        } catch (IOException e) {
            closeQuietly(ch);
            throw AtomicFiles.failure("cannot lock output folder " + dir, e);
        }
    }

    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32);
        ch.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).strip();
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // reporting the first failure matters more
            }
        }
    }

    /** Releases the lock. */
    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw AtomicFiles.failure("cannot release the output-folder lock", e);
        }
    }
}
