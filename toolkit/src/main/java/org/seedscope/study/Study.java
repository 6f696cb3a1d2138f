package org.seedscope.study;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.seedscope.data.Dataset;
import org.seedscope.data.ForgetSpec;
import org.seedscope.engine.Mlp;
import org.seedscope.train.TrainingConfig;
import org.seedscope.tribuo.TribuoMethods;
import org.seedscope.unlearn.MethodRegistry;
import org.seedscope.unlearn.UnlearningMethod;

/**
 * The fluent entry point for notebooks:
 * <pre>{@code
 * StudyResult study = Study.on(Datasets.fashionMnist())
 *         .model(Mlp.hidden(256))
 *         .forget("sub:Shirt")
 *         .methods("retrain", "finetune", "ssd")
 *         .trainingSeeds(5).unlearningSeeds(3)
 *         .run();
 * }</pre>
 * Immutable: every method returns a new builder, so a partly configured study can be reused in
 * several cells. Results go to {@code seedscope-runs/NAME-HASH} (from the spec) unless
 * {@link #out(Path)} says otherwise; rerunning the same study resumes or reloads it.
 */
public final class Study {
    private final Dataset data;
    private final StudySpec spec;
    private final MethodRegistry registry;
    private final Path out;
    private final int workers;

    private Study(Dataset data, StudySpec spec, MethodRegistry registry, Path out, int workers) {
        this.data = data;
        this.spec = spec;
        this.registry = registry;
        this.out = out;
        this.workers = workers;
    }

    /**
     * @param data the data set
     * @return a study on it with the demo's defaults for everything else
     */
    public static Study on(Dataset data) {
        return new Study(data, StudySpec.demo().withName(data.name()).withDataset(data.name(), 0, 0),
                TribuoMethods.registry(), null, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * @param mlp the model
     * @return a copy using it
     */
    public Study model(Mlp mlp) {
        return new Study(data, spec.withModel(mlp), registry, out, workers);
    }

    /**
     * @param family {@code mlp} (default) or {@code tribuo-lr}: originals and Retrain trained by
     *     Tribuo's logistic regression (a linear model; {@code certified-removal} then applies)
     * @return a copy using that model family
     */
    public Study family(String family) {
        return new Study(data, spec.withFamily(family), registry, out, workers);
    }

    /**
     * @param config training of originals and Retrain
     * @return a copy using it
     */
    public Study training(TrainingConfig config) {
        return new Study(data, spec.withTraining(config), registry, out, workers);
    }

    /**
     * @param scenarios forget specs
     * @return a copy forgetting those
     */
    public Study forget(ForgetSpec... scenarios) {
        return new Study(data, spec.withForget(Arrays.stream(scenarios).map(ForgetSpec::id).toList()), registry, out,
                workers);
    }

    /**
     * @param ids forget spec ids, e.g. {@code full:Shirt}
     * @return a copy forgetting those
     */
    public Study forget(String... ids) {
        return new Study(data, spec.withForget(List.of(ids)), registry, out, workers);
    }

    /**
     * @param ids method ids from the registry
     * @return a copy running those methods
     */
    public Study methods(String... ids) {
        return new Study(data, spec.withMethods(List.of(ids)), registry, out, workers);
    }

    /**
     * Runs the given methods, registering any that the registry does not know (your own).
     *
     * @param methods method objects
     * @return a copy running them
     */
    public Study methods(UnlearningMethod... methods) {
        MethodRegistry r = registry;
        List<String> ids = new ArrayList<>();
        for (UnlearningMethod m : methods) {
            r = r.with(m);
            ids.add(m.name());
        }
        return new Study(data, spec.withMethods(ids), r, out, workers);
    }

    /**
     * @param names metric names to keep
     * @return a copy computing those
     */
    public Study metrics(String... names) {
        return new Study(data, spec.withMetrics(List.of(names)), registry, out, workers);
    }

    /**
     * @param i training seeds I
     * @return a copy with I training seeds
     */
    public Study trainingSeeds(int i) {
        return new Study(data, spec.withSeeds(i, spec.unlearningSeeds()), registry, out, workers);
    }

    /**
     * @param j unlearning seeds J
     * @return a copy with J unlearning seeds
     */
    public Study unlearningSeeds(int j) {
        return new Study(data, spec.withSeeds(spec.trainingSeeds(), j), registry, out, workers);
    }

    /**
     * @param protocols protocols to run
     * @return a copy running them
     */
    public Study protocols(Protocol... protocols) {
        return new Study(data, spec.withProtocols(List.of(protocols)), registry, out, workers);
    }

    /**
     * @param seed base seed b of the seed mapping
     * @return a copy with it
     */
    public Study baseSeed(long seed) {
        return new Study(data, spec.withBaseSeed(seed), registry, out, workers);
    }

    /**
     * @param folder output folder
     * @return a copy writing there
     */
    public Study out(Path folder) {
        return new Study(data, spec, registry, folder, workers);
    }

    /**
     * @param n cells run at once
     * @return a copy with that many workers
     */
    public Study workers(int n) {
        return new Study(data, spec, registry, out, n);
    }

    /** @return the spec this study runs */
    public StudySpec spec() {
        return spec;
    }

    /** @return the cells it will run */
    public SeedPlan plan() {
        return SeedPlan.of(spec);
    }

    /**
     * Validates everything, then runs or resumes the study, printing progress to standard output.
     *
     * @return the result
     */
    public StudyResult run() {
        return StudyRunner.of(spec, data, registry).withWorkers(workers)
                .withProgress(Progress.bar(System.out, false)).run(folder());
    }

    /** @return where results go */
    public Path folder() {
        if (out != null) {
            return out;
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(SpecFiles.toJson(spec, data.provenance().sha256()).getBytes(StandardCharsets.UTF_8));
            return Path.of("seedscope-runs", spec.name().replaceAll("[^A-Za-z0-9_.-]", "_") + "-"
                    + HexFormat.of().formatHex(h).substring(0, 10));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "Study[" + spec + ", " + plan().size() + " cells]";
    }
}
