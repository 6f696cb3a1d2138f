package org.seedscope.kernel;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

/**
 * Command line of the kernel.
 *
 * <pre>
 * Main CONNECTION_FILE                              run the kernel (Jupyter starts it this way)
 * Main install [--user | --sys-prefix | --prefix DIR]  write the "seedscope-java" kernelspec
 * </pre>
 *
 * <p>{@code install} records this JVM's {@code java} and class path in the kernelspec, so run it
 * with the class path the kernel should have (see {@code kernel/install-kernel.sh}).
 */
public final class Main {
    private static final String USAGE = String.join("\n",
            "usage: java -cp ... org.seedscope.kernel.Main CONNECTION_FILE",
            "       java -cp ... org.seedscope.kernel.Main install [--user | --sys-prefix | --prefix DIR]");

    private Main() {}

    /**
     * Runs the kernel or the installer and exits the JVM: status 0 on success, 1 on failure,
     * 2 on a usage error. Exiting also ends threads that notebook code left running.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** @return the exit status {@link #main} uses */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"))) {
            out.println(USAGE);
            return 0;
        }
        try {
            if (args.length >= 1 && args[0].equals("install")) {
                List<String> options = Arrays.asList(args).subList(1, args.length);
                Path kernels = KernelSpecInstaller.kernelsDir(options, System.getenv(), Path.of(System.getProperty("user.home")));
                Path dir = KernelSpecInstaller.install(kernels,
                        Path.of(System.getProperty("java.home"), "bin", "java"), CellEvaluator.jvmClasspath());
                out.println("Installed kernelspec " + KernelSpecInstaller.NAME + " (\"" + KernelSpecInstaller.DISPLAY_NAME
                        + "\") in " + dir);
                return 0;
            }
            if (args.length == 1) {
                serve(Path.of(args[0]));
                return 0;
            }
            err.println(USAGE);
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (Exception e) {
            err.println("seedscope kernel: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    /** Connects a new kernel to Jupyter and blocks until Jupyter shuts it down. */
    private static void serve(Path connectionFile) throws Exception {
        if (!Files.isRegularFile(connectionFile)) {
            throw new IllegalArgumentException("connection file " + connectionFile.toAbsolutePath() + " does not exist");
        }
        KernelConnectionProperties properties = KernelConnectionProperties.parse(Files.readString(connectionFile));
        JupyterConnection connection = new JupyterConnection(properties);
        SeedScopeKernel kernel = SeedScopeKernel.create();
        kernel.becomeHandlerForConnection(connection);
        kernel.onStartup();
        connection.connect();
        connection.waitUntilClose();
    }
}
