package org.seedscope.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.seedscope.results.ResultTables;
import org.seedscope.study.ExampleOutputs;
import org.seedscope.study.OutputStore;
import org.seedscope.study.StoredOutputs;
import org.seedscope.study.DatasetIds;
import org.seedscope.study.SpecFiles;
import org.seedscope.study.StudyRunner;
import org.seedscope.study.StudySpec;
import org.seedscope.tribuo.TribuoMethods;
import tech.tablesaw.api.Table;

/**
 * The study the Spark tests run: digits, MLP 64-16-10, 3 epochs, Algorithm 1 (1 x 3) and Algorithm 2
 * (3 x 1) with four methods including a deterministic one and Amnesiac: 24 cells, 3 originals and 3
 * Retrains, each shared by both protocols.
 */
final class SmokeStudy {
    /** The spec as a user writes it. */
    static final String YAML = """
            name: spark-smoke
            dataset: digits
            model: mlp-16
            training: {epochs: 3, batchSize: 64}
            forget: [full:3]
            methods: [retrain, finetune, ssd-det, amnesiac]
            metrics: [test_acc, forget_acc, mia, js_forget, l2_dist]
            trainingSeeds: 3
            unlearningSeeds: 3
            protocols: [one-training-seed, many-training-seeds]
            """;
    /** Cells of the study. */
    static final int CELLS = 24;

    private SmokeStudy() {}

    static StudySpec spec() {
        return SpecFiles.parse(YAML, true, "spark-smoke.yaml");
    }

    /**
     * @param dir a folder
     * @return the spec written there as {@code spark-smoke.yaml}
     */
    static Path write(Path dir) {
        try {
            return Files.writeString(Files.createDirectories(dir).resolve("spark-smoke.yaml"), YAML);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a runner for the study on this JVM's threads (2 workers) */
    static StudyRunner runner() {
        StudySpec spec = spec();
        return StudyRunner.of(spec, DatasetIds.resolve(spec), TribuoMethods.registry()).withWorkers(2);
    }

    /**
     * @param dir a finished study folder
     * @return its stored per-example outputs (the audit's input) as text, by cell key and role: equal
     *     texts mean bit-identical outputs, whatever order they were written in
     */
    static String outputs(Path dir) {
        StoredOutputs stored = StoredOutputs.read(dir);
        StringBuilder text = new StringBuilder();
        for (String key : stored.keys().stream().sorted().toList()) {
            for (OutputStore.Role role : OutputStore.Role.values()) {
                ExampleOutputs o = stored.get(key, role);
                if (o != null) {
                    text.append(key).append(' ').append(role.id()).append(' ').append(Arrays.toString(o.forgetIds()))
                            .append(Arrays.toString(o.forget())).append(Arrays.toString(o.testIds()))
                            .append(Arrays.toString(o.test())).append('\n');
                }
            }
        }
        return text.toString();
    }

    /**
     * @param t a result table
     * @return every column but the measured ones, as text: equal texts mean bit-identical rows
     */
    static String comparable(Table t) {
        return ResultTables.withoutMeasurements(t).setName("rows").printAll();
    }
}
