package org.seedscope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedscope.files.AtomicFiles;

/**
 * A study on a real standalone cluster started from Maven artifacts: a Master and a Worker JVM
 * (spark-core's {@code org.apache.spark.deploy.master.Master} and {@code ...worker.Worker}), and two
 * executors in JVMs of their own that the Worker launches. The executors' class path is the
 * "Spark installation" this test lays out — Spark's jars plus the third-party libraries the toolkit
 * shares with it — and holds neither the toolkit nor this module: those reach the executors only
 * through {@code spark.jars}, fetched from the driver, as on a cluster. The rows equal the local
 * runner's. Runs after {@code package}, on target/seedscope-spark.jar, lib/ and spark-lib/; the
 * daemons' logs, the executors' work folders and the event log stay in target/it-standalone.
 */
class StandaloneClusterIT {
    private final List<Process> daemons = new ArrayList<>();

    @AfterEach
    void stopDaemons() throws InterruptedException {
        for (int i = daemons.size() - 1; i >= 0; i--) {
            Process p = daemons.get(i);
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aStandaloneMasterAndWorkerRunTheStudyInExecutorJvmsWithTheLocalRunnersRows(@TempDir Path dir)
            throws Exception {
        String reference = SmokeStudy.comparable(SmokeStudy.runner().run(dir.resolve("local")).results());
        Path target = Path.of(System.getProperty("seedscope.spark.target"));
        Path it = target.resolve("it-standalone");
        AtomicFiles.deleteTree(it);
        Path home = sparkHome(target, it.resolve("spark-home"));
        int port = freePort();
        daemon(home, it.resolve("master.log"), "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                "--port", Integer.toString(port), "--webui-port", Integer.toString(freePort()));
        awaitPort(port);
        String master = "spark://127.0.0.1:" + port;
        daemon(home, it.resolve("worker.log"), "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                "--cores", "2", "--memory", "2g", "--webui-port", Integer.toString(freePort()), "--work-dir",
                Files.createDirectories(it.resolve("work")).toString(), master);

        Path events = Files.createDirectories(it.resolve("events"));
        SparkScheduler cluster = SparkScheduler.on(master, dir).withConf("spark.jars", shippedJars(target))
                .withConf("spark.driver.host", "127.0.0.1").withConf("spark.driver.bindAddress", "127.0.0.1")
                .withConf("spark.executor.cores", "1").withConf("spark.cores.max", "2")
                .withConf("spark.executor.memory", "1g").withConf("spark.ui.enabled", "false")
                .withConf("spark.scheduler.minRegisteredResourcesRatio", "1.0")
                .withConf("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s");
        String rows = SmokeStudy.comparable(SmokeStudy.runner().withScheduler(EventLog.into(cluster, events))
                .run(dir.resolve("spark")).results());
        assertEquals(reference, rows);

        Set<String> added = EventLog.events(events, "SparkListenerExecutorAdded").stream()
                .map(e -> e.path("Executor ID").asText()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> ran = EventLog.events(events, "SparkListenerTaskEnd").stream()
                .map(e -> e.path("Task Info").path("Executor ID").asText()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(2, added.size(), "two executors registered: " + added);
        assertTrue(!ran.isEmpty() && added.containsAll(ran), "every task ran on a Worker's executor, none in the "
                + "driver: " + ran);
    }

    /** A Spark "installation" whose jars/ holds Spark and the libraries it shares with the toolkit. */
    private static Path sparkHome(Path target, Path home) throws IOException {
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (Path lib : List.of(target.resolve("spark-lib"), target.resolve("lib"))) {
            try (Stream<Path> files = Files.list(lib)) {
                for (Path jar : files.filter(f -> !f.getFileName().toString().startsWith("seedscope-")).toList()) {
                    Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
                }
            }
        }
        return home;
    }

    /** The jars the launcher ships with a cluster master: this module's, the toolkit's and its libraries. */
    private static String shippedJars(Path target) throws IOException {
        List<String> jars = new ArrayList<>(List.of(target.resolve("seedscope-spark.jar").toString()));
        try (Stream<Path> files = Files.list(target.resolve("lib"))) {
            files.map(Path::toString).filter(f -> f.endsWith(".jar")).sorted().forEach(jars::add);
        }
        return String.join(",", jars);
    }

    private void daemon(Path home, Path log, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-Dspark.master.rest.enabled=false"); // no REST submission server on its fixed port 6066
        cmd.addAll(Arrays.asList(System.getProperty("seedscope.spark.jvmFlags").trim().split("\\s+")));
        cmd.addAll(List.of("-cp", home.resolve("jars") + "/*", mainClass));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        daemons.add(pb.start());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitPort(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertTrue(daemons.get(0).isAlive(), "the master is running");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the master did not listen on port " + port);
    }
}
