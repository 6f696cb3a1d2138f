package org.seedscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Bad input a new user might give, each rejected before any work: exit code 2, a message naming the
 * file, field or option and what is wrong, and no file written (or a pre-existing folder left as it
 * was).
 */
class BadInputTest {
    @TempDir
    static Path dir;

    /** The small valid study every case changes in one place. */
    private static final String VALID = """
            name: bad
            dataset: digits
            model: mlp-16
            training: {epochs: 1, batchSize: 64}
            forget: [full:3]
            methods: [retrain, finetune]
            trainingSeeds: 1
            unlearningSeeds: 1
            protocol: grid
            """;

    static Stream<Arguments> cases() {
        List<Arguments> c = new ArrayList<>();
        c.add(spec("missing spec file", null, "cannot read spec file"));
        c.add(spec("invalid YAML", "name: [unclosed", "not valid YAML"));
        c.add(spec("not a mapping", "- a\n- b", "a spec must be a mapping of fields"));
        c.add(spec("unknown field", VALID + "seeds: 3", "unknown field 'seeds'; allowed: [auditSample"));
        c.add(spec("seed count as text", VALID.replace("trainingSeeds: 1", "trainingSeeds: eleven"),
                "field 'trainingSeeds' must be a whole number"));
        c.add(spec("zero training seeds", VALID.replace("trainingSeeds: 1", "trainingSeeds: 0"),
                "grid: trainingSeeds (I) must be at least 1, got 0"));
        c.add(spec("negative unlearning seeds", VALID.replace("unlearningSeeds: 1", "unlearningSeeds: -2"),
                "grid: unlearningSeeds (J) must be at least 1, got -2"));
        c.add(spec("unknown protocol", VALID.replace("protocol: grid", "protocol: alg3"),
                "protocol 'alg3' is not known: use one of one-training-seed, many-training-seeds, grid"));
        c.add(spec("protocol twice", VALID + "protocols: [grid]", "give either 'protocol' or 'protocols', not both"));
        c.add(spec("unknown method", VALID.replace("[retrain, finetune]", "[retrain, forgetful]"),
                "unknown unlearning method 'forgetful'; known methods: amnesiac, bad-teacher"));
        c.add(spec("method mapping without id", VALID.replace("[retrain, finetune]", "[retrain, {name: x}]"),
                "a method given as a mapping needs 'id'"));
        c.add(spec("method name twice", VALID.replace("[retrain, finetune]", "[retrain, finetune, finetune]"),
                "methods lists the name 'finetune' twice"));
        c.add(spec("unknown metric", VALID + "metrics: [accuracy]", "unknown metric 'accuracy'; known metrics: test_acc"));
        c.add(spec("unknown data set", VALID.replace("dataset: digits", "dataset: cifar"),
                "dataset 'cifar' is not known: use fashion-mnist"));
        c.add(spec("IDX folder missing", VALID.replace("dataset: digits", "dataset: {idx: no-such-folder}"),
                "no-such-folder does not exist"));
        c.add(spec("CSV file missing", VALID.replace("dataset: digits", "dataset: csv:no-such.csv"),
                "no-such.csv: it does not exist"));
        c.add(spec("unknown class", VALID.replace("full:3", "full:Jacket"), "'Jacket'"));
        c.add(spec("no forget scenario", VALID.replace("[full:3]", "[]"), "forget must name at least one scenario"));
        c.add(spec("empty random forget set", VALID.replace("full:3", "random:0.0001@seed1"),
                "so the forget set would be empty"));
        c.add(spec("bad forget kind", VALID.replace("full:3", "half:3"), "unknown forget spec kind 'half'"));
        c.add(spec("unknown model", VALID.replace("model: mlp-16", "model: mlp-abc"),
                "field 'model': model 'mlp-abc' is not known: use mlp-W1[-W2...]"));
        c.add(spec("method the model cannot run", VALID.replace("model: mlp-16", "model: tribuo-lr")
                .replace("[retrain, finetune]", "[retrain, amnesiac]"), "amnesiac cannot run on model tribuo-lr"));
        c.add(spec("unknown optimizer", VALID.replace("batchSize: 64}", "batchSize: 64, optimizer: rmsprop}"),
                "field 'training.optimizer' is 'rmsprop': use sgd or adam"));
        c.add(spec("Adam beta out of range", VALID.replace("batchSize: 64}",
                "batchSize: 64, optimizer: {type: adam, beta1: 1.5}}"), "Adam betas must be in [0, 1), got 1.5"));
        c.add(spec("negative learning rate", VALID.replace("batchSize: 64}", "batchSize: 64, learningRate: -0.1}"),
                "learningRate must be a positive finite number, got -0.1"));
        c.add(spec("zero epochs", VALID.replace("epochs: 1", "epochs: 0"), "epochs must be at least 1, got 0"));
        c.add(spec("zero batch size", VALID.replace("batchSize: 64", "batchSize: 0"), "batch size must be at least 1"));
        c.add(spec("unknown schedule", VALID.replace("batchSize: 64}", "batchSize: 64, schedule: linear}"),
                "schedule 'linear' is not known"));
        c.add(spec("unknown device", VALID + "device: tpu", "device 'tpu' is not supported: use cpu, cuda or cuda:N"));
        c.add(spec("negative train size", VALID + "trainSize: -5", "trainSize and testSize must be 0 (all) or positive"));
        c.add(spec("negative audit sample", VALID + "auditSample: -1", "auditSample must be 0"));
        c.add(spec("fractional base seed", VALID + "baseSeed: 1.5", "field 'baseSeed' must be a whole number"));
        c.add(spec("SGD field on Adam", VALID.replace("batchSize: 64}", "batchSize: 64, optimizer: adam, momentum: 0.5}"),
                "field 'training.momentum' does not apply to the adam optimizer"));
        c.add(Arguments.of("zero workers", VALID, List.of("--workers", "0"), "--workers must be at least 1, got 0"));
        c.add(Arguments.of("negative budget", VALID, List.of("--budget", "-1"), "--budget must be a positive number"));
        c.add(Arguments.of("too many cells", VALID.replace("trainingSeeds: 1", "trainingSeeds: 30000"),
                List.of(), "the study plans 60000 cells"));
        c.add(Arguments.of("max cells zero", VALID, List.of("--max-cells", "0"), "--max-cells must be at least 1, got 0"));
        c.add(Arguments.of("spark without its module", VALID, List.of("--spark", "local[2]"),
                "--spark needs the seedscope-spark module on the class path: run the command through ./seedscope"));
        return c.stream();
    }

