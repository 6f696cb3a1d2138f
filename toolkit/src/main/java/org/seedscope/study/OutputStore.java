package org.seedscope.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * The append-only, crash-safe store of per-example outputs ({@link ExampleOutputs}) beside a study's
 * {@code rows.jsonl}: {@value #FILE} in the output folder, one checksummed binary record per
 * (cell key, {@link Role}), each appended with a single write and forced to disk.
 *
 * <p>Format (big-endian): an 8-byte header, the int {@code 0x53535048} ("SSPH") and the format
 * version 1; then records, each
 * <pre>
 *   int    0x52454331 ("REC1")          record marker
 *   int    L                             payload length in bytes
 *   byte[L] payload:
 *            int  k, byte[k]             the cell key, UTF-8
 *            byte role                   0 = method, 1 = retrain
 *            int  n, int[n], float[n]    forget ids, then their phi
 *            int  m, int[m], float[m]    test ids, then their phi
 *   int    CRC-32C of the payload
 * </pre>
 * A record is valid when its marker, length, payload structure and checksum all check. Readers
 * ({@link StoredOutputs#read}) skip invalid bytes by searching for the next marker that starts a
 * valid record, and take the last valid record per (key, role). {@link #open} also cuts a torn
 * tail: everything after the last valid record (what a process killed mid-write leaves) is
 * truncated before appending.
 *
 * <p>Append a cell's outputs before its row: a crash in between leaves outputs without a row, the
 * rerun redoes the cell and appends them again, and readers take the newer copy.
 */
public final class OutputStore implements AutoCloseable {
    /** Name of the outputs file. */
    public static final String FILE = "outputs.bin";
    static final int HEADER_MAGIC = 0x53535048;
    static final int VERSION = 1;
    static final int HEADER_BYTES = 8;
    static final int RECORD_MAGIC = 0x52454331;

    /** Which model of a cell a record holds. */
    public enum Role {
        /** The cell's method's model (for method {@code original}: the original unchanged). */
        METHOD("method"),
        /** The cell's Retrain model. */
        RETRAIN("retrain");

        private final String id;

        Role(String id) {
            this.id = id;
        }

        /** @return "method" or "retrain" */
        public String id() {
            return id;
        }
    }

    private final Path file;
    private final FileChannel channel;

    private OutputStore(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Opens (creating if needed) {@value #FILE} in {@code dir} for appending; cuts a torn tail.
     *
     * @param dir the study output folder
     * @return the store
     * @throws IllegalArgumentException when the file exists but is not an outputs file of this version
     * @throws UncheckedIOException when it cannot be opened or repaired
     */
    public static OutputStore open(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            try {
                byte[] bytes = Files.readAllBytes(file);
                long good;
                if (bytes.length < HEADER_BYTES) {
                    ch.truncate(0);
                    ch.position(0);
                    write(ch, ByteBuffer.allocate(HEADER_BYTES).putInt(HEADER_MAGIC).putInt(VERSION).flip());
                    good = HEADER_BYTES;
                } else {
                    good = scan(file, bytes, record -> { }).end();
                }
                ch.truncate(good);
                ch.position(good);
                ch.force(true);
                return new OutputStore(file, ch);
            } catch (RuntimeException | IOException e) {
                ch.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the outputs store " + file + " (is the folder writable?)", e);
        }
    }

    /**
     * Appends one record durably.
     *
     * @param key the cell key ({@link Cell#key()})
     * @param role which of the cell's models
     * @param outputs its outputs
     */
    public synchronized void append(String key, Role role, ExampleOutputs outputs) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(role, "role");
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int payload = 4 + k.length + 1 + 4 + 8 * outputs.forget().length + 4 + 8 * outputs.test().length;
        ByteBuffer b = ByteBuffer.allocate(12 + payload);
        b.putInt(RECORD_MAGIC).putInt(payload);
        b.putInt(k.length).put(k).put((byte) role.ordinal());
        putGroup(b, outputs.forgetIds(), outputs.forget());
        putGroup(b, outputs.testIds(), outputs.test());
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 8, payload);
        b.putInt((int) crc.getValue());
        try {
            write(channel, b.flip());
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append outputs of " + key + " (" + role.id() + ") to " + file, e);
        }
    }

    private static void putGroup(ByteBuffer b, int[] ids, float[] values) {
        b.putInt(ids.length);
        for (int id : ids) {
            b.putInt(id);
        }
        for (float v : values) {
            b.putFloat(v);
        }
    }

    private static void write(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** What a scan found: the end of the last valid record and the number of invalid stretches skipped. */
    record Scan(long end, int skipped) {}

    /** One decoded record. */
    record Decoded(String key, Role role, ExampleOutputs outputs) {}

    /**
     * Decodes every valid record of a file's bytes in order.
     *
     * @param file the file (for messages)
     * @param bytes its content, at least the header
     * @param sink receives each valid record, in file order
     * @return where the last valid record ends, and how many stretches of invalid bytes lie between
     *     valid records (corrupt records; the torn tail after the last valid record is not counted)
     */
    static Scan scan(Path file, byte[] bytes, Consumer<Decoded> sink) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (b.getInt(0) != HEADER_MAGIC) {
            throw new IllegalArgumentException(file + " is not a SeedScope outputs file (wrong magic number)");
        }
        if (b.getInt(4) != VERSION) {
            throw new IllegalArgumentException(file + " has outputs format version " + b.getInt(4)
                    + "; this toolkit reads version " + VERSION);
        }
        int pos = HEADER_BYTES;
        long end = HEADER_BYTES;
        int skipped = 0;
        boolean inGap = false;
        while (pos + 12 <= bytes.length) {
            Decoded d = b.getInt(pos) == RECORD_MAGIC ? decode(b, pos) : null;
            if (d == null) {
                inGap = true;
                pos++;
                continue;
            }
            if (inGap) {
                skipped++; // invalid bytes between two valid records; a gap at the end is the torn tail
                inGap = false;
            }
            sink.accept(d);
            pos += 12 + b.getInt(pos + 4);
            end = pos;
        }
        return new Scan(end, skipped);
    }

    /** @return the record starting at {@code pos}, or null when it is not a complete, valid record */
    private static Decoded decode(ByteBuffer b, int pos) {
        int length = b.getInt(pos + 4);
        if (length < 0 || (long) pos + 12 + length > b.capacity()) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(b.array(), pos + 8, length);
        if ((int) crc.getValue() != b.getInt(pos + 8 + length)) {
            return null;
        }
        ByteBuffer p = ByteBuffer.wrap(b.array(), pos + 8, length).slice();
        try {
            byte[] key = new byte[p.getInt()];
            p.get(key);
            int role = p.get();
            if (role < 0 || role >= Role.values().length) {
                return null;
            }
            int[][] ids = new int[2][];
            float[][] values = new float[2][];
            for (int g = 0; g < 2; g++) {
                int n = p.getInt();
                if (n < 0 || 8L * n > p.remaining()) {
                    return null;
                }
                ids[g] = new int[n];
                values[g] = new float[n];
                p.asIntBuffer().get(ids[g]);
                p.position(p.position() + 4 * n);
                p.asFloatBuffer().get(values[g]);
                p.position(p.position() + 4 * n);
            }
            if (p.hasRemaining()) {
                return null;
            }
            return new Decoded(new String(key, StandardCharsets.UTF_8), Role.values()[role],
                    new ExampleOutputs(ids[0], values[0], ids[1], values[1]));
        } catch (RuntimeException e) {
            return null; // a checksum collision on malformed bytes: not a record
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }
}
