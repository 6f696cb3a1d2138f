package org.seedscope.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.seedscope.study.Cell;
import org.seedscope.study.CellResult;
import org.seedscope.study.CellScheduler;
import org.seedscope.study.SpecFiles;
import org.seedscope.study.StudyRunner;
import org.seedscope.study.StudyWork;

/**
 * Runs a study's cells as Apache Spark tasks ({@link StudyRunner#withScheduler}). The runner stays
 * the only writer: executors rebuild the study from its canonical spec ({@link StudyWork#open}),
 * train models into the shared model cache and send each cell's result back as bytes (its row and,
 * when the study stores them, its per-example outputs); this scheduler hands each result to the
 * runner's sink on the driver as soon as its task has finished.
 *
 * <p>Work split ({@link WorkSplit}): by default models first — one job trains every distinct
 * original (one task each), a second every Retrain not trained yet, a third runs one task per cell
 * that loads its models from the cache — so every model is trained once and each job is as wide as
 * the study allows, Algorithm 1 included. {@code spark.seedscope.split=groups} instead runs one task
 * per (scenario, training seed). Models travel through the cache folder, which every executor must
 * reach under the same path ({@code --cache} on a shared file system).
 *
 * <p>Each {@link #run} starts its own Spark application (a {@link JavaSparkContext}) and stops it at
 * the end. Settings: any {@code spark.*} Java system property (as {@code spark-submit} sets them) and
 * {@link #withConf}; the master given here must agree with a {@code spark.master} set elsewhere. The
 * UI shows one job group per study and a description per job naming the study and its cells.
 */
public final class SparkScheduler implements CellScheduler {
    /** Setting that chooses the work split: {@code models-first} (default) or {@code groups}. */
    public static final String SPLIT = "spark.seedscope.split";
    private static final Pattern MASTER = Pattern.compile(
            "local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?])?|local-cluster\\[[1-9][0-9]*,[1-9][0-9]*,[1-9][0-9]*]"
                    + "|yarn|[a-z][a-z0-9+.-]*://\\S+");

    private final String master;
    private final Path dataBase;
    private final Map<String, String> conf;
    private final TaskConfig.TaskHook hook;

    private SparkScheduler(String master, Path dataBase, Map<String, String> conf, TaskConfig.TaskHook hook) {
        this.master = master;
        this.dataBase = dataBase;
        this.conf = Map.copyOf(conf);
        this.hook = hook;
    }

    /**
     * @param master {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,maxFailures]},
     *     {@code local-cluster[workers,cores,memoryMB]}, {@code yarn}, or a URL such as
     *     {@code spark://host:7077} or {@code k8s://https://host:443}
     * @param dataBase the folder relative data paths of the spec resolve against, as every executor
     *     sees it
     * @return a scheduler for that master
     * @throws IllegalArgumentException when the master has none of those forms, or differs from the
     *     {@code spark.master} system property (which {@code spark-submit --master} sets)
     */
    public static SparkScheduler on(String master, Path dataBase) {
        if (master == null || !MASTER.matcher(master).matches()) {
            throw new IllegalArgumentException("--spark master '" + master + "' is not one Spark accepts: use local[N], "
                    + "local[N,maxFailures], local[*], spark://host:port, yarn, k8s://URL or another master URL");
        }
        String submitted = System.getProperty("spark.master");
        if (submitted != null && !submitted.equals(master)) {
            throw new IllegalArgumentException("--spark " + master + " disagrees with spark.master = " + submitted
                    + " (set by spark-submit --master or -Dspark.master): give the same master to both");
        }
        return new SparkScheduler(master, dataBase.toAbsolutePath(), Map.of(), TaskConfig.TaskHook.NONE);
    }

    /**
     * @param key a Spark setting, e.g. {@code spark.executor.memory} or {@link #SPLIT}
     * @param value its value
     * @return a copy that sets it on every Spark application it starts (over system properties)
     * @throws IllegalArgumentException for {@code spark.master}, which only {@link #on} sets
     */
    public SparkScheduler withConf(String key, String value) {
        if (key.equals("spark.master")) {
            throw new IllegalArgumentException("spark.master is the scheduler's master (" + master + "): give another "
                    + "to SparkScheduler.on");
        }
        Map<String, String> c = new LinkedHashMap<>(conf);
        c.put(key, value);
        return new SparkScheduler(master, dataBase, c, hook);
    }

    /** For tests: a copy whose executors call {@code hook} before every cell (e.g. to fail an attempt). */
    SparkScheduler withTaskHook(TaskConfig.TaskHook taskHook) {
        return new SparkScheduler(master, dataBase, conf, taskHook);
    }

    @Override
    public void run(StudyWork work, String specJson, List<Cell> cells, Consumer<CellResult> sink)
            throws InterruptedException {
        if (cells.isEmpty()) {
            return;
        }
        String name = SpecFiles.parse(specJson, false, "spec.json").name();
        SparkConf sparkConf = sparkConf(name);
        WorkSplit split = WorkSplit.of(WorkSplit.Split.of(sparkConf.get(SPLIT, WorkSplit.Split.MODELS_FIRST.id())),
                cells);
        long budget = work.budget() == null ? 0 : work.budget().toNanos();
        TaskConfig config = new TaskConfig(specJson, work.specSha256(), dataBase.toString(),
                work.cacheDir().toAbsolutePath().toString(), budget, hook);
        String study = "study " + name + " (spec " + work.specSha256().substring(0, 8) + ")";
        JavaSparkContext sc = new JavaSparkContext(sparkConf);
        try {
            sc.setJobGroup("seedscope-" + work.specSha256().substring(0, 16), study, true);
            List<WorkSplit.Stage> stages = split.stages();
            for (int s = 0; s < stages.size(); s++) {
                WorkSplit.Stage stage = stages.get(s);
                sc.setJobDescription(study + ", step " + (s + 1) + " of " + stages.size() + ": " + stage.what()
                        + (stage.rows() ? ": " : ", first needed by cells ") + Ranges.of(stage.tasks()));
                StageJob.run(sc, stage, new StageTask(config, stage.rows()), sink);
            }
        } finally {
            stop(sc, config);
        }
    }

    /** Stops the application (with this thread's interrupt flag set aside) and releases the study's work. */
    private static void stop(JavaSparkContext sc, TaskConfig config) {
        boolean interrupted = Thread.interrupted();
        try {
            sc.stop();
        } finally {
            ExecutorWork.retire(config.key());
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private SparkConf sparkConf(String name) {
        SparkConf c = new SparkConf(true);
        c.setMaster(master).setAppName("seedscope " + name).setIfMissing("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("local")) {
            // executors are threads of this JVM: nothing needs to listen beyond the loopback interface
            c.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.forEach(c::set);
        return c;
    }

    @Override
    public String describe() {
        return "Spark " + master;
    }
}
