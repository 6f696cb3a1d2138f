package org.seedscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelSpecInstallerTest {
    @Test
    void kernelsDirFollowsJupyterConventions(@TempDir Path home) {
        assertEquals(home.resolve(".local/share/jupyter/kernels"), KernelSpecInstaller.kernelsDir(List.of(), Map.of(), home));
        assertEquals(home.resolve(".local/share/jupyter/kernels"),
                KernelSpecInstaller.kernelsDir(List.of("--user"), Map.of(), home));
        assertEquals(Path.of("/data/jup/kernels"),
                KernelSpecInstaller.kernelsDir(List.of("--user"), Map.of("JUPYTER_DATA_DIR", "/data/jup"), home));
        assertEquals(Path.of("/opt/env/share/jupyter/kernels"),
                KernelSpecInstaller.kernelsDir(List.of("--prefix", "/opt/env"), Map.of(), home));
    }

    @Test
    void badOptionsAreRejectedWithTheAllowedOnes(@TempDir Path home) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelSpecInstaller.kernelsDir(List.of("--system"), Map.of(), home));
        assertTrue(e.getMessage().contains("--system") && e.getMessage().contains("--prefix DIR"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelSpecInstaller.kernelsDir(List.of("--prefix"), Map.of(), home));
    }

    @Test
    void installWritesAKernelJsonThatStartsMainWithAnAbsoluteClasspathAndNoEnv(@TempDir Path tmp) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path dir = KernelSpecInstaller.install(tmp.resolve("kernels"), java, List.of(Path.of("relative.jar"), tmp.resolve("b")));
        assertEquals(tmp.resolve("kernels").resolve("seedscope-java"), dir);
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("kernel.json")), files.toList(), "no temporary file left");
        }
        JsonObject spec = JsonParser.parseString(Files.readString(dir.resolve("kernel.json"))).getAsJsonObject();
        List<String> argv = spec.getAsJsonArray("argv").asList().stream().map(e -> e.getAsString()).toList();
        assertEquals(java.toString(), argv.get(0));
        int cp = argv.indexOf("-cp");
        String expectedCp = Path.of("relative.jar").toAbsolutePath() + File.pathSeparator + tmp.resolve("b");
        assertEquals(expectedCp, argv.get(cp + 1));
        assertEquals(List.of("org.seedscope.kernel.Main", "{connection_file}"), argv.subList(argv.size() - 2, argv.size()));
        assertEquals("Java (SeedScope)", spec.get("display_name").getAsString());
        assertEquals("java", spec.get("language").getAsString());
        assertEquals("message", spec.get("interrupt_mode").getAsString(), "SIGINT would end the JVM");
        assertFalse(spec.has("env"), "an env block would replace the caller's CLASSPATH and friends");
    }

    @Test
    void mainInstallUsesThisJvmsClasspath(@TempDir Path tmp) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"install", "--prefix", tmp.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, status, out.toString(StandardCharsets.UTF_8));
        String json = Files.readString(tmp.resolve("share/jupyter/kernels/seedscope-java/kernel.json"));
        String classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
        assertTrue(json.contains(classes), "the kernel's own classes are on the recorded class path:\n" + json);
    }

    @Test
    void mainRejectsMissingConnectionFile(@TempDir Path tmp) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {tmp.resolve("nope.json").toString()}, System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("nope.json does not exist"), err::toString);
    }
}
