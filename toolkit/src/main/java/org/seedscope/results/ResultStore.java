package org.seedscope.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import org.seedscope.files.AtomicFiles;

/**
 * The append-only, crash-safe store of a study's rows: {@code rows.jsonl} in the output folder.
 * Its first line is a header naming the canonical spec's SHA-256 and the build id that wrote it;
 * every further line is one row, {@code {"crc32":"…","row":{…}}}, where the checksum covers the
 * row's JSON text exactly as written. Lines are only ever appended (the file is opened in append
 * mode), each with one write forced to disk before the cell counts as done.
 *
 * <p>Opening recovers: every line that parses and passes its checksum is kept; a torn last line
 * (a write cut by a kill), a line failing its checksum or a repeated cell key is dropped, the
 * dropped bytes are saved to {@code rows.jsonl.dropped}, the journal is rewritten atomically
 * without them, and one warning says how many were dropped and why — the dropped cells then run
 * again, never silently. A journal whose header names another spec or build is refused.
 *
 * <p>The store holds the folder's {@link FolderLock} from {@link #open} to {@link #close}.
 */
public final class ResultStore implements AutoCloseable {
    /** Name of the journal file. */
    public static final String ROWS = "rows.jsonl";
    /** Where dropped journal lines are kept for inspection. */
    public static final String DROPPED = "rows.jsonl.dropped";
    private static final String FORMAT = "seedscope-rows/2";
    private static final ObjectMapper JSON = ResultRow.Json.MAPPER;
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = ResultRow.Json.MAP;

    private final Path file;
    private final StudyIdentity identity;
    private final FileChannel channel;
    private final List<ResultRow> rows;
    private final Map<String, ResultRow> byKey = new LinkedHashMap<>();
    private final Recovery recovery;

    /**
     * Which study a journal belongs to.
     *
     * @param specSha256 SHA-256 of the canonical spec JSON
     * @param build the toolkit build id that runs it
     */
    public record StudyIdentity(String specSha256, String build) {
        /** Checks the fields. */
        public StudyIdentity {
            Objects.requireNonNull(specSha256, "specSha256");
            Objects.requireNonNull(build, "build");
        }
    }

    /**
     * What opening the journal found.
     *
     * @param kept rows kept
     * @param torn 1 when the last line was cut by an interrupted write, else 0
     * @param corrupt lines that did not parse or failed their checksum
     * @param duplicates lines repeating a cell key already stored
     * @param foreign rows naming another spec than the header
     */
    public record Recovery(int kept, int torn, int corrupt, int duplicates, int foreign) {
        /** @return lines dropped in all */
        public int dropped() {
            return torn + corrupt + duplicates + foreign;
        }

        /** @return e.g. "kept 37 rows; dropped 2 (1 torn last line, 1 failing its checksum)" */
        public String describe() {
            List<String> why = new ArrayList<>();
            if (torn > 0) {
                why.add(torn + " torn last line from an interrupted write");
            }
            if (corrupt > 0) {
                why.add(corrupt + " failing to parse or failing its checksum");
            }
            if (duplicates > 0) {
                why.add(duplicates + " repeating a stored cell");
            }
            if (foreign > 0) {
                why.add(foreign + " from another spec");
            }
            return "kept " + kept + " rows" + (why.isEmpty() ? "" : "; dropped " + dropped() + " (" + String.join(", ", why) + ")");
        }
    }

    private ResultStore(Path file, StudyIdentity identity, FileChannel channel, List<ResultRow> rows,
            Recovery recovery) {
        this.file = file;
        this.identity = identity;
        this.channel = channel;
        this.rows = rows;
        this.recovery = recovery;
        rows.forEach(r -> byKey.put(r.key(), r));
    }

    /**
     * Opens (creating if needed) the journal in {@code dir}. The caller holds the folder's lock.
     *
     * @param dir the output folder
     * @param identity the study's identity; an existing journal must carry the same
     * @param warnings receives one line when recovery dropped lines
     * @return the store holding every valid row already written
     * @throws IllegalArgumentException when the journal belongs to another spec or build, or is not
     *     a SeedScope journal
     * @throws UncheckedIOException when the file cannot be read or written (with its cause)
     */
    public static ResultStore open(Path dir, StudyIdentity identity, Consumer<String> warnings) {
        Path file = dir.resolve(ROWS);
        try {
            List<ResultRow> rows = new ArrayList<>();
            Recovery recovery = new Recovery(0, 0, 0, 0, 0);
            if (Files.exists(file)) {
                byte[] bytes = Files.readAllBytes(file);
                if (bytes.length > 0) {
                    recovery = recover(file, bytes, identity, rows);
                    if (recovery.dropped() > 0) {
                        warnings.accept(file + ": " + recovery.describe() + "; the dropped lines are saved in "
                                + dir.resolve(DROPPED) + " and their cells run again");
                    }
                }
            }
            if (!Files.exists(file) || Files.size(file) == 0) {
                AtomicFiles.write(file, headerLine(identity));
            }
            FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            return new ResultStore(file, identity, ch, rows, recovery);
        } catch (IOException e) {
            throw AtomicFiles.failure("cannot open the result journal " + file, e);
        }
    }

