package org.seedscope.kernel;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.execution.LocalExecutionControlProvider;

/**
 * Evaluates notebook cells with JShell in this JVM (local execution control), so that a cell's
 * last expression comes back as the live object rather than as a string.
 *
 * <p>All JShell work runs on one worker thread owned by this evaluator; JShell itself starts
 * snippet code on short-lived threads in a thread group below the worker's. {@link #interrupt()}
 * interrupts those snippet threads (and any threads they started), so library code that checks
 * {@link Thread#interrupted()} stops, and calls {@link JShell#stop()} for snippet code when that
 * is safe ({@link CellThreads}). While a magic runs, the worker itself is interrupted instead.
 */
final class CellEvaluator implements AutoCloseable {
    /** Runs one line magic of a cell, on the evaluator's worker thread. */
    @FunctionalInterface
    interface MagicRunner {
        /**
         * @param name the magic's name, without {@code %}
         * @param args its whitespace-separated arguments
         * @throws Exception if the magic fails; its message is shown to the user
         */
        void run(String name, List<String> args) throws Exception;
    }

    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final CellThreads cellThreads;
    private final ExecutorService worker;
    private final CellInterrupts interrupts = new CellInterrupts(this::stopSnippetThreads,
            () -> this.workerThread.interrupt());
    private final SnippetOrigins origins = new SnippetOrigins();
    private final Set<String> classpath = new LinkedHashSet<>();
    private final List<String> acceptedImports = new ArrayList<>();
    private volatile Thread workerThread;
    private volatile JShell shell;
    private RuntimeException startupFailure;
    private CellSource currentCell;
    private long cellNumber;
    private long handoffs;

