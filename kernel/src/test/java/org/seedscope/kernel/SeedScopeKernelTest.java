package org.seedscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kernel in-process, without Jupyter: one JShell session shared by all tests (each test uses
 * its own variable names), as in a notebook.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeedScopeKernelTest {
    private SeedScopeKernel kernel;

    @BeforeAll
    void startKernel() {
        kernel = new SeedScopeKernel(CellEvaluator.forThisJvm(), MavenMagic.fromPath());
    }

    @AfterAll
    void stopKernel() {
        kernel.onShutdown(false);
    }

    @Test
    void lastExpressionIsReturnedAsTheLiveObject() {
        assertEquals(2, kernel.evalRaw("1 + 1"));
        Object list = kernel.evalRaw("java.util.List.of(\"a\", \"b\")");
        assertEquals(List.of("a", "b"), list, "the cell's value is the real object, not its toString");
    }

    @Test
    void multiStatementCellReturnsItsLastExpression() {
        Object value = kernel.evalRaw("int first = 20;\nint second = 22;\n// a comment\nfirst + second");
        assertEquals(42, value, "hand computation: 20 + 22");
        assertEquals(42, kernel.evalRaw("first + second"), "declarations persist across cells");
        assertNull(kernel.evalRaw("int third = 3;"), "a cell ending in a declaration shows nothing");
    }

    @Test
    void defaultImportsIncludeTheToolkitAndTablesaw() {
        List<String> imports = kernel.imports();
        assertTrue(imports.contains("import org.seedscope.data.*;"), imports::toString);
        assertTrue(imports.contains("import tech.tablesaw.api.*;"), imports::toString);
        assertEquals("Examples", kernel.evalRaw("Examples.class.getSimpleName()"),
                "toolkit classes resolve without an explicit import");
    }

    @Test
    void compileErrorNamesTheCellLineAndShowsIt() {
        CompilationException e = assertThrows(CompilationException.class,
                () -> kernel.evalRaw("int fine = 1;\nint broken = undefinedThing + 1;\nfine"));
        assertTrue(e.getMessage().startsWith("line 2: cannot find symbol"), e.getMessage());
        assertTrue(e.getMessage().contains("int broken = undefinedThing + 1;"), e.getMessage());
        assertTrue(e.getMessage().contains("variable undefinedThing"), e.getMessage());
        String[] lines = e.getMessage().split("\n");
        String caret = lines[lines.length - 1];
        assertEquals("int broken = ".length(), caret.indexOf('^'), "caret under the unknown name:\n" + e.getMessage());
    }

    @Test
    void runtimeExceptionNamesTypeMessageAndCellLine() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> kernel.evalRaw("// leading comment\nint[] small = new int[2];\n\n/* note */ int boom =\n    small[5];"));
        assertTrue(e.getMessage().startsWith("java.lang.ArrayIndexOutOfBoundsException: Index 5 out of bounds for length 2"),
                e.getMessage());
        assertTrue(e.getMessage().contains("line 4 of the cell: /* note */ int boom ="),
                "javac puts the statement on its first line; the leading block comment does not shift it: " + e.getMessage());
    }

    @Test
    void runtimeExceptionInLibraryCodeKeepsLibraryFramesAboveTheCellLine() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> kernel.evalRaw("String digits = \"12x\";\nInteger.parseInt(digits)"));
        String report = e.getMessage();
        assertTrue(report.startsWith("java.lang.NumberFormatException: For input string: \"12x\""), report);
        int library = report.indexOf("java.lang.Integer.parseInt");
        int cell = report.indexOf("line 2 of the cell: Integer.parseInt(digits)");
        assertTrue(library > 0 && cell > library, report);
    }

    @Test
    void snippetsAfterAFailureDoNotRun() {
        kernel.evalRaw("int progress = 1;");
        assertThrows(EvaluationException.class,
                () -> kernel.evalRaw("progress = 2;\nif (progress > 0) throw new IllegalStateException(\"stop\");\nprogress = 3;"));
        assertEquals(2, kernel.evalRaw("progress"));
    }

    @Test
    void exceptionInAMethodFromAnEarlierCellPointsIntoThatSnippet() {
        kernel.evalRaw("int half(int n) {\n  if (n % 2 != 0) throw new IllegalArgumentException(\"odd: \" + n);\n  return n / 2;\n}");
        EvaluationException e = assertThrows(EvaluationException.class, () -> kernel.evalRaw("half(4) + half(3)"));
        assertTrue(e.getMessage().contains("half(), line 2 of a snippet from an earlier cell: if (n % 2 != 0)"), e.getMessage());
        assertTrue(e.getMessage().contains("line 1 of the cell: half(4) + half(3)"), e.getMessage());
    }

    @Test
    void bufferedImageIsShownAsPng() throws IOException {
        DisplayData shown = kernel.eval("var picture = new java.awt.image.BufferedImage(7, 5, java.awt.image.BufferedImage.TYPE_INT_RGB);\npicture");
        BufferedImage decoded = decodePng(shown);
        assertEquals(7, decoded.getWidth());
        assertEquals(5, decoded.getHeight());
        assertEquals("image 7\u00d75", shown.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void tablesawTableIsShownAsEscapedHtmlAndText() {
        DisplayData shown = kernel.eval("Table scores = Table.create(\"scores\",\n"
                + "    DoubleColumn.create(\"x\", 1.5, 2.5),\n"
                + "    StringColumn.create(\"label\", \"<b>\", \"a&b\"));\nscores");
        String html = (String) shown.getData(MIMEType.TEXT_HTML);
        assertNotNull(html, "text/html present");
        assertTrue(html.contains("<caption>scores \u2014 2 rows \u00d7 2 columns</caption>"), html);
        assertTrue(html.contains("<th>x</th><th>label</th>"), html);
        assertTrue(html.contains("<td>1.5</td><td>&lt;b&gt;</td>"), html);
        assertTrue(html.contains("<td>2.5</td><td>a&amp;b</td>"), html);
        String text = (String) shown.getData(MIMEType.TEXT_PLAIN);
        assertTrue(text.contains("label"), "text/plain is Tablesaw's own rendering: " + text);
    }

    @Test
    void chartIsShownAsPngOfItsSize() throws IOException {
        DisplayData shown = kernel.eval("var chart = new XYChartBuilder().width(320).height(240).title(\"loss\").build();\n"
                + "chart.addSeries(\"train\", new double[] {1, 2, 3}, new double[] {3, 2, 1});\nchart");
        BufferedImage decoded = decodePng(shown);
        assertEquals(320, decoded.getWidth());
        assertEquals(240, decoded.getHeight());
        assertEquals("XYChart \"loss\" 320\u00d7240, 1 series, 3 points", shown.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void objectsWithToHtmlOrToPngRenderThemselves() {
        DisplayData shown = kernel.eval("record Badge(String text) {\n"
                + "  public String toHtml() { return \"<i>\" + text + \"</i>\"; }\n}\nnew Badge(\"seed 11\")");
        assertEquals("<i>seed 11</i>", shown.getData(MIMEType.TEXT_HTML));
        assertEquals("Badge[text=seed 11]", shown.getData(MIMEType.TEXT_PLAIN));
        DisplayData plain = kernel.eval("new StringBuilder(\"plain\")");
        assertEquals("plain", String.valueOf(plain.getData(MIMEType.TEXT_PLAIN)));
        assertNull(plain.getData(MIMEType.TEXT_HTML));
    }

    @Test
    void completionSuggestsStringMembersForTheSnippetAtTheCursor() {
        String cell = "int unrelated = 1;\n\"abc\".toUpp";
        ReplacementOptions options = kernel.complete(cell, cell.length());
        assertTrue(options.getReplacements().contains("toUpperCase("), options.getReplacements()::toString);
        assertEquals(cell.indexOf("toUpp"), options.getSourceStart());
        assertEquals(cell.length(), options.getSourceEnd());
    }

    @Test
    void isCompleteAsksForMoreInputInsideABlock() {
        assertEquals(BaseKernel.IS_COMPLETE_YES, kernel.isComplete("int a = 1;\na + 1"));
        assertEquals("", kernel.isComplete("for (int i = 0; i < 3; i++) {"));
    }

    @Test
    void unknownMagicIsReportedWithItsLine() {
        EvaluationException e = assertThrows(EvaluationException.class, () -> kernel.evalRaw("int m = 1;\n%nosuchmagic x"));
        assertEquals("line 2: Undefined line magic 'nosuchmagic'", e.getMessage());
    }

    @Test
    void mavenMagicAddsAnArtifactToTheClassPath() {
        assumeTrue(MavenMagic.findOnPath("mvn").isPresent(), "skipped: no mvn on the PATH");
        // Not a dependency of the kernel; Maven downloads it from Central if the local repository lacks it.
        Object value = kernel.evalRaw("%maven commons-io:commons-io:2.16.1\n"
                + "org.apache.commons.io.FilenameUtils.getExtension(\"results.csv\")");
        assertEquals("csv", value);
    }

    @Test
    void mavenMagicReportsAnArtifactThatDoesNotExist() {
        assumeTrue(MavenMagic.findOnPath("mvn").isPresent(), "skipped: no mvn on the PATH");
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> kernel.evalRaw("int beforeMaven = 1;\n%maven org.seedscope.nonexistent:nothing:0.0.1"));
        assertTrue(e.getMessage().startsWith("line 2: %maven could not resolve org.seedscope.nonexistent:nothing:0.0.1"),
                e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "while (true) { }",
        "while (true) { Thread.sleep(20); }",
        "org.seedscope.kernel.CellSignals.spinUntilInterrupted();\nThread.sleep(60_000);"
    })
    void interruptStopsTheCellAndTheKernelKeepsWorking(String loop) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CellSignals.started = started;
        CompletableFuture<Object> cell = CompletableFuture.supplyAsync(
                () -> kernel.evalRaw("org.seedscope.kernel.CellSignals.started.countDown();\n" + loop));
        assertTrue(started.await(60, TimeUnit.SECONDS), "the cell started");
        kernel.interrupt();
        ExecutionException e = assertThrows(ExecutionException.class, () -> cell.get(30, TimeUnit.SECONDS),
                "the cell ends within 30 s of the interrupt");
        assertInstanceOf(CellInterruptedException.class, e.getCause());
        assertEquals(42, kernel.evalRaw("6 * 7"), "the next cell runs normally");
    }

    /**
     * The mechanism of the JVM crash on interrupting a study (SIGSEGV in libonnxruntime.so): on
     * Java 17, JShell's stop() threw ThreadDeath into library code — the runner, cut short while it
     * waited for its workers, closed the engine while a worker was still inside ONNX Runtime.
     */
    @Test
    void interruptNeverThrowsThreadDeathIntoLibraryCodeOrTheThreadsItStarted() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CellSignals.started = started;
        CellSignals.THREAD_DEATHS.set(0);
        CellSignals.workerEndedBeforeCleanup = false;
        CompletableFuture<Object> cell = CompletableFuture.supplyAsync(
                () -> kernel.evalRaw("org.seedscope.kernel.CellSignals.runWorkerUntilInterrupted();"));
        assertTrue(started.await(60, TimeUnit.SECONDS), "the cell started");
        kernel.interrupt();
        ExecutionException e = assertThrows(ExecutionException.class, () -> cell.get(30, TimeUnit.SECONDS),
                "the cell ends within 30 s of the interrupt");
        assertInstanceOf(CellInterruptedException.class, e.getCause());
        assertEquals(0, CellSignals.THREAD_DEATHS.get(), "no ThreadDeath in library code or its worker");
        assertTrue(CellSignals.workerEndedBeforeCleanup, "the library waited for its worker, then cleaned up");
        assertEquals(42, kernel.evalRaw("6 * 7"), "the next cell runs normally");
    }

    @Test
    void interruptReportKeepsWhatTheLibrarySaysItSaved() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CellSignals.started = started;
        CompletableFuture<Object> cell = CompletableFuture.supplyAsync(
                () -> kernel.evalRaw("int beforeCancel = 1;\norg.seedscope.kernel.CellSignals.spinThenCancel();"));
        assertTrue(started.await(60, TimeUnit.SECONDS), "the cell started");
        kernel.interrupt();
        ExecutionException e = assertThrows(ExecutionException.class, () -> cell.get(30, TimeUnit.SECONDS));
        CellInterruptedException stopped = assertInstanceOf(CellInterruptedException.class, e.getCause());
        assertEquals("Interrupted: the cell was stopped while running the code from line 2"
                + " (org.seedscope.kernel.CellSignals.spinThenCancel();).\n"
                + "study interrupted; 3 of 5 cells are saved and a rerun resumes from there", stopped.getMessage());
    }

    @Test
    void snippetCodeIsRecognisedOnTheStackOfAJShellThread() {
        Object stack = kernel.evalRaw("Thread.currentThread().getStackTrace()");
        StackTraceElement[] frames = assertInstanceOf(StackTraceElement[].class, stack);
        assertTrue(CellThreads.onlySnippetOrJdkCode(frames),
                "a snippet thread running only snippet code may be stopped: " + java.util.Arrays.toString(frames));
        assertFalse(CellThreads.onlySnippetOrJdkCode(Thread.currentThread().getStackTrace()),
                "this test's own thread runs JUnit and kernel code from the class path");
    }

    private static BufferedImage decodePng(DisplayData shown) throws IOException {
        Object png = shown.getData(MIMEType.IMAGE_PNG);
        assertNotNull(png, "image/png present");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) png)));
        assertNotNull(image, "image/png decodes");
        return image;
    }
}