    private static byte[] headerLine(StudyIdentity id) throws JsonProcessingException {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("journal", FORMAT);
        h.put("spec_sha256", id.specSha256());
        h.put("build", id.build());
        return (JSON.writeValueAsString(h) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static Recovery recover(Path file, byte[] bytes, StudyIdentity identity, List<ResultRow> rows)
            throws IOException {
        int firstEnd = indexOf(bytes, 0);
        String header = new String(bytes, 0, firstEnd < 0 ? bytes.length : firstEnd, StandardCharsets.UTF_8);
        checkHeader(file, header, identity);
        ByteArrayOutputStream good = new ByteArrayOutputStream();
        ByteArrayOutputStream dropped = new ByteArrayOutputStream();
        good.write(bytes, 0, firstEnd + 1);
        int torn = 0;
        int corrupt = 0;
        int duplicates = 0;
        int foreign = 0;
        java.util.Set<String> keys = new java.util.HashSet<>();
        int start = firstEnd + 1;
        while (start < bytes.length) {
            int end = indexOf(bytes, start);
            if (end < 0) {
                torn++;
                dropped.write(bytes, start, bytes.length - start);
                dropped.write('\n');
                break;
            }
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            ResultRow row = parseLine(line);
            boolean keep = false;
            if (row == null) {
                corrupt++;
            } else if (!identity.specSha256().equals(row.provenance().get(ResultSchema.SPEC_SHA256.name()))) {
                foreign++;
            } else if (!keys.add(row.key())) {
                duplicates++;
            } else {
                rows.add(row);
                keep = true;
            }
            (keep ? good : dropped).write(bytes, start, end - start + 1);
            start = end + 1;
        }
        Recovery r = new Recovery(rows.size(), torn, corrupt, duplicates, foreign);
        if (r.dropped() > 0) {
            Path keep = file.resolveSibling(DROPPED);
            Files.write(keep, dropped.toByteArray(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            AtomicFiles.write(file, good.toByteArray());
        }
        return r;
    }

    private static void checkHeader(Path file, String header, StudyIdentity identity) {
        Map<String, Object> h;
        try {
            h = JSON.readValue(header, MAP);
        } catch (JsonProcessingException e) {
            h = Map.of();
        }
        if (!FORMAT.equals(h.get("journal"))) {
            throw new IllegalArgumentException(file + " is not a SeedScope result journal of this version (its first "
                    + "line has no \"journal\": \"" + FORMAT + "\" header); use another --out folder");
        }
        if (!identity.specSha256().equals(h.get("spec_sha256"))) {
            throw new IllegalArgumentException(file.getParent() + " holds the results of another spec (journal spec "
                    + h.get("spec_sha256") + ", this spec " + identity.specSha256() + "); use another --out folder");
        }
        if (!identity.build().equals(h.get("build"))) {
            throw new IllegalArgumentException(file.getParent() + " holds results written by another toolkit build ("
                    + h.get("build") + "; this is build " + identity.build() + "): rows from other code are not "
                    + "reused; use another --out folder");
        }
    }

    private static ResultRow parseLine(String line) {
        String prefix = "{\"crc32\":\"";
        int rowStart = prefix.length() + 8 + "\",\"row\":".length();
        if (!line.startsWith(prefix) || line.length() < rowStart + 2 || !line.endsWith("}")
                || !line.startsWith("\",\"row\":", prefix.length() + 8)) {
            return null;
        }
        String rowJson = line.substring(rowStart, line.length() - 1);
        if (!line.substring(prefix.length(), prefix.length() + 8).equals(crc(rowJson))) {
            return null;
        }
        try {
            return ResultRow.fromJson(rowJson);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String crc(String text) {
        CRC32 c = new CRC32();
        c.update(text.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", c.getValue());
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** @return what opening found */
    public Recovery recovery() {
        return recovery;
    }

    /** @return the study identity the journal carries */
    public StudyIdentity identity() {
        return identity;
    }

    /**
     * @param key a cell key
     * @return true when a row for the cell is stored
     */
    public synchronized boolean contains(String key) {
        return byKey.containsKey(key);
    }

    /**
     * Appends one row durably (one write, then a forced flush). The stored copy is the row as read
     * back from its JSON text, so rows of this run and rows recovered later are identical.
     *
     * @param row the row; its {@code spec_sha256} provenance must be this study's
     * @throws IllegalArgumentException for a row of another spec or an already stored cell
     */
    public synchronized void append(ResultRow row) {
        if (!identity.specSha256().equals(row.provenance().get(ResultSchema.SPEC_SHA256.name()))) {
            throw new IllegalArgumentException("row " + row.key() + " names another spec than this journal's");
        }
        if (byKey.containsKey(row.key())) {
            throw new IllegalArgumentException("cell " + row.key() + " is already stored in " + file);
        }
        try {
            String rowJson = row.toJson();
            String line = "{\"crc32\":\"" + crc(rowJson) + "\",\"row\":" + rowJson + "}\n";
            ByteBuffer buffer = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
            ResultRow stored = ResultRow.fromJson(rowJson);
            rows.add(stored);
            byKey.put(stored.key(), stored);
        } catch (IOException e) {
            throw AtomicFiles.failure("cannot append a row to " + file, e);
        }
    }

    /** @return the stored rows in the order they were written */
    public synchronized List<ResultRow> rows() {
        return List.copyOf(rows);
    }

    /** @return number of stored rows */
    public synchronized int size() {
        return rows.size();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw AtomicFiles.failure("cannot close " + file, e);
        }
    }
}
