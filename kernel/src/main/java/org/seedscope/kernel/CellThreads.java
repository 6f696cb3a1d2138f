package org.seedscope.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * The threads a cell runs on, and how an interrupt stops them without tearing library code apart.
 *
 * <p>JShell runs snippet code on threads of its own thread group, below the evaluator's; every
 * thread the cell starts (a study's workers, say) inherits that group. {@link #stop} interrupts all
 * of them, so library code that checks {@link Thread#interrupted()} stops cleanly, and calls
 * {@link jdk.jshell.JShell#stop()} for snippet code that does not.
 *
 * <p>Up to Java 19, {@code JShell.stop()} is {@code ThreadGroup.stop()}: it throws
 * {@link ThreadDeath} at an arbitrary point into <em>every</em> thread of the group. Inside library
 * code that is fatal: a study's runner, waiting in a {@code finally} block for its workers to leave
 * ONNX Runtime, was cut short, closed the engine's sessions while a worker was still inside
 * {@code OrtSession.run}, and the JVM died with SIGSEGV in libonnxruntime.so. So on those Java
 * versions {@code stop()} is only called while every thread of the cell runs code compiled from
 * snippets or the JDK's own code ({@link #onlySnippetOrJdkCode}); while any runs library code
 * (the toolkit, ONNX Runtime, Tablesaw, a {@code %maven} jar) the cell is only interrupted. From
 * Java 20 on, {@code stop()} sets a flag that only instrumented snippet code checks, which is
 * safe everywhere, so it is always called. Either way, library code that never looks at its
 * interrupt flag cannot be stopped; the kernel then has to be restarted.
 */
final class CellThreads {
    /** Whether {@code JShell.stop()} is {@code ThreadGroup.stop()} on this Java (19 and older). */
    static final boolean STOP_THROWS_THREAD_DEATH = Runtime.version().feature() < 20;
    /** Package of the classes JShell compiles snippets into. */
    private static final String SNIPPET_PACKAGE = "REPL.";
    /** Reflection accessors the JDK generates at run time; they carry no module name. */
    private static final String GENERATED_ACCESSORS = "jdk.internal.reflect.Generated";

    private final ThreadGroup group;

    /** @param group the thread group of the evaluator's worker, which JShell's group is below */
    CellThreads(ThreadGroup group) {
        this.group = group;
    }

    /**
     * Stops the cell: decides from the threads' stacks whether {@code jshellStop} may run (see the
     * class comment), runs it if so, then interrupts every thread of the cell.
     *
     * @param worker     the evaluator's worker, which is neither stopped nor interrupted
     * @param jshellStop calls {@code JShell.stop()}
     */
    void stop(Thread worker, Runnable jshellStop) {
        List<Thread> threads = threads(worker);
        if (!STOP_THROWS_THREAD_DEATH || threads.stream().allMatch(t -> onlySnippetOrJdkCode(t.getStackTrace()))) {
            jshellStop.run();
        }
        threads.forEach(Thread::interrupt);
    }

    /** @return the live threads of the group and its subgroups, except {@code worker} */
    private List<Thread> threads(Thread worker) {
        Thread[] all;
        int count;
        do {
            all = new Thread[group.activeCount() + 8];
            count = group.enumerate(all, true);
        } while (count == all.length);
        List<Thread> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (all[i] != worker) {
                out.add(all[i]);
            }
        }
        return out;
    }

    /**
     * @param stack a thread's stack
     * @return whether every frame is in a snippet class (package {@code REPL}) or in a JDK module
     *         (a named module, or a reflection accessor the JDK generated); false if any frame is
     *         in a class from the class path
     */
    static boolean onlySnippetOrJdkCode(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            String type = frame.getClassName();
            boolean jdk = frame.getModuleName() != null || type.startsWith(GENERATED_ACCESSORS);
            if (!jdk && !type.startsWith(SNIPPET_PACKAGE)) {
                return false;
            }
        }
        return true;
    }
}
