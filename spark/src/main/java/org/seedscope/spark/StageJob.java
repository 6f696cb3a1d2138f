package org.seedscope.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 * to the sink as soon as its task has finished (not when the whole job has), so the driver's
 * journal and progress advance task by task and a killed driver loses only running tasks. Spark
 * reports each partition's result once, whatever attempts ran.
 *
 * <p>The sink runs on a thread of its own that nobody interrupts: an interrupt reaching the
 * journal's file channel in the middle of a write would close it. The calling thread only waits;
 * when it is interrupted the job is cancelled, the results that had already arrived are still
 * handed over, and then the interrupt is reported.
 */
final class StageJob {
    private static final long POLL_MS = 100;

    private StageJob() {}

    /**
     * @param sc the Spark context (job group and description already set on this thread)
     * @param stage the stage
     * @param task what each task runs
     * @param sink receives the cell results, one at a time
     * @throws InterruptedException when this thread is interrupted: the job is cancelled (its task
     *     threads interrupted) and this returns once Spark has ended it and the results that had
     *     arrived are in the sink
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
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread writer = new Thread(() -> hand(finished, job, sink, failure), "seedscope-spark-results");
        writer.setDaemon(true);
        writer.start();
        try {
            writer.join();
        } catch (InterruptedException e) {
            job.cancel();
            joinUninterruptibly(writer);
            throw e;
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        Try<BoxedUnit> outcome = job.value().get();
        if (outcome.isFailure()) {
            Throwable cause = outcome.failed().get();
            throw new IllegalStateException("Spark job '" + stage.what() + "' failed: " + cause.getMessage(), cause);
        }
    }

    /** The writer thread: hands results to the sink until the job has ended and all are handed. */
    private static void hand(BlockingQueue<ArrayList<byte[]>> finished, SimpleFutureAction<BoxedUnit> job,
            Consumer<CellResult> sink, AtomicReference<RuntimeException> failure) {
        try {
            while (!(job.isCompleted() && finished.isEmpty())) {
                ArrayList<byte[]> results = finished.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (results != null) {
                    results.forEach(bytes -> sink.accept(CellResult.fromBytes(bytes)));
                }
            }
        } catch (RuntimeException e) {
            failure.set(e);
            job.cancel();
        } catch (InterruptedException e) {
            failure.set(new IllegalStateException("the thread handing Spark's results to the study was interrupted", e));
            job.cancel();
        }
    }

    /** Waits for a thread to end, keeping this thread's interrupt flag for later. */
    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
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
