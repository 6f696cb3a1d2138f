package org.seedscope.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavadocIndexTest {

    private final JavadocIndex index = new JavadocIndex(Map.of(
            "T:org.example.Widget", "A widget.",
            "T:org.example.Widget.Part", "A part of a widget.",
            "M:Widget.Widget(String,int)", "Makes a widget.",
            "M:Widget.resize(double)", "Resizes by a factor.",
            "M:Widget.resize(int,int)", "Resizes to a size.",
            "M:Widget.tags(List,String[])", "Tags it.",
            "M:Widget.draw(Canvas)", "Draws it.",
            "M:Widget.MAX", "The largest size.",
            "M:Part.name()", "The part's name."));

    @Test
    void typesByQualifiedOrUniqueSimpleName() {
        assertEquals(Optional.of("A widget."), index.lookup("org.example.Widget"));
        assertEquals(Optional.of("A part of a widget."), index.lookup("org.example.Widget.Part"));
        assertEquals(Optional.of("A widget."), index.lookup("Widget"));
        assertEquals(Optional.empty(), index.lookup("org.example.Gadget"));
    }

    @Test
    void membersAsJShellPrintsThem() {
        assertEquals(Optional.of("Resizes by a factor."), index.lookup("void Widget.resize(double factor)"));
        assertEquals(Optional.of("Resizes to a size."), index.lookup("Widget org.example.Widget.resize(int w, int h)"));
        assertEquals(Optional.of("Tags it."),
                index.lookup("void Widget.tags(java.util.List<java.util.Map<String, Integer>> tags, String... more)"),
                "generics erased, varargs as arrays, qualified names simple");
        assertEquals(Optional.of("Makes a widget."), index.lookup("org.example.Widget(String name, int size)"),
                "constructor");
        assertEquals(Optional.of("The largest size."), index.lookup("int Widget.MAX"), "field");
        assertEquals(Optional.of("The part's name."), index.lookup("String Widget.Part.name()"),
                "members of nested types by the innermost simple name");
        assertEquals(Optional.of("Draws it."), index.lookup("void Widget.draw(org.other.Canvas2 c)"),
                "the only overload of that name stands in");
        assertEquals(Optional.empty(), index.lookup("void Widget.resize(long n)"),
                "two overloads, neither matching: nothing rather than the wrong one");
        assertEquals(Optional.empty(), index.lookup("int half(int n)"), "a method declared in the notebook");
    }

    @Test
    void simpleErasedTypes() {
        assertEquals("List", JavadocIndex.simpleType("java.util.List<java.lang.String>"));
        assertEquals("String[]", JavadocIndex.simpleType("String..."));
        assertEquals("double[][]", JavadocIndex.simpleType("double[][]"));
        assertEquals("Entry", JavadocIndex.simpleType("Map.Entry<K, V>"));
        assertEquals("Foo", JavadocIndex.simpleType("@Deprecated org.x.Foo"));
    }

    @Test
    void theIndexerReadsDocCommentsAsPlainText(@TempDir Path src) throws IOException {
        Path dir = Files.createDirectories(src.resolve("org/example"));
        Files.writeString(dir.resolve("Widget.java"), """
                package org.example;
                /** A {@code Widget} &lt;small&gt;, see {@link java.util.List#of() lists}. More text. */
                public final class Widget {
                    /** The largest size. */
                    public static final int MAX = 3;
                    /** Hidden. */
                    static int packagePrivate() { return 0; }
                    /**
                     * Resizes it, as {@link #MAX} allows.
                     * @param factor the <i>factor</i>
                     * @return a copy
                     * @throws IllegalArgumentException when factor is negative
                     */
                    public Widget resize(double factor, String... notes) { return this; }
                    /**
                     * A part.
                     * @param name its name
                     */
                    public record Part(String name) {}
                }
                """);
        Map<String, String> entries = JavadocIndexer.index(src);
        assertEquals("A Widget <small>, see lists.", entries.get("T:org.example.Widget"));
        assertEquals("The largest size.", entries.get("M:Widget.MAX"));
        assertEquals("Resizes it, as MAX allows.\n@param factor the factor\n@return a copy\n"
                + "@throws IllegalArgumentException when factor is negative", entries.get("M:Widget.resize(double,String[])"));
        assertEquals("its name", entries.get("M:Part.name()"), "a record component's @param documents its accessor");
        assertTrue(entries.containsKey("T:org.example.Widget.Part"));
        assertTrue(entries.keySet().stream().noneMatch(k -> k.contains("packagePrivate")), entries.keySet()::toString);
    }

    @Test
    void theShippedIndexDocumentsTheToolkit() {
        JavadocIndex shipped = JavadocIndex.load(JavadocIndex.class.getClassLoader());
        assertTrue(shipped.size() > 500, "built from the toolkit's sources: " + shipped.size());
        assertTrue(shipped.lookup("org.seedscope.study.Study").orElseThrow().startsWith("The fluent entry point"));
        assertTrue(shipped.lookup("SeedVariance SeedVariance.of(tech.tablesaw.api.Table rows, String metric)")
                .orElseThrow().startsWith("Analyses every slice with 95 % intervals and the metric"));
    }
}
