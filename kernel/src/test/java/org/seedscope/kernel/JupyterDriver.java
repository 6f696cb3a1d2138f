package org.seedscope.kernel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the Python driver scripts in this package's test resources with Debian's Python
 * and jupyter_client against the "seedscope-java" kernelspec, installed for this JVM's class path
 * into a temporary Jupyter path. Skips the calling test where Jupyter is not installed.
 */
final class JupyterDriver {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final Path JUPYTER = Path.of("/usr/bin/jupyter");
    /** How long a driver may run before it is killed. */
    static final long TIMEOUT_MINUTES = 10;

    /**
     * What a driver run gave.
     *
     * @param finished whether it ended within {@value #TIMEOUT_MINUTES} minutes
     * @param exitCode its exit status (-1 when killed)
     * @param output   its standard output
     * @param detail   its standard output and the kernel's standard error, for failure messages
     */
    record Run(boolean finished, int exitCode, String output, String detail) {}

    private JupyterDriver() {}

    /**
     * @param tmp    a fresh temporary folder (kernelspec, driver copy, Jupyter data and runtime)
     * @param script the driver's file name in the test resources
     * @param args   its arguments after the kernel name
     * @param env    extra environment variables for the driver and the kernels it starts
     * @return the run
     */
    static Run run(Path tmp, String script, List<String> args, Map<String, String> env)
            throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(JUPYTER), "skipped: no " + JUPYTER + " (Debian package jupyter-client)");
        assumeTrue(Files.isExecutable(PYTHON) && exitCode(PYTHON.toString(), "-c", "import jupyter_client") == 0,
                "skipped: " + PYTHON + " cannot import jupyter_client (Debian package python3-jupyter-client)");
        Path kernels = KernelSpecInstaller.kernelsDir(List.of("--prefix", tmp.toString()), Map.of(), tmp);
        KernelSpecInstaller.install(kernels, Path.of(System.getProperty("java.home"), "bin", "java"),
                CellEvaluator.jvmClasspath());
        Path driver = tmp.resolve(script);
        try (InputStream in = JupyterDriver.class.getResourceAsStream(script)) {
            Files.copy(in, driver);
        }
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), driver.toString(), KernelSpecInstaller.NAME));
        command.addAll(args);
        Path log = tmp.resolve("kernel-stderr.log");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(log.toFile());
        pb.environment().put("JUPYTER_PATH", tmp.resolve("share").resolve("jupyter").toString());
        pb.environment().put("JUPYTER_DATA_DIR", tmp.resolve("data").toString());
        pb.environment().put("JUPYTER_RUNTIME_DIR", tmp.resolve("runtime").toString());
        pb.environment().putAll(env);
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        return new Run(finished, finished ? process.exitValue() : -1, output,
                output + "\nkernel stderr:\n" + Files.readString(log));
    }

    private static int exitCode(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
