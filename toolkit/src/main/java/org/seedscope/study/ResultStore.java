package org.seedscope.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The append-only, crash-safe store of a study's rows: {@code rows.jsonl} in the output folder, one
 * JSON object per line, each appended with a single write and forced to disk before the next cell
 * is reported done. A process killed at any moment leaves at most one torn last line, which
 * {@link #open} cuts off, so a rerun redoes exactly the cells that have no complete row. The
 * folder also holds {@code spec.json}; reopening it with a different spec is refused.
 */
public final class ResultStore implements AutoCloseable {
    /** Name of the journal file. */
    public static final String ROWS = "rows.jsonl";
    /** Name of the spec file. */
    public static final String SPEC = "spec.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final FileChannel channel;
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final Set<String> keys = new LinkedHashSet<>();

    private ResultStore(Path dir, FileChannel channel) {
        this.dir = dir;
        this.channel = channel;
    }

    /**
     * Opens (creating if needed) the store in {@code dir} for a spec.
     *
     * @param dir the output folder
     * @param specJson the canonical JSON of the spec ({@link SpecFiles#toJson})
     * @return the store, holding every complete row already written
     */
    public static ResultStore open(Path dir, String specJson) {
        try {
            Files.createDirectories(dir);
            Path spec = dir.resolve(SPEC);
            if (Files.exists(spec)) {
                String existing = Files.readString(spec);
                if (!existing.equals(specJson)) {
                    throw new IllegalArgumentException("output folder " + dir + " holds results of a different spec ("
                            + spec + "); use another --out folder or delete it");
                }
            } else {
                Path tmp = Files.createTempFile(dir, ".spec", ".tmp");
                Files.writeString(tmp, specJson);
                Files.move(tmp, spec, StandardCopyOption.ATOMIC_MOVE);
            }
            Path file = dir.resolve(ROWS);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            ResultStore store = new ResultStore(dir, ch);
            store.recover(file);
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the result store in " + dir + " (is it writable?)", e);
        }
    }

    private void recover(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int good = 0;
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
                Map<String, Object> row;
                try {
                    row = JSON.readValue(line, new TypeReference<LinkedHashMap<String, Object>>() {});
                } catch (JsonProcessingException e) {
                    break;
                }
                remember(row);
                good = i + 1;
                start = i + 1;
            }
        }
        channel.truncate(good);
        channel.position(good);
        channel.force(true);
    }

    private void remember(Map<String, Object> row) {
        rows.add(row);
        keys.add(String.valueOf(row.get("key")));
    }

    /**
     * @param key a cell key ({@link Cell#key()})
     * @return true when a complete row for the cell is stored
     */
    public synchronized boolean contains(String key) {
        return keys.contains(key);
    }

    /**
     * Appends one row durably. The row must have a {@code key} entry. The stored copy is the row as
     * read back from its JSON line, so rows kept from this run and rows recovered by a later run
     * have identical values and types.
     *
     * @param row column name to value (String, Integer, Long, Double, Boolean or null)
     */
    public synchronized void append(Map<String, Object> row) {
        try {
            String text = JSON.writeValueAsString(row);
            byte[] line = (text + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
            remember(JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {}));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append a row to " + dir.resolve(ROWS), e);
        }
    }

    /** @return number of stored rows */
    public synchronized int size() {
        return rows.size();
    }

    /**
     * The rows as a Tablesaw table sorted by the {@code cell} column, with the journal's
     * bookkeeping column {@code key} left out. Whole numbers become int or long columns, other
     * numbers double columns (missing values for null), everything else strings.
     *
     * @param name table name
     * @return the table
     */
    public synchronized Table table(String name) {
        return toTable(name, rows);
    }

    static Table toTable(String name, List<Map<String, Object>> rows) {
        List<Map<String, Object>> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingLong(r -> ((Number) r.getOrDefault("cell", 0)).longValue()));
        Set<String> names = new LinkedHashSet<>();
        sorted.forEach(r -> names.addAll(r.keySet()));
        names.remove("key");
        Table t = Table.create(name);
        for (String col : names) {
            t.addColumns(column(col, sorted));
        }
        return t;
    }

    private static Column<?> column(String name, List<Map<String, Object>> rows) {
        boolean allInt = true;
        boolean allWhole = true;
        boolean allNumeric = true;
        for (Map<String, Object> r : rows) {
            Object v = r.get(name);
            if (v == null) {
                allInt = false;
                allWhole = false;
                continue;
            }
            if (!(v instanceof Number)) {
                allNumeric = false;
            } else if (!(v instanceof Integer)) {
                allInt = false;
                if (!(v instanceof Long)) {
                    allWhole = false;
                }
            }
        }
        if (allNumeric && allInt) {
            return IntColumn.create(name, rows.stream().mapToInt(r -> ((Number) r.get(name)).intValue()).toArray());
        }
        if (allNumeric && allWhole) {
            return LongColumn.create(name, rows.stream().mapToLong(r -> ((Number) r.get(name)).longValue()).toArray());
        }
        if (allNumeric) {
            DoubleColumn c = DoubleColumn.create(name);
            rows.forEach(r -> {
                Object v = r.get(name);
                if (v == null) {
                    c.appendMissing();
                } else {
                    c.append(((Number) v).doubleValue());
                }
            });
            return c;
        }
        StringColumn c = StringColumn.create(name);
        rows.forEach(r -> c.append(r.get(name) == null ? "" : String.valueOf(r.get(name))));
        return c;
    }

    /**
     * Writes a table as CSV atomically (temporary file, then rename).
     *
     * @param table the table
     * @param file the destination
     */
    public static void writeCsv(Table table, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Path tmp = Files.createTempFile(parent, ".results", ".csv.tmp");
            table.write().csv(tmp.toFile());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + dir.resolve(ROWS), e);
        }
    }
}
