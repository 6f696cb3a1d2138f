package org.seedscope.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.seedscope.files.Ancestors;
import org.seedscope.results.ResultTables;
import org.seedscope.study.SpecFiles;
import org.seedscope.study.Study;
import org.seedscope.study.StudyResult;
import org.seedscope.study.StudySpec;

/**
 * A study shipped with the repository: {@code datasets/studies/NAME/spec.yaml} and the
 * {@code results.csv} that {@code ./seedscope run} wrote for it (see that folder's README). One line
 * gives a notebook either the shipped rows or the same study run live:
 * <pre>{@code
 * StudyResult demo = Lab.shipped("demo").get(LIVE);
 * }</pre>
 * Live runs go through {@link Study#of(StudySpec)}, so they write to the build-aware default folder
 * {@code seedscope-runs/NAME-HASH} of {@link Study#folder()} (the hash covers the spec, the data and
 * the toolkit's build id): rerunning resumes, and a new build or a changed spec gets a new folder
 * instead of a refusal.
 *
 * @param name the study's folder name, e.g. {@code demo}
 * @param folder the folder holding {@code spec.yaml} and {@code results.csv}; as found by
 *     {@link #named}, relative to the working directory (e.g. {@code ../datasets/studies/demo} in
 *     {@code notebooks/}, where a notebook runs)
 * @param spec the spec read from {@code spec.yaml}
 */
public record ShippedStudy(String name, Path folder, StudySpec spec) {
    /** Where shipped studies live inside the repository. */
    public static final Path STUDIES = Path.of("datasets", "studies");
    /** The spec file of a shipped study. */
    public static final String SPEC = "spec.yaml";
    /** The result table of a shipped study. */
    public static final String RESULTS = "results.csv";
    /** Training examples of a smoke-sized run (class-balanced subset). */
    public static final int SMOKE_TRAIN = 1000;
    /** Test examples of a smoke-sized run. */
    public static final int SMOKE_TEST = 300;
    /** Training seeds I and unlearning seeds J of a smoke-sized run (as far as each protocol uses them). */
    public static final int SMOKE_SEEDS = 2;
    /** Training epochs of originals and Retrain in a smoke-sized run. */
    public static final int SMOKE_EPOCHS = 2;

    /** Checks the components. */
    public ShippedStudy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(spec, "spec");
    }

    /**
     * Finds {@code datasets/studies/NAME/spec.yaml} in {@code start} or the nearest of its parents
     * that has it, and reads the spec. The folder is kept relative to the working directory, so that
     * what a notebook shows does not depend on where the repository was checked out.
     *
     * @param name the study's folder name: letters, digits, {@code .}, {@code _} and {@code -}
     * @param start where the search starts (a notebook's working directory; relative paths are
     *     resolved against the working directory)
     * @return the shipped study
     * @throws IllegalArgumentException for a bad name, or when no such study exists; the message names
     *     the folders searched and the shipped studies found
     * @throws java.io.UncheckedIOException when the spec cannot be read
     */
    public static ShippedStudy named(String name, Path start) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9_.-]+") || name.matches("\\.+")) {
            throw new IllegalArgumentException("shipped study name '" + name + "' is not a folder name: use letters, "
                    + "digits, '.', '_' and '-', e.g. demo");
        }
        Path studies = null;
        for (Path d : Ancestors.of(start)) {
            Path candidate = d.resolve(STUDIES);
            if (Files.isRegularFile(candidate.resolve(name).resolve(SPEC))) {
                Path folder = Path.of("").toAbsolutePath().relativize(candidate.resolve(name));
                return new ShippedStudy(name, folder, SpecFiles.read(folder.resolve(SPEC)));
            }
            if (studies == null && Files.isDirectory(candidate)) {
                studies = candidate;
            }
        }
        throw new IllegalArgumentException("no shipped study '" + name + "': no " + STUDIES.resolve(name).resolve(SPEC)
                + " in " + start.toAbsolutePath() + " or its parents; "
                + (studies == null ? "no " + STUDIES + " folder found either (run the notebook inside the repository)"
                        : "shipped studies in " + studies + ": " + available(studies)));
    }

    private static List<String> available(Path studies) {
        try (Stream<Path> entries = Files.list(studies)) {
            return entries.filter(p -> Files.isRegularFile(p.resolve(SPEC))).map(p -> p.getFileName().toString())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + studies, e);
        }
    }

    /**
     * The shipped rows, read as {@link ResultTables#read} does (schema columns typed, metrics double).
     *
     * @return a result with the shipped spec, the table and this folder; no cache use, no warnings
     * @throws IllegalArgumentException when {@code results.csv} is missing, naming it
     */
    public StudyResult result() {
        return new StudyResult(spec, ResultTables.read(folder.resolve(RESULTS)), folder, 0, 0, 0, List.of());
    }

    /** @return the shipped spec at full size as a fluent study, ready to {@link Study#run()} or to change */
    public Study live() {
        return Study.of(spec);
    }

    /**
     * The shipped spec shrunk to smoke size: named {@code NAME-smoke}, a class-balanced subset of
     * {@value #SMOKE_TRAIN} training and {@value #SMOKE_TEST} test examples, {@value #SMOKE_SEEDS}
     * training and unlearning seeds in every protocol that varies them, {@value #SMOKE_EPOCHS} epochs.
     * Everything else (model, forget scenarios, methods, metrics, protocols) stays.
     *
     * @return the smoke-sized spec
     */
    public StudySpec smokeSpec() {
        return spec.withName(spec.name() + "-smoke").withDataset(spec.dataset(), SMOKE_TRAIN, SMOKE_TEST)
                .withSeeds(SMOKE_SEEDS, SMOKE_SEEDS).withTraining(spec.training().withEpochs(SMOKE_EPOCHS));
    }

    /** @return {@link #smokeSpec()} as a fluent study */
    public Study smoke() {
        return Study.of(smokeSpec());
    }

    /**
     * The notebooks' one line: the shipped rows, or a live run. Under {@link Lab#smoke()} the live
     * path is always taken, at smoke size, so that CI executes every cell of a notebook.
     *
     * @param live true to rerun the study here instead of loading the shipped rows
     * @return {@link #result()}, {@code live().run()} or, in a smoke run, {@code smoke().run()}
     */
    public StudyResult get(boolean live) {
        return get(live, Lab.smoke());
    }

    StudyResult get(boolean live, boolean smokeRun) {
        if (smokeRun) {
            return smoke().run();
        }
        return live ? live().run() : result();
    }

    @Override
    public String toString() {
        return "ShippedStudy[" + name + ": " + folder + ", " + spec + "]";
    }
}
