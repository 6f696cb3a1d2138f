package org.seedscope.kernel;

import com.google.gson.GsonBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes the Jupyter kernelspec {@value #NAME}: a folder holding {@code kernel.json}, whose
 * command line starts {@link Main} with this JVM's {@code java} and its full class path (as
 * absolute paths), so the kernel runs the same toolkit build that ran the installer.
 *
 * <p>The spec sets no {@code env}: a kernelspec's environment replaces the caller's, so even an
 * empty {@code CLASSPATH} there would hide one exported by CI or Binder. It asks for
 * {@code interrupt_mode: message}, because a SIGINT would end the JVM instead of the cell.
 */
final class KernelSpecInstaller {
    /** Folder name of the kernelspec, also the kernel name notebooks refer to. */
    static final String NAME = "seedscope-java";
    /** Name shown in Jupyter's kernel menu. */
    static final String DISPLAY_NAME = "Java (SeedScope)";

    private KernelSpecInstaller() {}

    /**
     * @param java      the {@code java} executable
     * @param classpath the kernel's class path entries
     * @return the {@code kernel.json} text
     */
    static String kernelJson(Path java, List<Path> classpath) {
        String cp = classpath.stream()
                .map(p -> p.toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(File.pathSeparator));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", List.of(java.toAbsolutePath().toString(), "-Djava.awt.headless=true",
                "-cp", cp, Main.class.getName(), "{connection_file}"));
        spec.put("display_name", DISPLAY_NAME);
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(spec) + "\n";
    }

    /**
     * Writes {@code kernelsDir/seedscope-java/kernel.json}, replacing an older one; the file is
     * written under a temporary name and moved into place, so no half-written spec remains.
     *
     * @param kernelsDir a Jupyter {@code kernels} directory, created if missing
     * @param java       the {@code java} executable
     * @param classpath  the kernel's class path entries
     * @return the kernelspec folder
     * @throws UncheckedIOException if the folder or file cannot be written
     */
    static Path install(Path kernelsDir, Path java, List<Path> classpath) {
        Path dir = kernelsDir.resolve(NAME);
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "kernel", ".json.tmp");
            Files.writeString(tmp, kernelJson(java, classpath), StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve("kernel.json"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kernelspec in " + dir, e);
        }
    }

    /**
     * Where {@code jupyter kernelspec install} would put kernelspecs for the given option.
     *
     * @param options   none or {@code --user}: the user's Jupyter data directory
     *                  ({@code $JUPYTER_DATA_DIR}, else {@code ~/.local/share/jupyter});
     *                  {@code --sys-prefix}: {@code sys.prefix} of the {@code python3} on
     *                  {@code PATH}, plus {@code share/jupyter}; {@code --prefix DIR}:
     *                  {@code DIR/share/jupyter}. Each followed by {@code /kernels}.
     * @param env       the environment to read {@code JUPYTER_DATA_DIR} from
     * @param home      the user's home directory
     * @return the kernels directory, absolute
     * @throws IllegalArgumentException for an unknown option, or {@code --prefix} without a
     *                                  directory, or more than one option
     * @throws IllegalStateException    if {@code --sys-prefix} finds no Python to ask
     */
    static Path kernelsDir(List<String> options, Map<String, String> env, Path home) {
        String allowed = "allowed: --user (default), --sys-prefix, --prefix DIR";
        Path jupyterDir;
        if (options.isEmpty() || options.equals(List.of("--user"))) {
            String dataDir = env.get("JUPYTER_DATA_DIR");
            jupyterDir = dataDir != null && !dataDir.isBlank()
                    ? Path.of(dataDir)
                    : home.resolve(".local").resolve("share").resolve("jupyter");
        } else if (options.equals(List.of("--sys-prefix"))) {
            jupyterDir = pythonSysPrefix().resolve("share").resolve("jupyter");
        } else if (options.size() == 2 && options.get(0).equals("--prefix")) {
            jupyterDir = Path.of(options.get(1)).resolve("share").resolve("jupyter");
        } else if (options.equals(List.of("--prefix"))) {
            throw new IllegalArgumentException("install: --prefix needs a directory; " + allowed);
        } else {
            throw new IllegalArgumentException("install: unsupported options " + options + "; " + allowed);
        }
        return jupyterDir.resolve("kernels").toAbsolutePath().normalize();
    }

    private static Path pythonSysPrefix() {
        List<String> tried = new ArrayList<>();
        for (String name : List.of("python3", "python")) {
            Path python = MavenMagic.findOnPath(name).orElse(null);
            if (python == null) {
                continue;
            }
            tried.add(python.toString());
            try {
                Process p = new ProcessBuilder(python.toString(), "-c", "import sys; print(sys.prefix)")
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                if (p.waitFor() == 0 && !out.isEmpty()) {
                    return Path.of(out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("install --sys-prefix: cannot run " + python, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("install --sys-prefix: interrupted while asking " + python, e);
            }
        }
        throw new IllegalStateException("install --sys-prefix needs python3 (or python) on the PATH to find"
                + " sys.prefix; tried " + (tried.isEmpty() ? "none found" : tried) + "; use --prefix DIR instead");
    }
}
