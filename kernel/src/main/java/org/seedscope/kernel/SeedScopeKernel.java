package org.seedscope.kernel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.kernel.util.TextColor;
import org.seedscope.Version;

/**
 * The SeedScope Jupyter kernel: Java cells run by JShell inside the kernel's JVM, with the
 * toolkit, Tablesaw and XChart on the class path and imported.
 *
 * <p>A cell may hold several statements, declarations and expressions; the value of its last
 * expression becomes the cell's result, rendered by {@link Renderers} (tables as HTML, charts and
 * images as PNG, tables and arrays with rounded numbers). Lines of the form
 * {@code %maven group:artifact:version} add Maven artifacts to the class path. Errors name the
 * cell line. At start-up the kernel keeps Tribuo's java.util.logging output to warnings (Tribuo
 * logs every fit at level INFO, for example of the MIA attack model); Shift-Tab shows the
 * toolkit's Javadoc from a {@link JavadocIndex} built with the kernel. An interrupt stops the
 * running cell (see {@link CellEvaluator}) and leaves the session usable. Jupyter protocol handling comes from
 * JJava's {@link BaseKernel}.
 */
public final class SeedScopeKernel extends BaseKernel {
    /** Name of the java.util.logging logger the kernel limits to warnings at start-up. */
    static final String TRIBUO_LOGGER = "org.tribuo";

    private final CellEvaluator evaluator;
    private final JavadocIndex javadoc;
    /** Strong reference: java.util.logging holds loggers weakly and would forget the level. */
    private final Logger tribuoLog;

    SeedScopeKernel(CellEvaluator evaluator, MavenMagic maven) {
        super("seedscope", Version.toolkit(), languageInfo(), List.of(), null,
                new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(), null,
                new MagicsRegistry(), false, errorStyler());
        this.evaluator = evaluator;
        this.javadoc = JavadocIndex.load(SeedScopeKernel.class.getClassLoader());
        this.tribuoLog = Logger.getLogger(TRIBUO_LOGGER);
        tribuoLog.setLevel(Level.WARNING);
        Renderers.registerAll(renderer);
        magicsRegistry.registerLineMagic("maven", maven);
    }

    /**
     * Creates a kernel whose JShell session has this JVM's class path and the default imports,
     * and whose {@code %maven} uses the {@code mvn} found on {@code PATH}. JShell starts in the
     * background; the first cell waits for it.
     *
     * @return a kernel not yet connected to Jupyter
     */
    public static SeedScopeKernel create() {
        return new SeedScopeKernel(CellEvaluator.forThisJvm(), MavenMagic.fromPath());
    }

    private static LanguageInfo languageInfo() {
        return new LanguageInfo.Builder("java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".jshell")
                .pygments("java")
                .codemirror("text/x-java")
                .build();
    }

    private static StringStyler errorStyler() {
        return new StringStyler.Builder()
                .addPrimaryStyle(TextColor.BOLD_RESET_FG)
                .addSecondaryStyle(TextColor.BOLD_RED_FG)
                .addHighlightStyle(TextColor.BOLD_RESET_FG)
                .build();
    }

    /**
     * Runs a cell.
     *
     * @param source the cell
     * @return the value of the cell's last expression, or {@code null} if it ends with a
     *         declaration, statement or magic
     * @throws RuntimeException describing a compile error, an exception thrown by the cell, an
     *                          interrupt or a failed magic; its message is the report shown
     */
    @Override
    public Object evalRaw(String source) {
        return evaluator.eval(source, (name, args) -> magicsRegistry.evalLineMagic(this, name, args));
    }

    /**
     * @return the signatures of what is at {@code at}, one block per overload, each with its
     *         Javadoc: the JDK's where JShell finds it, else the toolkit's summary from the
     *         {@link JavadocIndex}; {@code null} if nothing is known
     */
    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        String doc = evaluator.documentation(code, at).stream()
                .map(d -> d.signature() + (d.javadoc() != null ? "\n" + d.javadoc()
                        : javadoc.lookup(d.signature()).map(text -> "\n" + text).orElse("")))
                .collect(Collectors.joining("\n\n"));
        return doc.isEmpty() ? null : new DisplayData(doc);
    }

    /** @return JShell's completions for the snippet at {@code at} */
    @Override
    public ReplacementOptions complete(String code, int at) {
        SourceAnalysis.Completion c = evaluator.complete(code, at);
        return new ReplacementOptions(c.options(), c.start(), c.end());
    }

    /** @return {@link #IS_COMPLETE_YES}, {@link #IS_COMPLETE_BAD} or an indent for more input */
    @Override
    public String isComplete(String code) {
        return evaluator.isComplete(code);
    }

    /** Stops the running cell, if any; the session stays usable. */
    @Override
    public void interrupt() {
        evaluator.interrupt();
    }

    /** Closes the JShell session after JJava's own shutdown steps. */
    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        evaluator.close();
    }

    /**
     * @return for cell failures, their report lines (no kernel stack trace); otherwise JJava's
     *         stack-trace format
     */
    @Override
    public List<String> formatError(Throwable e) {
        return e instanceof CellFailure failure ? failure.reportLines() : super.formatError(e);
    }

    /** Adds jars to the session's class path; see {@link CellEvaluator#addToClasspath}. */
    List<Path> addToClasspath(List<Path> entries) {
        return evaluator.addToClasspath(entries);
    }

    /** @return the session's class path entries */
    List<Path> classpath() {
        return evaluator.classpath();
    }

    /** @return the default imports that compiled at start-up */
    List<String> imports() {
        return evaluator.imports();
    }
}
