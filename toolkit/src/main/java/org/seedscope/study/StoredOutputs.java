package org.seedscope.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.seedscope.study.OutputStore.Role;

/**
 * A read-only snapshot of a study's {@value OutputStore#FILE}: the last valid record per (cell key,
 * role). Reading never modifies the file, so it is safe while a study is still appending.
 */
public final class StoredOutputs {
    private final Path file;
    private final Map<String, ExampleOutputs> latest;
    private final Set<String> keys;
    private final int records;
    private final int corrupt;

    private StoredOutputs(Path file, Map<String, ExampleOutputs> latest, Set<String> keys, int records, int corrupt) {
        this.file = file;
        this.latest = latest;
        this.keys = keys;
        this.records = records;
        this.corrupt = corrupt;
    }

    /**
     * Reads {@code dir/}{@value OutputStore#FILE}.
     *
     * @param dir a study output folder
     * @return its stored outputs
     * @throws IllegalArgumentException when the file is missing (the study ran without stored outputs)
     *     or is not an outputs file of this version
     * @throws UncheckedIOException when it cannot be read
     */
    public static StoredOutputs read(Path dir) {
        Path file = dir.resolve(OutputStore.FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no per-example outputs at " + file.toAbsolutePath() + ": the study in "
                    + dir + " ran without storing them (auditSample: 0, as in demo --quick; or a toolkit that did not"
                    + " store outputs): rerun it with auditSample above 0 to audit it");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, ExampleOutputs> latest = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>();
        int[] count = new int[1];
        int corrupt = bytes.length < OutputStore.HEADER_BYTES ? 0 : OutputStore.scan(file, bytes, d -> {
            latest.put(slot(d.key(), d.role()), d.outputs());
            keys.add(d.key());
            count[0]++;
        }).skipped();
        return new StoredOutputs(file, latest, Collections.unmodifiableSet(keys), count[0], corrupt);
    }

    private static String slot(String key, Role role) {
        return role.ordinal() + "|" + key;
    }

    /**
     * @param key a cell key
     * @param role which model of the cell
     * @return the last stored outputs of that model, or null when none is stored
     */
    public ExampleOutputs get(String key, Role role) {
        return latest.get(slot(Objects.requireNonNull(key, "key"), Objects.requireNonNull(role, "role")));
    }

    /** @return the cell keys with at least one record, in order of first appearance */
    public Set<String> keys() {
        return keys;
    }

    /** @return the number of valid records read, superseded duplicates included */
    public int records() {
        return records;
    }

    /** @return the number of corrupt stretches skipped between valid records (0 for an intact file) */
    public int corruptRecords() {
        return corrupt;
    }

    /** @return the file read */
    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "StoredOutputs[" + file + ": " + keys.size() + " cells, " + records + " records"
                + (corrupt > 0 ? ", " + corrupt + " corrupt skipped" : "") + "]";
    }
}