    /**
     * Starts JShell on the worker thread; cells submitted meanwhile wait for it.
     *
     * @param classpath entries added to JShell's class path, in order
     * @param imports   gives, on the worker thread, the import statements to evaluate first;
     *                  those that do not compile are skipped
     */
    CellEvaluator(List<Path> classpath, Supplier<List<String>> imports) {
        int id = INSTANCES.incrementAndGet();
        ThreadGroup group = new ThreadGroup("seedscope-cells-" + id);
        this.cellThreads = new CellThreads(group);
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(group, r, "seedscope-jshell-" + id);
            t.setDaemon(true);
            workerThread = t;
            return t;
        });
        List<Path> entries = List.copyOf(classpath);
        worker.submit(() -> start(entries, imports));
    }

    /** @return an evaluator with this JVM's class path and the {@link DefaultImports} */
    static CellEvaluator forThisJvm() {
        List<Path> classpath = jvmClasspath();
        return new CellEvaluator(classpath,
                () -> DefaultImports.forClasspath(classpath, ClassLoader.getSystemClassLoader()));
    }

    /** @return the entries of {@code java.class.path}, as absolute paths */
    static List<Path> jvmClasspath() {
        List<Path> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                out.add(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        return out;
    }

    private void start(List<Path> entries, Supplier<List<String>> imports) {
        try {
            JShell js = JShell.builder()
                    .executionEngine(new LocalExecutionControlProvider(), Map.of())
                    .build();
            shell = js;
            entries.forEach(this::addEntry);
            for (String statement : imports.get()) {
                List<SnippetEvent> events = js.eval(statement);
                if (!events.isEmpty() && events.get(0).status() == Snippet.Status.VALID) {
                    acceptedImports.add(statement);
                }
            }
        } catch (RuntimeException e) {
            startupFailure = e;
        }
    }

    /**
     * Evaluates a cell: its code snippet by snippet, its line magics in place.
     *
     * @param cell   the cell's text
     * @param magics runs the cell's line magics
     * @return the value of the cell's last snippet if that is an expression (which may be
     *         {@code null}); {@code null} if it is a declaration, statement or magic
     * @throws CompilationException      if a snippet does not compile (later snippets do not run)
     * @throws EvaluationException       if a snippet throws, or a magic fails (its message,
     *                                   prefixed with the magic's cell line)
     * @throws CellInterruptedException  if {@link #interrupt()} stopped the cell
     */
    Object eval(String cell, MagicRunner magics) {
        return onWorker(() -> evaluateCell(new CellSource(cell), magics));
    }

    /**
     * Stops the running cell, if any: see the class comment and {@link CellInterrupts}. Safe to
     * call from any thread and when nothing runs.
     */
    void interrupt() {
        interrupts.interrupt();
    }

    /** Stops snippet code and interrupts every thread the cell started ({@link CellThreads#stop}). */
    private void stopSnippetThreads() {
        cellThreads.stop(workerThread, shell::stop);
    }

    /** @return JShell's completions for the snippet around the cursor ({@link SourceAnalysis}) */
    SourceAnalysis.Completion complete(String code, int cursor) {
        return onWorker(() -> SourceAnalysis.complete(shell, code, cursor));
    }

    /** @return JShell's documentation of what is at the cursor ({@link SourceAnalysis}) */
    List<SourceCodeAnalysis.Documentation> documentation(String code, int cursor) {
        return onWorker(() -> SourceAnalysis.documentation(shell, code, cursor));
    }

    /** @return whether the cell is complete ({@link SourceAnalysis#isComplete}) */
    String isComplete(String code) {
        return onWorker(() -> SourceAnalysis.isComplete(shell, code));
    }

    /**
     * Adds jars or class directories to the session's class path (compiler and class loader);
     * entries already present are skipped.
     *
     * @param entries the entries
     * @return the entries that were new
     */
    List<Path> addToClasspath(List<Path> entries) {
        return onWorker(() -> {
            List<Path> added = new ArrayList<>();
            for (Path entry : entries) {
                if (addEntry(entry)) {
                    added.add(entry);
                }
            }
            return added;
        });
    }

    /** @return the session's class path entries, in the order they were added */
    List<Path> classpath() {
        return onWorker(() -> classpath.stream().map(Path::of).toList());
    }

    /** @return the default imports that compiled at start-up, in evaluation order */
    List<String> imports() {
        return onWorker(() -> List.copyOf(acceptedImports));
    }

    /** Stops the worker and closes JShell. */
    @Override
    public void close() {
        interrupt();
        worker.submit(() -> {
            if (shell != null) {
                shell.close();
            }
        });
        worker.shutdown();
    }

    private boolean addEntry(Path entry) {
        String path = entry.toAbsolutePath().normalize().toString();
        if (!classpath.add(path)) {
            return false;
        }
        shell.addToClasspath(path);
        return true;
    }

    /**
     * Runs {@code task} on the worker thread and waits for it; runs it directly when already on
     * the worker (a magic adding to the class path).
     */
    private <T> T onWorker(Callable<T> task) {
        Callable<T> checked = () -> {
            if (startupFailure != null) {
                throw new IllegalStateException("JShell failed to start: " + startupFailure.getMessage(), startupFailure);
            }
            return task.call();
        };
        if (Thread.currentThread() == workerThread) {
            try {
                return checked.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        Future<T> result = worker.submit(checked);
        try {
            return result.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            interrupt();
            throw new CellInterruptedException("Interrupted while waiting for the kernel's JShell worker.");
        }
    }

    private Object evaluateCell(CellSource cell, MagicRunner magics) {
        currentCell = cell;
        cellNumber++;
        interrupts.begin(cellNumber);
        Object value = null;
        try {
            for (CellSource.Segment segment : cell.segments()) {
                interrupts.check(cell, segment.offset());
                if (segment.magic()) {
                    runMagic(cell, segment, magics);
                    value = null;
                } else {
                    value = evaluateCode(cell, segment);
                }
            }
            return value;
        } finally {
            interrupts.end();
        }
    }

    private void runMagic(CellSource cell, CellSource.Segment segment, MagicRunner magics) {
        interrupts.setPhase(CellInterrupts.Phase.MAGIC);
        try {
            magics.run(segment.magicName(), segment.magicArgs());
        } catch (InterruptedException e) {
            throw CellInterrupts.stopped(cell, segment.offset());
        } catch (Exception e) {
            interrupts.check(cell, segment.offset());
            int line = cell.lineAt(segment.offset());
            throw new EvaluationException("line " + line + ": " + e.getMessage());
        } finally {
            interrupts.setPhase(CellInterrupts.Phase.IDLE);
        }
        interrupts.check(cell, segment.offset());
    }

    /** @return the value of the segment's last snippet, or {@code null} (see {@link #eval}) */
    private Object evaluateCode(CellSource cell, CellSource.Segment segment) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = segment.text();
        int offset = segment.offset();
        String valueName = null;
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            boolean complete = info.completeness().isComplete();
            String source = complete ? info.source() : rest;
            String remaining = complete ? info.remaining() : "";
            SnippetEvent event = run(source);
            interrupts.check(cell, offset, event.exception());
            Snippet snippet = event.snippet();
            origins.record(snippet.id(), source, cellNumber, offset);
            if (event.status() == Snippet.Status.REJECTED) {
                List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
                throw FailureReports.compilation(cell, offset, errors);
            }
            if (event.exception() != null) {
                throw runtimeFailure(event.exception());
            }
            valueName = valueName(snippet);
            offset += rest.length() - remaining.length();
            rest = remaining;
        }
        return valueName == null ? null : handOff(valueName, cell, offset);
    }

    private SnippetEvent run(String source) {
        interrupts.setPhase(CellInterrupts.Phase.SNIPPET);
        try {
            return shell.eval(source).stream()
                    .filter(e -> e.causeSnippet() == null)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("JShell reported no event for: " + source));
        } finally {
            interrupts.setPhase(CellInterrupts.Phase.IDLE);
        }
    }

    /** @return the variable holding the snippet's value if it is an expression, else null */
    private static String valueName(Snippet snippet) {
        if (snippet instanceof ExpressionSnippet expression) {
            return expression.name();
        }
        if (snippet instanceof VarSnippet variable
                && variable.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            return variable.name();
        }
        return null;
    }

    /** Reads a snippet variable's live object through {@link ResultHandoff}. */
    private Object handOff(String variable, CellSource cell, int offset) {
        String key = "cell-" + cellNumber + "-" + (++handoffs) + "-" + System.identityHashCode(this);
        SnippetEvent event = run(ResultHandoff.class.getName() + ".offer(\"" + key + "\", " + variable + ");");
        interrupts.check(cell, offset);
        try {
            if (event.status() == Snippet.Status.REJECTED) {
                throw new IllegalStateException("cannot read the value of " + variable + ": "
                        + shell.diagnostics(event.snippet()).map(d -> d.getMessage(null)).collect(Collectors.joining("; ")));
            }
            if (event.exception() != null) {
                throw runtimeFailure(event.exception());
            }
            return ResultHandoff.take(key);
        } finally {
            shell.drop(event.snippet());
        }
    }

    private RuntimeException runtimeFailure(JShellException thrown) {
        if (thrown instanceof UnresolvedReferenceException unresolved) {
            DeclarationSnippet declaration = unresolved.getSnippet();
            String missing = shell.unresolvedDependencies(declaration).collect(Collectors.joining(", "));
            return new EvaluationException("UnresolvedReferenceException: " + declaration.kind().toString().toLowerCase()
                    + " " + declaration.name() + " cannot run until these are defined: " + missing);
        }
        return FailureReports.evaluation((EvalException) thrown,
                (snippetId, line) -> origins.describe(snippetId, line, cellNumber, currentCell));
    }

}
