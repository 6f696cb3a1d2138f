package org.seedscope.notebook;

import java.nio.file.Path;
import java.util.Map;

/**
 * The two things every notebook asks first: is this a smoke run, and where are the shipped studies.
 * <pre>{@code
 * boolean SMOKE = Lab.smoke();                           // CI: tiny sizes
 * StudyResult demo = Lab.shipped("demo").get(LIVE);      // shipped rows, or the same study live
 * }</pre>
 */
public final class Lab {
    /** The environment variable that asks for smoke-sized runs when it is {@code 1} (CI sets it). */
    public static final String SMOKE_VARIABLE = "SEEDSCOPE_SMOKE";

    private Lab() {}

    /**
     * Whether notebooks should shrink every live computation to smoke size (tiny subsets, 2 seeds,
     * 2 epochs) so that CI can execute every cell in minutes; the numbers are then meaningless.
     *
     * @return true when the environment variable {@value #SMOKE_VARIABLE} is exactly {@code 1}
     */
    public static boolean smoke() {
        return smoke(System.getenv());
    }

    static boolean smoke(Map<String, String> environment) {
        return "1".equals(environment.get(SMOKE_VARIABLE));
    }

    /**
     * The study shipped in {@code datasets/studies/NAME} of the repository, looked up from the
     * working directory upwards (so it is found from {@code notebooks/}, {@code toolkit/} or the
     * repository root), as {@link ShippedStudy#named(String, Path)}.
     *
     * @param name {@code demo}, {@code grid}, {@code rankings} or {@code audit}
     * @return the shipped study
     * @throws IllegalArgumentException when no such study is found, naming the folders searched and
     *     the studies that exist
     */
    public static ShippedStudy shipped(String name) {
        return ShippedStudy.named(name, Path.of("").toAbsolutePath());
    }
}
