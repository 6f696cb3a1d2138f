package org.seedscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seedscope.data.Dataset;
import org.seedscope.data.Datasets;
import org.seedscope.engine.Architecture;

/**
 * A paired training-throughput benchmark: SeedScope and, optionally, its PyTorch peer
 * ({@code bench/pytorch_peer.py}) train the same network on the same data with the same batch size
 * and threads, in setups of P processes x T threads (1x1, 1x2, 2x1: studies run one cell per core).
 * Every sample is its own process or processes (P started together; their rates are summed), and
 * the two sides alternate within each repeat (SeedScope first in even repeats, the peer first in
 * odd ones), so both see the same machine load; the 1-minute load average is recorded before every
 * sample. Per process the rate is the median of its timed epochs (after one untimed warm-up epoch);
 * per setup the median over repeats. "Best against best" compares each side's fastest setup.
 */
final class ThroughputBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param processes concurrent processes
     * @param threads threads each
     */
    record Setup(int processes, int threads) {
        /** @return e.g. {@code 2x1} */
        String id() {
            return processes + "x" + threads;
        }

        /**
         * @param text e.g. {@code 2x1}
         * @return the setup
         */
        static Setup parse(String text) {
            String[] p = text.split("x");
            try {
                Setup s = new Setup(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
                if (p.length == 2 && s.processes >= 1 && s.threads >= 1) {
                    return s;
                }
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                // falls through to the message below
            }
            throw new IllegalArgumentException("--setups: '" + text + "' is not PROCESSESxTHREADS, e.g. 1x1, 1x2, 2x1");
        }
    }

    private final String model;
    private final List<Setup> setups;
    private final int epochs;
    private final int repeats;
    private final int examples;
    private final String python;
    private final Path home;
    private final PeerConfig peer;

    /**
     * @param model the network id
     * @param setups the setups to measure
     * @param epochs timed epochs per process
     * @param repeats samples per setup and side
     * @param examples the first this many training examples, both sides; 0 for all
     * @param python the peer's interpreter, or null for SeedScope alone
     * @param home the checkout (bench/ and datasets/)
     */
    ThroughputBench(String model, List<Setup> setups, int epochs, int repeats, int examples, String python, Path home) {
        this.model = model;
        this.setups = List.copyOf(setups);
        this.epochs = epochs;
        this.repeats = repeats;
        this.examples = examples;
        this.python = python;
        this.home = home;
        this.peer = python == null ? null : PeerConfig.of(read(Path.of("/proc/cpuinfo")), blasAlternative());
    }

    /**
     * Runs every sample and summarises them.
     *
     * @param progress where one line per sample goes
     * @return the JSON summary
     */
    ObjectNode run(PrintStream progress) {
        Dataset data = Datasets.fashionMnist();
        Architecture arch = BenchWorker.architecture(model, data);
        if (examples > data.train().size()) {
            throw new IllegalArgumentException("--examples " + examples + " exceeds the " + data.train().size()
                    + " training examples of " + data.name());
        }
        boolean image = arch.inputShape().size() == 3;
        int n = setups.size();
        double[][] ours = new double[n][repeats];
        double[][] theirs = new double[n][repeats];
        int sides = peer == null ? 1 : 2;
        double[][] loads = new double[n][sides * repeats];
        double[] sgemm = new double[repeats];
        JsonNode oursLast = null;
        JsonNode peerLast = null;
        for (int r = 0; r < repeats; r++) {
            if (peer != null) {
                JsonNode rate = launch(peerCommand(1, List.of("--sgemm")), peer.environment(1), 1, "sgemm").get(0);
                peer.check(rate.path("blas"), 1);
                sgemm[r] = rate.path("sgemm_gflops").asDouble();
            }
            for (int s = 0; s < n; s++) {
                Setup setup = setups.get(s);
                boolean oursFirst = r % 2 == 0;
                for (int k = 0; k < sides; k++) {
                    boolean isOurs = (k == 0) == oursFirst || peer == null;
                    double load = loadAverage();
                    loads[s][sides * r + k] = load;
                    List<JsonNode> reports = isOurs
                            ? launch(workerCommand(setup.threads()), java.util.Map.of(), setup.processes(), "seedscope")
                            : launch(peerCommand(setup.threads(), peer.arguments(image)), peer.environment(setup.threads()),
                                    setup.processes(), "pytorch");
                    double sum = 0;
                    for (JsonNode rep : reports) {
                        if (!isOurs) {
                            peer.check(rep.path("blas"), setup.threads());
                        }
                        sum += rep.path("examples_per_second").asDouble();
                    }
                    (isOurs ? ours : theirs)[s][r] = sum;
                    if (isOurs) {
                        oursLast = reports.get(0);
                    } else {
                        peerLast = reports.get(0);
                    }
                    progress.printf("bench %s %s %s repeat %d: %.0f examples/s (load %.2f)%n", model, setup.id(),
                            isOurs ? "seedscope" : "pytorch", r + 1, sum, load);
                }
            }
        }
        return summary(data, arch, ours, theirs, loads, sgemm, oursLast, peerLast);
    }

    private ObjectNode summary(Dataset data, Architecture arch, double[][] ours, double[][] theirs, double[][] loads,
            double[] sgemm, JsonNode oursLast, JsonNode peerLast) {
        ObjectNode out = JSON.createObjectNode();
        out.put("benchmark", "training throughput");
        out.put("model", model);
        out.put("architecture", arch.toString());
        out.put("data", "shipped Fashion-MNIST subset, " + (examples == 0 ? "all 12,000 training examples"
                : "the first " + examples + " training examples") + ", pixel/255");
        out.put("batch", BenchWorker.BATCH);
        out.put("optimiser", "SGD lr 0.05 momentum 0.9 weight decay 5e-4");
        out.put("timed_epochs", epochs);
        out.put("repeats", repeats);
        out.put("statistic", "per process the median of its timed epochs after one warm-up epoch; P processes: "
                + "the sum of their rates; per setup the median over repeats, sides alternating");
        out.put("examples", examples == 0 ? data.train().size() : examples);
        out.put("engine", oursLast.path("engine").asText());
        out.put("cores", Runtime.getRuntime().availableProcessors());
        double[] all = Arrays.stream(loads).flatMapToDouble(Arrays::stream).toArray();
        ObjectNode load = out.putObject("load_average_1min");
        load.put("min", round(Arrays.stream(all).min().orElse(0), 3));
        load.put("median", round(median(all), 3));
        load.put("max", round(Arrays.stream(all).max().orElse(0), 3));
        load.put("note", "recorded before each sample; includes the benchmark's own previous sample");
        if (peerLast != null) {
            ObjectNode how = out.putObject("pytorch_configuration");
            how.put("python", python);
            how.put("script", "bench/pytorch_peer.py");
            how.put("torch", peerLast.path("torch").asText());
            how.set("blas", peerLast.path("blas"));
            how.put("libblas.so.3", peer.blasAlternative());
            how.put("cpu_avx512", peer.avx512());
            how.set("environment", peerLast.path("environment"));
            how.put("memory_format", peerLast.path("memory_format").asText());
            how.put("mkldnn", peerLast.path("mkldnn").asBoolean());
            out.put("sgemm_gflops_per_core", round(median(sgemm), 4));
            samples(out.putArray("sgemm_samples"), sgemm);
        }
        ArrayNode rows = out.putArray("setups");
        int bestOurs = 0;
        int bestTheirs = 0;
        for (int s = 0; s < setups.size(); s++) {
            ObjectNode row = rows.addObject();
            row.put("setup", setups.get(s).id());
            row.put("processes", setups.get(s).processes());
            row.put("threads", setups.get(s).threads());
            side(row.putObject("seedscope"), ours[s]);
            samples(row.putArray("load_samples"), loads[s]);
            bestOurs = median(ours[s]) > median(ours[bestOurs]) ? s : bestOurs;
            if (peerLast != null) {
                side(row.putObject("pytorch"), theirs[s]);
                row.put("ratio", round(median(ours[s]) / median(theirs[s]), 3));
                bestTheirs = median(theirs[s]) > median(theirs[bestTheirs]) ? s : bestTheirs;
            }
        }
        if (peerLast != null) {
            ObjectNode best = out.putObject("best_vs_best");
            best.put("seedscope_setup", setups.get(bestOurs).id());
            best.put("seedscope", round(median(ours[bestOurs]), 4));
            best.put("pytorch_setup", setups.get(bestTheirs).id());
            best.put("pytorch", round(median(theirs[bestTheirs]), 4));
            best.put("ratio", round(median(ours[bestOurs]) / median(theirs[bestTheirs]), 3));
        }
        if (arch.inputShape().size() == 1 && peerLast != null) {
            flopLimit(out, arch, median(sgemm), ours);
        }
        return out;
    }

    /** The MLP's FLOP limit per core against the measured sgemm peak, and the 1x1 setup's share of it. */
    private void flopLimit(ObjectNode out, Architecture arch, double gflops, double[][] ours) {
        long flops = mlpFlops(arch);
        double limit = gflops * 1e9 / flops;
        ObjectNode f = out.putObject("flop_limit");
        f.put("flops_per_example", flops);
        f.put("formula", "forward 2*sum(in*out); backward weight gradients 2*sum(in*out) and input gradients of every "
                + "layer but the first");
        f.put("examples_per_second_per_core", round(limit, 4));
        for (int s = 0; s < setups.size(); s++) {
            Setup setup = setups.get(s);
            f.put("fraction_" + setup.id(), round(median(ours[s]) / (limit * setup.processes() * setup.threads()), 3));
        }
    }

    /**
     * Floating-point operations of one training example of a Dense network: forward
     * {@code 2 sum(in*out)}, backward the same for the weight gradients plus {@code 2 in*out} for the
     * input gradient of every layer but the first (biases and activations are not counted).
     *
     * @param arch a network of Dense layers
     * @return the count; 818,176 for MLP 784-256-10
     */
    static long mlpFlops(Architecture arch) {
        long forward = 0;
        long inputGradients = 0;
        boolean first = true;
        for (Architecture.Tensor t : arch.parameterTensors()) {
            if (t.shape().size() == 2) {
                forward += 2L * t.size();
                inputGradients += first ? 0 : 2L * t.size();
                first = false;
            }
        }
        return 2 * forward + inputGradients;
    }

    private List<String> workerCommand(int threads) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx3g",
                "-Dseedscope.home=" + home, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "bench",
                "--worker", "--model", model, "--threads", String.valueOf(threads), "--epochs", String.valueOf(epochs),
                "--examples", String.valueOf(examples));
    }

    private List<String> peerCommand(int threads, List<String> extra) {
        List<String> cmd = new ArrayList<>(List.of(python, home.resolve("bench/pytorch_peer.py").toString(), "--data",
                home.resolve("datasets/fashion-mnist-subset").toString(), "--model", model, "--threads",
                String.valueOf(threads), "--batch", String.valueOf(BenchWorker.BATCH), "--epochs", String.valueOf(epochs),
                "--examples", String.valueOf(examples)));
        cmd.addAll(extra);
        return cmd;
    }

    /** Starts {@code count} copies of a command together and returns the JSON line each printed last. */
    private static List<JsonNode> launch(List<String> command, java.util.Map<String, String> env, int count,
            String what) {
        List<Process> running = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
                pb.environment().putAll(env);
                running.add(pb.start());
            }
            List<JsonNode> out = new ArrayList<>();
            for (Process p : running) {
                String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (p.waitFor() != 0) {
                    throw new IllegalStateException(what + " run failed (exit " + p.exitValue() + "): "
                            + String.join(" ", command));
                }
                String last = stdout.strip().lines().reduce((a, b) -> b).orElse("");
                try {
                    out.add(JSON.readTree(last));
                } catch (IOException e) {
                    throw new IllegalStateException(what + " run printed no JSON line: '" + last + "'", e);
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command.get(0) + " for the " + what + " run"
                    + (what.equals("seedscope") ? "" : " (the peer needs Debian's python3-torch: /usr/bin/python3)"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        } finally {
            running.forEach(Process::destroy);
        }
    }

    private static double loadAverage() {
        String text = read(Path.of("/proc/loadavg"));
        return text.isEmpty() ? Double.NaN : Double.parseDouble(text.split("\\s+")[0]);
    }

    /** @return where Debian's libblas.so.3 alternative points, or {@code unknown} */
    private static String blasAlternative() {
        Path link = Path.of("/etc/alternatives/libblas.so.3-x86_64-linux-gnu");
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "unknown";
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static void side(ObjectNode node, double[] values) {
        node.put("examples_per_second", round(median(values), 4));
        samples(node.putArray("samples"), values);
    }

    private static void samples(ArrayNode array, double[] values) {
        for (double v : values) {
            array.add(round(v, 4));
        }
    }

    /** @return {@code v} rounded to {@code digits} significant figures */
    static double round(double v, int digits) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).doubleValue();
    }

    /** @return the median of the values (mean of the middle two for an even count) */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
