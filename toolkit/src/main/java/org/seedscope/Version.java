package org.seedscope;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.seedscope.files.Sha256;

/**
 * The identity of the running toolkit build, as written into every result row's provenance and
 * into every cache key and study-folder name.
 *
 * <p>Two identities matter: the <em>commit</em> the build came from (for people: which code made
 * a result; "modified" when the working tree had uncommitted changes), and the <em>build id</em>,
 * a hash of the bytes of every toolkit class ({@code org/seedscope/**.class}) actually loaded. The
 * build id changes whenever the code changes, committed or not, so a model cached or a row written
 * by other code is never reused; the version string ({@code 0.1.0-SNAPSHOT}) is not used for that.
 */
public final class Version {
    private Version() {}

    /** @return the toolkit version from the build, for example {@code 0.1.0-SNAPSHOT} */
    public static String toolkit() {
        return Properties.INSTANCE.getProperty("version", "unknown");
    }

    /**
     * @return the full commit id the toolkit was built from, or {@code unknown} when it was built
     *     outside a git checkout
     */
    public static String commit() {
        String c = Properties.INSTANCE.getProperty("commit", "");
        return c.isEmpty() || c.startsWith("${") ? "unknown" : c;
    }

    /** @return true when the build's working tree had uncommitted changes (or this is not known) */
    public static boolean modified() {
        return !"false".equals(Properties.INSTANCE.getProperty("dirty", "true"));
    }

    /**
     * @return the build id: the first 16 hex digits of SHA-256 over the toolkit's class files
     *     (sorted by name, each name and its bytes hashed)
     */
    public static String buildId() {
        return BuildId.VALUE;
    }

    /** @return e.g. {@code 0.1.0-SNAPSHOT commit a85f5960 (modified) build 3fa9c01d2e4b5a66}, for provenance */
    public static String describe() {
        String c = commit();
        return toolkit() + " commit " + (c.length() > 12 ? c.substring(0, 12) : c) + (modified() ? " (modified)" : "")
                + " build " + buildId();
    }

    /** The build's properties file, read once. */
    private static final class Properties {
        static final java.util.Properties INSTANCE = read();

        private static java.util.Properties read() {
            java.util.Properties p = new java.util.Properties();
            try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read org/seedscope/version.properties", e);
            }
            return p;
        }
    }

    /** The class-file hash, computed once per JVM. */
    private static final class BuildId {
        static final String VALUE = compute();

        private static String compute() {
            try {
                Path source = Path.of(Version.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                Map<String, byte[]> classes = Files.isDirectory(source) ? fromDirectory(source) : fromJar(source);
                MessageDigest md = Sha256.digest();
                for (Map.Entry<String, byte[]> e : classes.entrySet()) {
                    md.update(e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    md.update(e.getValue());
                }
                return HexFormat.of().formatHex(md.digest()).substring(0, 16);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the toolkit's classes to compute the build id", e);
            } catch (URISyntaxException | SecurityException e) {
                throw new IllegalStateException("cannot compute the toolkit's build id", e);
            }
        }

        private static Map<String, byte[]> fromDirectory(Path root) throws IOException {
            Map<String, byte[]> out = new TreeMap<>();
            Path base = root.resolve("org/seedscope");
            List<Path> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(base)) {
                walk.filter(p -> p.toString().endsWith(".class")).forEach(files::add);
            }
            for (Path f : files) {
                out.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
            return out;
        }

        private static Map<String, byte[]> fromJar(Path jar) throws IOException {
            Map<String, byte[]> out = new TreeMap<>();
            try (JarFile file = new JarFile(jar.toFile())) {
                for (JarEntry e : java.util.Collections.list(file.entries())) {
                    if (e.getName().startsWith("org/seedscope/") && e.getName().endsWith(".class")) {
                        try (InputStream in = file.getInputStream(e)) {
                            out.put(e.getName(), in.readAllBytes());
                        }
                    }
                }
            }
            return out;
        }
    }
}
