package org.seedscope;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The toolkit's version, as written into every result row's provenance. */
public final class Version {
    private Version() {}

    /** @return the toolkit version from the build, for example {@code 0.1.0-SNAPSHOT} */
    public static String toolkit() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read org/seedscope/version.properties", e);
        }
    }
}
