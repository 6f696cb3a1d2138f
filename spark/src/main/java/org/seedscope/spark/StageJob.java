package org.seedscope.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.seedscope.study.CellResult;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;
import scala.util.Try;

/**
 * Runs one stage of a study as one Spark job, one partition per task, and hands every cell result
 * to the sink on the calling thread as soon as its task has finished (not when the whole job has), so the
 * driver's journal and progress advance task by task and a killed driver loses only running tasks.
 * Spark reports each partition's result once, whatever attempts ran.
 */
final class StageJob {
    private static final long POLL_MS = 100;

    private StageJob() {}

    /**
     * @param sc the Spark context (job group and description already set on this thread)
     * @param stage the stage
     * @param task what each task runs
     * @param sink receives the cell results, on this thread
     * @throws InterruptedException when this thread is interrupted: the job is cancelled (its task
     *     threads interrupted) and this returns after Spark has ended it
     * @throws IllegalStateException when the job failed, e.g. a task failed more often than
     *     {@code spark.task.maxFailures}
     */
    static void run(JavaSparkContext sc, WorkSplit.Stage stage, StageTask task, Consumer<CellResult> sink)
            throws InterruptedException {
        int n = stage.tasks().size();
        JavaRDD<List<Integer>> rdd = sc.parallelize(stage.tasks(), n);
        BlockingQueue<ArrayList<byte[]>> finished = new LinkedBlockingQueue<>();
        List<Object> partitions = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        SimpleFutureAction<BoxedUnit> job = sc.sc().submitJob(rdd.rdd(), task,
                CollectionConverters.asScala(partitions).toSeq(), new Collect(finished), new Unit());
        try {
            while (!(job.isCompleted() && finished.isEmpty())) {
                ArrayList<byte[]> results = finished.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (results != null) {
                    results.forEach(bytes -> sink.accept(CellResult.fromBytes(bytes)));
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            job.cancel();
            awaitEnd(job);
            throw e;
        }
        Try<BoxedUnit> outcome = job.value().get();
        if (outcome.isFailure()) {
            Throwable cause = outcome.failed().get();
            throw new IllegalStateException("Spark job '" + stage.what() + "' failed: " + cause.getMessage(), cause);
        }
    }

    /** Waits until a cancelled job has ended, keeping the thread's interrupt flag. */
    private static void awaitEnd(SimpleFutureAction<BoxedUnit> job) {
        boolean interrupted = Thread.interrupted();
        while (!job.isCompleted()) {
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Queues each partition's results; called by Spark on the driver, once per partition. */
    private static final class Collect extends AbstractFunction2<Object, ArrayList<byte[]>, BoxedUnit> {
        private final BlockingQueue<ArrayList<byte[]>> queue;

        Collect(BlockingQueue<ArrayList<byte[]>> queue) {
            this.queue = queue;
        }

        @Override
        public BoxedUnit apply(Object partition, ArrayList<byte[]> results) {
            queue.add(results);
            return BoxedUnit.UNIT;
        }
    }

    /** The job's overall result: nothing. */
    private static final class Unit extends AbstractFunction0<BoxedUnit> {
        @Override
        public BoxedUnit apply() {
            return BoxedUnit.UNIT;
        }
    }
}