    private static Arguments spec(String name, String yaml, String message) {
        return Arguments.of(name, yaml, List.of(), message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRejectedBeforeAnyWorkWithAMessageAndNoFileWritten(String name, String yaml, List<String> options,
            String message) throws IOException {
        Path caseDir = Files.createDirectories(dir.resolve(name.replaceAll("[^a-z]", "-")));
        Path spec = caseDir.resolve("spec.yaml");
        if (yaml != null) {
            Files.writeString(spec, yaml);
        }
        Path out = caseDir.resolve("out");
        List<String> args = new ArrayList<>(List.of("run", spec.toString(), "--out", out.toString()));
        args.addAll(options);
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args.toArray(String[]::new));
        assertEquals(2, status, name + ": " + err);
        assertTrue(err.toString().startsWith("seedscope run: ") && err.toString().contains(message)
                && !err.toString().contains("Exception"),
                name + ": expected '" + message + "' in: " + err);
        assertTrue(!Files.exists(out), name + ": nothing may be written before the input is checked");
    }

    @org.junit.jupiter.api.Test
    void anOutputFolderThatIsAFileOrHoldsForeignFilesIsRefusedAndLeftAsItWas() throws IOException {
        Path spec = Files.writeString(dir.resolve("valid.yaml"), VALID);
        Path file = Files.writeString(dir.resolve("a-file"), "mine");
        Path foreign = Files.createDirectories(dir.resolve("foreign"));
        Files.writeString(foreign.resolve("notes.txt"), "mine");
        for (Path out : List.of(file, foreign)) {
            StringWriter err = new StringWriter();
            CommandLine cl = Main.commandLine();
            cl.setOut(new PrintWriter(new StringWriter()));
            cl.setErr(new PrintWriter(err));
            assertEquals(2, cl.execute("run", spec.toString(), "--out", out.toString()), err.toString());
            assertTrue(err.toString().contains(out.toString()), err.toString());
        }
        assertEquals("mine", Files.readString(file));
        assertEquals(List.of("notes.txt"), Files.list(foreign).map(p -> p.getFileName().toString()).toList());
    }
}
