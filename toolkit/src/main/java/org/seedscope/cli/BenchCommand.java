package org.seedscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.seedscope.data.Dataset;
import org.seedscope.data.Datasets;
import org.seedscope.engine.Architecture;
import org.seedscope.engine.Engine;
import org.seedscope.engine.EngineOptions;
import org.seedscope.engine.Mlp;
import org.seedscope.train.EpochLog;
import org.seedscope.train.Trainer;
import org.seedscope.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Training throughput of MLP 784-256-10 (batch 128) on the shipped Fashion-MNIST subset, and
 * optionally the same network trained by PyTorch on the same data, batch size and thread count.
 * Throughput is the best epoch after one untimed warm-up epoch, for both; with {@code --repeats N}
 * both sides run N times, alternating, and the medians are reported (the machine's other load
 * moves single runs a lot).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training throughput (examples/s); optionally against PyTorch.")
final class BenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--vs-pytorch", description = "Also run bench/pytorch_mlp.py with /usr/bin/python3 and report the ratio.")
    boolean vsPytorch;

    @Option(names = "--threads", defaultValue = "1", description = "ONNX Runtime / PyTorch threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--epochs", defaultValue = "3", description = "Timed epochs after one warm-up epoch (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--methods", description = "Instead: time every unlearning method (and its speed-up over Retrain) "
            + "on the default setting: shipped Fashion-MNIST subset, full-class forget of Shirt, MLP 784-256-10.")
    boolean methods;

    @Option(names = "--repeats", defaultValue = "3", description = "Runs of each side, alternating; the medians are "
            + "reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch for --vs-pytorch (default: ${DEFAULT-VALUE}).")
    String python;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (methods) {
            MethodBench.run(json, threads);
            return 0;
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be at least 1, got " + repeats);
        }
        Dataset data = Datasets.fashionMnist();
        Architecture arch = Mlp.hidden(256).architecture(data.train().features(), data.train().classes());
        TrainingConfig config = TrainingConfig.defaults().withEpochs(epochs + 1).withBatchSize(128);
        double[] ours = new double[repeats];
        double[] theirs = new double[repeats];
        JsonNode peer = null;
        String engineName;
        try (Engine engine = Engine.create(EngineOptions.defaults().withThreads(threads))) {
            engineName = engine.describe();
            for (int r = 0; r < repeats; r++) {
                List<EpochLog> log = new Trainer(engine, config).fit(arch, data.train(), 1).log();
                ours[r] = log.stream().skip(1).mapToDouble(e -> data.train().size() / e.seconds()).max().orElseThrow();
                if (vsPytorch) {
                    peer = runPytorch(data);
                    theirs[r] = peer.path("examples_per_second").asDouble();
                }
            }
        }
        double best = median(ours);
        ObjectNode out = JSON.createObjectNode();
        out.put("benchmark", "train-mlp");
        out.put("architecture", arch.toString());
        out.put("batch", 128);
        out.put("threads", threads);
        out.put("examples", data.train().size());
        out.put("engine", engineName);
        out.put("repeats", repeats);
        out.put("examples_per_second", Math.round(best * 10) / 10.0);
        samples(out.putArray("samples"), ours);
        if (vsPytorch) {
            ObjectNode p = out.putObject("pytorch");
            p.put("torch", peer.path("torch").asText());
            p.put("examples_per_second", Math.round(median(theirs) * 10) / 10.0);
            samples(p.putArray("samples"), theirs);
            out.put("ratio_vs_pytorch", Math.round(best / median(theirs) * 100) / 100.0);
        }
        if (json) {
            System.out.println(JSON.writeValueAsString(out));
        } else {
            System.out.printf("%s, batch 128, %d thread(s): %.0f examples/s (%s)%n", arch, threads, best, engineName);
            if (vsPytorch) {
                System.out.printf("PyTorch %s: %.0f examples/s; ratio %.2f%n", out.path("pytorch").path("torch").asText(),
                        out.path("pytorch").path("examples_per_second").asDouble(), out.path("ratio_vs_pytorch").asDouble());
            }
        }
        return 0;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void samples(com.fasterxml.jackson.databind.node.ArrayNode array, double[] values) {
        for (double v : values) {
            array.add(Math.round(v));
        }
    }

    private JsonNode runPytorch(Dataset data) throws IOException, InterruptedException {
        Path home = Home.find();
        Path script = home.resolve("bench/pytorch_mlp.py");
        Path dataDir = home.resolve("datasets/fashion-mnist-subset");
        ProcessBuilder pb = new ProcessBuilder(python, script.toString(), "--data", dataDir.toString(),
                "--threads", String.valueOf(threads), "--batch", "128", "--epochs", String.valueOf(epochs));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("--vs-pytorch needs " + python
                    + " with torch (Debian: apt-get install python3-torch)", e);
        }
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(script + " failed (exit " + p.exitValue()
                    + "); is python3-torch installed for " + python + "?");
        }
        String last = stdout.strip().lines().reduce((a, b) -> b).orElse("");
        try {
            return JSON.readTree(last);
        } catch (IOException e) {
            throw new UncheckedIOException(script + " printed no JSON: " + last, e);
        }
    }

}
