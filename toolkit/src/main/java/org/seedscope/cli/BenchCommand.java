package org.seedscope.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Training throughput of a network on the shipped Fashion-MNIST subset (batch 128), and optionally
 * of the same network trained by PyTorch in its best configuration on the same data, batch size and
 * threads, in one paired, alternated run ({@link ThroughputBench}); or the run time of every
 * unlearning method ({@link MethodBench}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training throughput (examples/s); optionally against PyTorch in its best configuration.")
final class BenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--model", defaultValue = "mlp-256", description = "mlp-256, cnn or resnet-N (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--vs-pytorch", description = "Also run bench/pytorch_peer.py with --python, alternating with "
            + "SeedScope, in its best configuration (OpenBLAS with the CPU's core type and thread count set, tuned "
            + "malloc, channels_last for images); refuses a ratio against reference BLAS or a generic core.")
    boolean vsPytorch;

    @Option(names = "--setups", split = ",", defaultValue = "1x1,1x2,2x1", description = "PROCESSESxTHREADS setups; "
            + "P processes run together and their rates add up (default: ${DEFAULT-VALUE}).")
    List<String> setups;

    @Option(names = "--threads", defaultValue = "1", description = "ONNX Runtime threads for --methods (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--epochs", defaultValue = "3", description = "Timed epochs after one warm-up epoch (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--examples", defaultValue = "0", description = "Train on the first N of the 12,000 training "
            + "examples, both sides (default: all).")
    int examples;

    @Option(names = "--methods", description = "Instead: time every unlearning method (and its speed-up over Retrain) "
            + "on the default setting: shipped Fashion-MNIST subset, full-class forget of Shirt, MLP 784-256-10.")
    boolean methods;

    @Option(names = "--repeats", defaultValue = "3", description = "Samples of each side per setup, alternating; the "
            + "medians are reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch for --vs-pytorch (default: ${DEFAULT-VALUE}).")
    String python;

    @Option(names = "--worker", hidden = true, description = "Internal: one SeedScope sample, printed as JSON.")
    boolean worker;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
        }
        if (examples < 0) {
            throw new IllegalArgumentException("--examples must be 0 (all) or a positive count, got " + examples);
        }
        if (methods) {
            MethodBench.run(json, threads);
            return 0;
        }
        if (worker) {
            System.out.println(JSON.writeValueAsString(BenchWorker.run(model, threads, epochs, examples)));
            return 0;
        }
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be at least 1, got " + repeats);
        }
        List<ThroughputBench.Setup> parsed = setups.stream().map(ThroughputBench.Setup::parse).toList();
        ObjectNode out = new ThroughputBench(model, parsed, epochs, repeats, examples, vsPytorch ? python : null, Home.find())
                .run(System.err);
        System.out.println(json ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out) : table(out));
        return 0;
    }

    /** @return the summary as a few lines of text */
    private static String table(ObjectNode out) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s, batch %d, %s; load %s-%s (median %s)%n", out.path("architecture").asText(),
                out.path("batch").asInt(), out.path("engine").asText(), out.path("load_average_1min").path("min"),
                out.path("load_average_1min").path("max"), out.path("load_average_1min").path("median")));
        JsonNode how = out.path("pytorch_configuration");
        if (!how.isMissingNode()) {
            sb.append(String.format("PyTorch %s, %s %s, %s, %s%n", how.path("torch").asText(),
                    how.path("blas").path("library").asText(), how.path("blas").path("core").asText(),
                    how.path("memory_format").asText(), how.path("environment")));
        }
        for (JsonNode row : out.path("setups")) {
            sb.append(String.format("  %s  SeedScope %,10.0f ex/s", row.path("setup").asText(),
                    row.path("seedscope").path("examples_per_second").asDouble()));
            if (row.has("pytorch")) {
                sb.append(String.format("  PyTorch %,10.0f ex/s  ratio %.3g", row.path("pytorch").path("examples_per_second")
                        .asDouble(), row.path("ratio").asDouble()));
            }
            sb.append(System.lineSeparator());
        }
        JsonNode best = out.path("best_vs_best");
        if (!best.isMissingNode()) {
            sb.append(String.format("best vs best: SeedScope %s %,.0f, PyTorch %s %,.0f: ratio %.3g%n",
                    best.path("seedscope_setup").asText(), best.path("seedscope").asDouble(),
                    best.path("pytorch_setup").asText(), best.path("pytorch").asDouble(), best.path("ratio").asDouble()));
        }
        JsonNode f = out.path("flop_limit");
        if (!f.isMissingNode()) {
            sb.append(String.format("FLOP limit: %s FLOP/example at %s GFLOP/s sgemm = %,.0f ex/s per core; 1x1 reaches %s%n",
                    f.path("flops_per_example"), out.path("sgemm_gflops_per_core"),
                    f.path("examples_per_second_per_core").asDouble(), f.path("fraction_1x1")));
        }
        return sb.toString().stripTrailing();
    }
}
